-- A sequence the old system numbered tickets with: no column uses it, no mapping names it.
CREATE SEQUENCE legacy_ticket_numbers;

-- Invoices, whose numbers the application takes from a sequence it names itself (@Sequence: no
-- default, no OWNED BY), brought over with their numbers, 1 to 300.
CREATE SEQUENCE invoice_numbers;
CREATE TABLE invoices (id bigint PRIMARY KEY, customer text NOT NULL);
INSERT INTO invoices SELECT g, 'migrated' FROM generate_series(1, 300) AS g;

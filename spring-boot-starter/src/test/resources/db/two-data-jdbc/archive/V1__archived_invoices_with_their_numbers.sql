-- the archive database: archived invoices, numbered by a sequence of their own, 1 to 500 brought over
CREATE SEQUENCE archived_invoice_numbers;
CREATE TABLE archived_invoices (id bigint PRIMARY KEY, customer text NOT NULL);
INSERT INTO archived_invoices SELECT g, 'migrated' FROM generate_series(1, 500) AS g;

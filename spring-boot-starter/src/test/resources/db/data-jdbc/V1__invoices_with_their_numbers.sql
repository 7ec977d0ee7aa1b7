-- the table Spring Data JDBC fills, with a sequence it calls itself (no default, no OWNED BY), and the
-- invoices of the old system brought over with their numbers, 1 to 300
CREATE SEQUENCE invoice_numbers;
CREATE TABLE invoices (id bigint PRIMARY KEY, customer text NOT NULL);
INSERT INTO invoices SELECT g, 'migrated' FROM generate_series(1, 300) AS g;

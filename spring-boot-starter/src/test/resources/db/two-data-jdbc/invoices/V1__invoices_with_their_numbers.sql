-- the invoices database: the table Spring Data JDBC fills with numbers from a sequence it calls
-- itself, and the old system's invoices with their numbers, 1 to 300
CREATE SEQUENCE invoice_numbers;
CREATE TABLE invoices (id bigint PRIMARY KEY, customer text NOT NULL);
INSERT INTO invoices SELECT g, 'migrated' FROM generate_series(1, 300) AS g;

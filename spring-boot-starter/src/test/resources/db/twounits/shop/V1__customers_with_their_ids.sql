-- The shop's database: Hibernate's sequence, which no column's default uses, and rows with explicit ids.
CREATE SEQUENCE customers_seq INCREMENT 50;
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
INSERT INTO customers (id, name) VALUES (1, 'Ada'), (730, 'Edsger');
CREATE SEQUENCE invoices_seq INCREMENT 50;
CREATE TABLE invoices (id bigint PRIMARY KEY);
INSERT INTO invoices (id) VALUES (12);

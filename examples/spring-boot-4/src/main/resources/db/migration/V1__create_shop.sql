CREATE TABLE customers (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, item text NOT NULL);
CREATE SEQUENCE invoice_no START 1000;
CREATE TABLE invoices (id bigint PRIMARY KEY DEFAULT nextval('invoice_no'), order_id int NOT NULL REFERENCES orders);
CREATE TABLE archived_invoices (id bigint PRIMARY KEY DEFAULT nextval('invoice_no'), order_id int NOT NULL);

-- The archive's database: the same names as the shop's, more rows; and a serial table no entity maps.
CREATE SEQUENCE customers_seq INCREMENT 50;
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
INSERT INTO customers (id, name) VALUES (1, 'Grace'), (2000, 'Barbara');
CREATE TABLE notes (id serial PRIMARY KEY, body text);
INSERT INTO notes (id, body) VALUES (1, 'moved'), (41, 'kept');
-- Left over from before the invoices moved to the shop: no table or entity uses it here.
CREATE SEQUENCE invoices_seq INCREMENT 50;

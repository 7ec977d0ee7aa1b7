CREATE TABLE products (id serial PRIMARY KEY, name text NOT NULL);
INSERT INTO products (id, name) VALUES (1, 'imported 1'), (2, 'imported 2');

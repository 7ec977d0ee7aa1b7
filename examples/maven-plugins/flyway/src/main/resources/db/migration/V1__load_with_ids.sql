CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL);
INSERT INTO orders (id, item) VALUES (1, 'apple'), (2, 'pear'), (40, 'plum');

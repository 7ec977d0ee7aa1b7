CREATE TABLE orders (id serial PRIMARY KEY, item text NOT NULL);
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);
INSERT INTO orders (id, item) VALUES (1, 'first'), (41, 'loaded');
INSERT INTO customers (id, name) OVERRIDING SYSTEM VALUE VALUES (7, 'Ada');

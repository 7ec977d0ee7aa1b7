-- The schema, and a data migration with explicit ids, as exported from another system.
CREATE TABLE orders (id bigserial PRIMARY KEY, item text NOT NULL);
INSERT INTO orders (id, item) VALUES (1, 'first'), (2, 'second'), (500, 'imported');

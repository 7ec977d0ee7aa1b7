-- An import script Hibernate runs after creating the schema: rows with explicit ids, for an entity and for a table of its own
INSERT INTO customers (id, name) VALUES (900, 'imported');
CREATE TABLE imported (id serial PRIMARY KEY);
INSERT INTO imported (id) VALUES (1), (77);

-- Hibernate's import script (import.sql), which it runs after creating the schema: explicit ids
INSERT INTO customers (id, name) VALUES (1, 'Ada'), (900, 'Edsger');
INSERT INTO tickets (id) VALUES (1), (77);

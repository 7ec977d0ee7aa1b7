-- data.sql with explicit ids, as tutorials write it: for a JPA entity and a serial table
INSERT INTO customers (id, name) VALUES (1, 'Ada'), (730, 'Edsger');
INSERT INTO things (id, name) VALUES (1, 'first'), (41, 'answer');

-- Fails with a duplicate key unless the sequence was resynced after V1.
INSERT INTO products (name) VALUES ('added by a later migration');

-- Rows arrive with their ids, as in a data-loading migration: the sequences do not move.
INSERT INTO orders (id, item) VALUES (1, 'apple'), (2, 'pear'), (40, 'plum');
INSERT INTO customers (id, name) OVERRIDING SYSTEM VALUE VALUES (7, 'Ada'), (8, 'Grace');
COPY audit (id, what) FROM STDIN;
100	created
101	updated
\.

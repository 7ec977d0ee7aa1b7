-- Data arrives with its ids, as from an export: the sequences stay where they were.
INSERT INTO customers (id, name) OVERRIDING SYSTEM VALUE VALUES (1, 'Ada'), (2, 'Grace'), (3, 'Barbara');
COPY orders (id, customer_id, item) FROM STDIN;
1	1	keyboard
2	2	compiler
42	3	terminal
\.
INSERT INTO invoices (id, order_id) VALUES (1000, 1), (1001, 2);
INSERT INTO archived_invoices (id, order_id) VALUES (1500, 42);

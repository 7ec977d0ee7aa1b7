INSERT INTO order_lines (id) VALUES (1), (730);
INSERT INTO invoices (id, total) VALUES (1, 10), (300, 20);

-- A data migration with explicit ids, as exported from another system.
INSERT INTO customers (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (730, 'Edsger');
INSERT INTO order_lines (id) VALUES (1), (99);
INSERT INTO payments (id) VALUES (1), (333);
INSERT INTO card_payments (id, last4) VALUES (333, '4242');

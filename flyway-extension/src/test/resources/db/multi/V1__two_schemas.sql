CREATE TABLE sales.orders (id serial PRIMARY KEY);
CREATE TABLE stock.items (id serial PRIMARY KEY);
INSERT INTO sales.orders VALUES (10);
INSERT INTO stock.items VALUES (20);

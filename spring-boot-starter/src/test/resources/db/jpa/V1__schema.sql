-- The schema Hibernate validates (spring.jpa.hibernate.ddl-auto=validate): its sequences too.
CREATE SEQUENCE customers_seq INCREMENT 50;
CREATE TABLE customers (id bigint PRIMARY KEY, name text);
CREATE SEQUENCE order_line_ids;
CREATE TABLE order_lines (id bigint PRIMARY KEY);
CREATE SEQUENCE payments_seq INCREMENT 50;
CREATE TABLE payments (id bigint PRIMARY KEY);
CREATE TABLE card_payments (id bigint PRIMARY KEY REFERENCES payments, last4 text);

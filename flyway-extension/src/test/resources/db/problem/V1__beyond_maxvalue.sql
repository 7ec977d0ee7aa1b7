CREATE SEQUENCE ticket_no MAXVALUE 10;
CREATE TABLE tickets (id int PRIMARY KEY DEFAULT nextval('ticket_no'));
INSERT INTO tickets VALUES (50);

-- the application's own table, beside Spring Batch's (which Spring Boot creates from Spring Batch's script)
CREATE TABLE customers (id bigserial PRIMARY KEY, name text NOT NULL);

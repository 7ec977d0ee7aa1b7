-- Spring Boot's SQL initialization: a table of the application's JDBC side
CREATE TABLE things (id serial PRIMARY KEY, name text);

package com.example.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.r2dbc.repository.config.EnableR2dbcRepositories;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;

/**
 * A reactive application: Spring Data R2DBC on PostgreSQL, no DataSource of its own; its migrations
 * (Flyway or Liquibase) connect through JDBC and load orders with explicit ids.
 */
@SpringBootApplication
@EnableR2dbcRepositories(considerNestedRepositories = true)
public class ReactiveApplication {

    /** An order; its id comes from the table's serial column when it is null. */
    @Table("orders")
    public record Order(@Id Long id, String item) {
    }

    /** The application's orders. */
    public interface Orders extends ReactiveCrudRepository<Order, Long> {
    }

    /**
     * The R2DBC URL of the database a JDBC URL names, its connections' search_path set to
     * {@code schema} (the r2dbc-postgresql driver's {@code schema} option).
     */
    public static String r2dbcUrl(String jdbcUrl, String schema) {
        String url = "r2dbc:" + jdbcUrl.substring("jdbc:".length());
        return url + (url.contains("?") ? "&" : "?") + "schema=" + schema;
    }
}

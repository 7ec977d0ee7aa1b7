package com.example.reactive;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.r2dbc.convert.IdGeneratingEntityCallback;
import org.springframework.data.r2dbc.dialect.DialectResolver;
import org.springframework.data.r2dbc.mapping.R2dbcMappingContext;
import org.springframework.data.r2dbc.repository.config.EnableR2dbcRepositories;
import org.springframework.data.relational.core.mapping.Sequence;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A reactive application: Spring Data R2DBC on PostgreSQL, no DataSource of its own; its migrations
 * (Flyway or Liquibase) connect through JDBC and load orders and invoices with explicit ids.
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

    /** An invoice; its number comes from {@code invoice_numbers}, which Spring Data R2DBC calls itself. */
    @Table("invoices")
    public record Invoice(@Id @Sequence("invoice_numbers") Long id, String customer) {
    }

    /** The application's invoices. */
    public interface Invoices extends ReactiveCrudRepository<Invoice, Long> {
    }

    /**
     * Spring Data R2DBC's {@code @Sequence} support, which Spring Boot does not register (Spring
     * Data's {@code AbstractR2dbcConfiguration} does): an application that uses it declares it.
     */
    @Bean
    IdGeneratingEntityCallback sequenceIds(R2dbcMappingContext mapping, DatabaseClient client) {
        return new IdGeneratingEntityCallback(mapping, DialectResolver.getDialect(client.getConnectionFactory()), client);
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

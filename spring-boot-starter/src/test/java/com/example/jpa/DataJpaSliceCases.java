package com.example.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.spring.SequenceResyncEvent;
import io.github.sequenceresync.spring.SequenceResyncReports;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@code @DataJpaTest} on PostgreSQL ({@code @AutoConfigureTestDatabase(replace = NONE)}, as with
 * Testcontainers): Spring Boot runs the application's Flyway migrations in the slice, test data with
 * explicit ids among them, and the starter's resync follows there too, after Flyway and after
 * Hibernate, so that the test's repositories persist without a duplicate key. The slice annotations
 * are on a subclass for each Spring Boot generation (their package moved in 4.0):
 * {@code src/test-boot-3.5} and {@code src/test-boot-4}.
 */
// the class's database is dropped after it: close the context first (its pool would reconnect)
@DirtiesContext
@PostgresTest
abstract class DataJpaSliceCases {

    /** The database of the class, for the context's properties, which Spring reads after construction. */
    private static TestDatabase db;

    @Autowired
    private JpaApplication.Customers customers;
    @Autowired
    private JpaApplication.OrderLines lines;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SequenceResyncReports reports;

    DataJpaSliceCases(TestDatabase db) {
        DataJpaSliceCases.db = db;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> db.url());
        registry.add("spring.datasource.username", () -> db.user());
        registry.add("spring.datasource.password", () -> db.password() == null ? "" : db.password());
        registry.add("spring.flyway.locations", () -> "classpath:db/jpa");
        registry.add("spring.liquibase.enabled", () -> "false");
        registry.add("spring.jpa.hibernate.ddl-auto", () -> "validate");
    }

    @Test
    void afterTheSlicesMigrationsTheTestsEntitiesPersistWithoutADuplicateKey() {
        customers.saveAll(IntStream.range(0, 70).mapToObj(i -> new JpaApplication.Customer()).toList());
        lines.save(new JpaApplication.OrderLine());
        customers.flush();

        assertThat(jdbc.queryForObject("SELECT min(id) FROM customers WHERE name IS NULL", Long.class)).isGreaterThan(730);
        assertThat(jdbc.queryForObject("SELECT max(id) FROM order_lines", Long.class)).isEqualTo(100);
        assertThat(reports.all()).extracting(SequenceResyncEvent::after)
                .containsExactly("flyway", "hibernate (entityManagerFactory)");
    }
}

package com.example.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.SliceDatabase;
import io.github.sequenceresync.spring.SequenceResyncEvent;
import io.github.sequenceresync.spring.SequenceResyncReports;
import io.github.sequenceresync.testing.ClassDatabase;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.jdbc.Sql;

/**
 * A {@code @DataJpaTest} on PostgreSQL ({@code @AutoConfigureTestDatabase(replace = NONE)}, as with
 * Testcontainers): Spring Boot runs the application's Flyway migrations in the slice, test data with
 * explicit ids among them, and the starter's resync follows there too, after Flyway and after
 * Hibernate, so that the test's repositories persist without a duplicate key; and after the test's
 * {@code @Sql} scripts, in its transaction. The slice annotations
 * are on a subclass for each Spring Boot generation (their package moved in 4.0):
 * {@code src/test-boot-3.5} and {@code src/test-boot-4}.
 */
@ExtendWith(ClassDatabase.class)
@DirtiesContext
abstract class DataJpaSliceCases {

    @Autowired
    private JpaApplication.Customers customers;
    @Autowired
    private JpaApplication.OrderLines lines;
    @Autowired
    private JpaApplication.Payments payments;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SequenceResyncReports reports;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SliceDatabase.register(registry);
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

    /**
     * Rows an {@code @Sql} script loads in the test's transaction: the resync after it runs in that
     * transaction, before Hibernate takes its first block of ids from the sequence.
     */
    @Test
    @Sql(statements = "INSERT INTO payments (id) VALUES (5000)")
    void rowsATestsScriptLoadsAreFollowedBeforeHibernateTakesItsIds() {
        JpaApplication.Payment saved = payments.saveAndFlush(new JpaApplication.Payment());
        assertThat(saved.id).isGreaterThan(5000);
    }
}

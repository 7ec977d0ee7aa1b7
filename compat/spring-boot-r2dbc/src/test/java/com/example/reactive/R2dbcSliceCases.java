package com.example.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.spring.SequenceResyncEvent;
import io.github.sequenceresync.spring.SequenceResyncReports;
import io.github.sequenceresync.testing.ClassDatabase;
import io.github.sequenceresync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An R2DBC test slice whose context runs the application's Flyway (on its own JDBC URL): the resync
 * follows it there too, so the test's repository saves past the rows the migration loaded. The
 * subclass carries the slice annotation of its Spring Boot version; the database is made before the
 * slice's SpringExtension builds the context.
 */
@ExtendWith(ClassDatabase.class)
@DirtiesContext
public abstract class R2dbcSliceCases {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.r2dbc.url", () -> ReactiveApplication.r2dbcUrl(ClassDatabase.current().url(), "public"));
        registry.add("spring.r2dbc.username", () -> ClassDatabase.current().user());
        registry.add("spring.r2dbc.password", () -> password(ClassDatabase.current()));
        registry.add("spring.flyway.url", () -> ClassDatabase.current().url());
        registry.add("spring.flyway.user", () -> ClassDatabase.current().user());
        registry.add("spring.flyway.password", () -> password(ClassDatabase.current()));
        registry.add("spring.flyway.locations", () -> "classpath:db/r2dbc");
        registry.add("spring.liquibase.enabled", () -> "false");
    }

    private static String password(TestDatabase db) {
        return db.password() == null ? "" : db.password();
    }

    @Autowired
    ReactiveApplication.Orders orders;

    @Autowired
    ReactiveApplication.Invoices invoices;

    @Autowired
    SequenceResyncReports reports;

    @Test
    void theRepositorySavesPastTheRowsTheMigrationLoaded() {
        assertThat(orders.save(new ReactiveApplication.Order(null, "ordinary")).map(ReactiveApplication.Order::id).block())
                .isEqualTo(501);
        assertThat(invoices.save(new ReactiveApplication.Invoice(null, "new")).map(ReactiveApplication.Invoice::id).block())
                .isEqualTo(301);
        assertThat(reports.all()).extracting(SequenceResyncEvent::after).containsExactly("flyway", "spring data r2dbc");
    }
}

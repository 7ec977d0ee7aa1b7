package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.spring.SequenceResyncEvent;
import io.github.sequenceresync.spring.SequenceResyncReports;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The test slices over JDBC without JPA ({@code @JdbcTest}, {@code @DataJdbcTest}, {@code @JooqTest})
 * on PostgreSQL ({@code @AutoConfigureTestDatabase(replace = NONE)}): Spring Boot runs the
 * application's Liquibase changelog in each (rows with explicit ids in it), and the starter's resync
 * follows, so that the test's first ordinary insert gets the next free id. The slice annotations are
 * on a subclass for each slice and Spring Boot generation (their package moved in 4.0).
 */
// the class's database is dropped after it: close the context first (its pool would reconnect)
@DirtiesContext
@PostgresTest
abstract class JdbcSliceCases {

    /** The database of the class, for the context's properties, which Spring reads after construction. */
    private static TestDatabase db;

    @Autowired
    private DataSource dataSource;
    @Autowired
    private SequenceResyncReports reports;

    JdbcSliceCases(TestDatabase db) {
        JdbcSliceCases.db = db;
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> db.url());
        registry.add("spring.datasource.username", () -> db.user());
        registry.add("spring.datasource.password", () -> db.password() == null ? "" : db.password());
        registry.add("spring.flyway.enabled", () -> "false");
        registry.add("spring.liquibase.change-log", () -> "classpath:db/changelog/master.xml");
    }

    @Test
    void afterTheSlicesChangelogTheFirstOrdinaryInsertGetsTheNextFreeId() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO orders (item) VALUES ('new') RETURNING id")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(42);
        }
        assertThat(reports.all()).extracting(SequenceResyncEvent::after).containsExactly("liquibase");
    }
}

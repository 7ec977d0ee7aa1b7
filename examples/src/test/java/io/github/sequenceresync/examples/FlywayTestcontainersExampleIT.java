package io.github.sequenceresync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * How a project that already tests with Testcontainers checks its migrations and the callback.
 * Skipped cleanly where no Docker engine runs (this project's own tests use embedded PostgreSQL).
 */
@Testcontainers(disabledWithoutDocker = true)
class FlywayTestcontainersExampleIT {

    @Container
    private static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:17-alpine");

    @Test
    void migrationsThatLoadIdsLeaveSequencesReadyForOrdinaryInserts() throws Exception {
        Flyway.configure()
                .dataSource(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(), POSTGRES.getPassword())
                .locations("classpath:demo/migration")
                .callbacks(new ResyncSequencesCallback())
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(POSTGRES.getJdbcUrl(), POSTGRES.getUsername(),
                POSTGRES.getPassword());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO orders (customer_id, item) VALUES (1, 'x') RETURNING id")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(43);
        }
    }
}

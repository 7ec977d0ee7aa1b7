package io.github.sequenceresync.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL server of a test's own, from the embedded binaries, for settings the shared server
 * cannot have (a tiny lock table) or faults it must not suffer (a stop). Skipped with {@code -Dpg.url}.
 */
public final class OwnServer {

    private OwnServer() {
    }

    /** A server with its data in {@code dataDir}, kept there across a restart. */
    public static EmbeddedPostgres.Builder builder(Path dataDir) {
        Assumptions.assumeTrue(System.getProperty("pg.url", "").isBlank(),
                "starts a server of its own from the embedded binaries");
        return EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("data")).setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    /**
     * Creates tables {@code schema.t0} to {@code t<count - 1>}, each in a transaction of its own
     * (creating a table locks it until commit), {@code t<i>} holding one row with id {@code i + 7}
     * inserted explicitly, so that its serial sequence is behind: its next value should be {@code i + 8}.
     */
    public static void createTablesBehind(Statement statement, String schema, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            statement.execute("CREATE TABLE %1$s.t%2$d (id serial PRIMARY KEY); INSERT INTO %1$s.t%2$d VALUES (%3$d)"
                    .formatted(schema, i, i + 7));
        }
    }

    /**
     * A server with the smallest lock table PostgreSQL allows, 10 x (about 10 backends): a
     * transaction that reads some 40 tables, their indexes and sequences does not fit, as one over
     * some 2,000 does not with PostgreSQL's defaults.
     */
    public static EmbeddedPostgres.Builder withTinyLockTable(Path dataDir) {
        return builder(dataDir)
                .setServerConfig("max_locks_per_transaction", "10")
                .setServerConfig("max_connections", "5")
                .setServerConfig("max_wal_senders", "0")
                .setServerConfig("max_worker_processes", "1")
                .setServerConfig("autovacuum", "off");
    }
}

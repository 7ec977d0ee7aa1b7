package io.github.sequenceresync.examples;

import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;

/**
 * The demo: a real PostgreSQL (embedded, no Docker, no installation), Flyway migrations that load
 * data with explicit ids, the insert that fails without sequence-resync, and the same migrations
 * with the callback.
 */
public final class Demo {

    private static final String INSERT = "INSERT INTO orders (customer_id, item) VALUES (1, 'new order') RETURNING id";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        // Flyway logs through java.util.logging here: one short line each instead of two.
        System.setProperty("java.util.logging.SimpleFormatter.format", "   [%4$s] %5$s%n");
        run(System.out);
    }

    static void run(PrintStream out) throws Exception {
        out.println("Starting PostgreSQL (embedded binaries from Maven Central)...");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            DataSource ds = pg.getPostgresDatabase();
            try (Connection c = ds.getConnection()) {
                out.println("PostgreSQL " + c.getMetaData().getDatabaseProductVersion() + " is up.");
            }

            out.println();
            out.println("1. Flyway migrates schema 'plain': V1 creates tables, V2 loads rows WITH their ids");
            out.println("   (INSERT ... OVERRIDING SYSTEM VALUE, COPY FROM STDIN). No callback.");
            migrate(ds, "plain");
            out.println("   " + INSERT.replace("orders", "plain.orders"));
            out.println("   -> " + insert(ds, "plain"));

            out.println();
            out.println("2. The same migrations into schema 'shop', with ResyncSequencesCallback registered:");
            Callback resync = ResyncSequencesCallback.builder()
                    .onReport(report -> report.toText().lines().forEach(line -> out.println("   " + line)))
                    .build();
            migrate(ds, "shop", resync);
            out.println("   " + INSERT.replace("orders", "shop.orders"));
            out.println("   -> " + insert(ds, "shop"));

            out.println();
            out.println("3. Migrating again with nothing to apply: the callback runs and finds nothing to change.");
            migrate(ds, "shop", resync);
        }
    }

    private static void migrate(DataSource ds, String schema, Callback... callbacks) {
        Flyway.configure().dataSource(ds).schemas(schema).locations("classpath:demo/migration")
                .callbacks(callbacks).load().migrate();
    }

    private static String insert(DataSource ds, String schema) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + schema);
            try (ResultSet rs = s.executeQuery(INSERT)) {
                rs.next();
                return "OK, new order id " + rs.getLong(1);
            }
        } catch (SQLException e) {
            return "FAILED: " + e.getMessage().replace("\n", " ");
        }
    }
}

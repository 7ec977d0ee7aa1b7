package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.testing.OwnServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy meets an autovacuum that prevents wraparound. PostgreSQL cancels an ordinary
 * autovacuum that blocks another session (after {@code deadlock_timeout}), never this one: it holds
 * SHARE UPDATE EXCLUSIVE on its table until it is done, which may take hours on a big table. A
 * resync that locks the tables gives up within its lock timeout, changes nothing, and names the
 * worker as what it is, not as a session of an unknown user. On a server of its own: the
 * autovacuum settings are the server's.
 */
class AutovacuumLockIT {

    @Test
    void anAutovacuumToPreventWraparoundIsNamedAsSuch(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres pg = OwnServer.builder(dataDir).setServerConfig("autovacuum_naptime", "1").start();
             Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            // a worker that sleeps 100 ms a page, on a table past its own (lowest allowed) freeze max age
            s.execute("""
                    CREATE TABLE big (id serial PRIMARY KEY, pad text) WITH (autovacuum_freeze_max_age = 100000,
                        autovacuum_vacuum_cost_delay = 100, autovacuum_vacuum_cost_limit = 1);
                    INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 20000) AS g;
                    CREATE ROLE app LOGIN PASSWORD 'app';
                    ALTER TABLE big OWNER TO app;
                    """);
            s.execute("VACUUM ANALYZE big"); // leaves the wraparound as autovacuum's only reason to come
            s.execute("SET synchronous_commit = off");
            s.execute("DO $$ BEGIN FOR i IN 1..100100 LOOP PERFORM pg_catalog.txid_current(); COMMIT; END LOOP; END $$");
            s.execute("RESET synchronous_commit");
            awaitWraparoundAutovacuumOf("big", s);

            ResyncOptions options = ResyncOptions.builder().schemas("public").lockTables(true)
                    .lockTimeout(Duration.ofSeconds(2)).build(); // longer than deadlock_timeout: no one cancels it
            assertThatThrownBy(() -> SequenceResync.with(options).run(c))
                    .hasMessageContaining("a lock was not granted within the lock timeout (2s): table public.big: pid ")
                    // (VACUUM ANALYZE on PostgreSQL 12, whose statistics may not have seen the ANALYZE yet)
                    .hasMessageMatching(".* \\(autovacuum: VACUUM (ANALYZE )?public\\.big \\(to prevent wraparound\\), .*")
                    .hasMessageContaining(" holds ShareUpdateExclusiveLock")
                    .hasMessageNotContaining("user unknown");
            assertThatThrownBy(() -> s.execute(SequenceResync.with(options).script()))
                    .as("the SQL script names it the same way")
                    .hasMessageContaining("public.big (to prevent wraparound), ");
            // a role that may not see other sessions' statements learns it is no user's session
            try (Connection app = DriverManager.getConnection(pg.getJdbcUrl("app", "postgres"), "app", "app")) {
                assertThatThrownBy(() -> SequenceResync.with(options).run(app))
                        .hasMessageContaining("table public.big: pid ")
                        .hasMessageContaining(" (a background process, such as autovacuum, state unknown) holds ShareUpdateExclusiveLock")
                        .hasMessageNotContaining("user unknown");
            }
            try (ResultSet rs = s.executeQuery("SELECT last_value, is_called FROM big_id_seq")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing changed").isEqualTo(1);
                assertThat(rs.getBoolean(2)).isFalse();
            }
        }
    }

    private static void awaitWraparoundAutovacuumOf(String table, Statement s) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
                    + " AND query LIKE '%" + table + "%wraparound%'")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no autovacuum to prevent wraparound started on " + table + " within 60 s");
    }
}

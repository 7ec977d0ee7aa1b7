package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resyncs running again and again while other sessions insert through the sequence (nextval) and
 * insert explicit ids far ahead of it: the resync never creates a duplicate, never moves the
 * sequence backwards (sampled throughout), and a final resync leaves the exact next value.
 */
@PostgresTest
class ConcurrencyIT {

    private static final long RUN_MILLIS = 3000;

    private final TestDatabase db;

    ConcurrencyIT(TestDatabase db) {
        this.db = db;
    }

    @ParameterizedTest(name = "lockTables={0}")
    @ValueSource(booleans = {false, true})
    void resyncsUnderConcurrentWritersNeverDuplicateNorGoBack(boolean lockTables) throws Exception {
        String schema = lockTables ? "conc_locked" : "conc_plain";
        db.execute("""
                CREATE SCHEMA %1$s;
                CREATE TABLE %1$s.t (id bigserial PRIMARY KEY, who text);
                INSERT INTO %1$s.t (id, who) SELECT g, 'loaded' FROM generate_series(1, 1000) g;
                """.formatted(schema));
        ResyncOptions options = ResyncOptions.builder().schemas(schema).lockTables(lockTables).build();
        resync(options);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger defaultInserts = new AtomicInteger();
        AtomicInteger explicitInserts = new AtomicInteger();
        AtomicInteger resyncs = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(7);
        List<Future<?>> tasks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            tasks.add(pool.submit(() -> loop(stop, failures, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO " + schema + ".t (who) VALUES ('nextval')");
                    defaultInserts.incrementAndGet();
                }
            })));
        }
        // explicit ids far ahead of the sequence, as a data load running alongside the application
        tasks.add(pool.submit(() -> loop(stop, failures, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + schema + ".t (id, who) SELECT max(id) + 100000, 'explicit' FROM "
                        + schema + ".t ON CONFLICT DO NOTHING");
                explicitInserts.incrementAndGet();
                Thread.sleep(50);
            }
        })));
        tasks.add(pool.submit(() -> loop(stop, failures, c -> {
            SequenceResync.with(options).run(c);
            resyncs.incrementAndGet();
        })));
        List<Long> samples = new ArrayList<>();
        // pg_sequence_last_value reads under the buffer lock; a SELECT from the sequence does not,
        // and can catch nextval's transient WAL-logging state (up to 32 values ahead) mid-write.
        // NULL: not called since the last setval, so nothing to compare yet.
        tasks.add(pool.submit(() -> loop(stop, failures, c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_sequence_last_value('" + schema + ".t_id_seq') + 1")) {
                rs.next();
                long next = rs.getLong(1);
                if (!rs.wasNull()) {
                    synchronized (samples) {
                        samples.add(next);
                    }
                }
            }
        })));
        Thread.sleep(RUN_MILLIS);
        stop.set(true);
        for (Future<?> f : tasks) {
            f.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();

        assertThat(failures).as("errors while writers and resyncs ran").isEmpty();
        assertThat(resyncs.get()).isGreaterThan(5);
        assertThat(defaultInserts.get()).isGreaterThan(100);
        assertThat(explicitInserts.get()).isGreaterThan(5);
        synchronized (samples) {
            assertThat(samples).as("next value sampled throughout").hasSizeGreaterThan(10).isSorted();
        }
        resync(ResyncOptions.builder().schemas(schema).lockTables(true).build());
        long max = db.queryLong("SELECT max(id) FROM " + schema + ".t");
        assertThat(db.nextValue(schema + ".t_id_seq")).as("exact after a final locked resync").isEqualTo(max + 1);
    }

    /**
     * The race the apply statement guards against, made deterministic: other sessions call nextval
     * between the measurement and the setval, past the planned target. Without the guard, setval
     * would move the sequence back over values already handed out.
     */
    @Test
    void nextvalCallsBetweenMeasureAndApplyAreNeverUndone() throws Exception {
        // hands out 1..10
        SequenceReport seq = resyncWithBeforeApply("gap", "SELECT nextval('gap.t_id_seq') FROM generate_series(1, 10)");
        assertThat(db.nextValue("gap.t_id_seq")).as("not moved back to the planned 4").isEqualTo(11);
        assertThat(seq.action()).isEqualTo(Action.UNCHANGED);
        assertThat(seq.warnings()).singleElement().asString().contains("other sessions advanced it to next value 11");
    }

    /**
     * Another session sets a sequence that was never called to a later value, still not called,
     * between the measurement and the setval. PostgreSQL 18's pg_get_sequence_data lets the apply
     * guard see that and leave the sequence alone; before 18 nothing cheap can read the state of
     * a sequence not yet called, and the resync sets the value it planned (the residual race the
     * README names; lockTables does not close it, as setval takes no table lock).
     */
    @Test
    void setvalNotCalledBetweenMeasureAndApplyIsSeenFromPostgres18() throws Exception {
        SequenceReport seq = resyncWithBeforeApply("reset", "SELECT setval('reset.t_id_seq', 100, false)");
        if (db.queryLong("SELECT current_setting('server_version_num')::int") >= 180000) {
            assertThat(db.nextValue("reset.t_id_seq")).as("not moved back to the planned 4").isEqualTo(100);
            assertThat(seq.action()).isEqualTo(Action.UNCHANGED);
            assertThat(seq.warnings()).singleElement().asString().contains("advanced it to next value 100");
        } else {
            assertThat(db.nextValue("reset.t_id_seq")).as("the residual race before PostgreSQL 18").isEqualTo(4);
            assertThat(seq.action()).isEqualTo(Action.ADVANCE);
        }
    }

    /**
     * Two resyncs at once (two instances of an application migrating the same database): the second,
     * which saw a row more, sets its higher target between the first one's measurement and its setval.
     * The first one's look before setval sees it on every version, PostgreSQL 18 or not, because a
     * resync leaves the sequence called; set not called, it would be invisible before 18 and the
     * first resync would set it back to 4, below the row with id 50.
     */
    @Test
    void aConcurrentResyncWithAHigherTargetIsNeverUndone() throws Exception {
        SequenceReport seq = resyncWithBeforeApply("twice", other -> {
            execute(other, "INSERT INTO twice.t VALUES (50)");
            SequenceResync.with(ResyncOptions.builder().schemas("twice").build()).run(other);
        });
        assertThat(db.nextValue("twice.t_id_seq")).as("not moved back to the planned 4").isEqualTo(51);
        assertThat(seq.action()).isEqualTo(Action.UNCHANGED);
        assertThat(seq.warnings()).singleElement().asString().contains("other sessions advanced it to next value 51");
    }

    /**
     * The same race through the SQL script (Liquibase update-sql, the command line's sql), with a lock:
     * another session holds table b while the script's measurement (one statement, as the Java
     * path's) waits for it, and resets sequence a ahead of its data meanwhile. From PostgreSQL 18 the
     * script never sets a back, whether its measurement read a before the wait (then the apply's look
     * sees the reset) or after (then it plans nothing for a). Before 18 a reset to a value not called
     * is invisible to the apply's cheap look: when the measurement read a before the wait, a is set
     * back to the planned 4 (the residual race the guarantees page names).
     */
    @Test
    void scriptSeesSetvalNotCalledBetweenMeasureAndApplyFromPostgres18() throws Exception {
        runScriptWhileItWaitsForB("script_race",
                holder -> execute(holder, "SELECT setval('script_race.a_id_seq', 100, false)"));
        if (db.queryLong("SELECT current_setting('server_version_num')::int") >= 180000) {
            assertThat(db.nextValue("script_race.a_id_seq")).as("not moved back to the planned 4").isEqualTo(100);
        } else {
            assertThat(db.nextValue("script_race.a_id_seq")).as("the residual race before PostgreSQL 18").isIn(4L, 100L);
        }
        assertThat(db.nextValue("script_race.b_id_seq")).isEqualTo(2);
    }

    /**
     * Two scripts at once: as {@link #aConcurrentResyncWithAHigherTargetIsNeverUndone}, on every
     * version: the other script leaves a called, so the apply's look sees it if the measurement did not.
     */
    @Test
    void scriptSeesAConcurrentResyncWithAHigherTarget() throws Exception {
        List<String> lines = runScriptWhileItWaitsForB("script_twice", holder -> {
            execute(holder, "INSERT INTO script_twice.a VALUES (50)");
            execute(holder, SequenceResync.with(ResyncOptions.builder().schemas("script_twice").exclude("b").build())
                    .script());
        });
        assertThat(db.nextValue("script_twice.a_id_seq")).as("not moved back to the planned 4").isEqualTo(51);
        assertThat(lines).noneSatisfy(line -> assertThat(line).contains("script_twice.a_id_seq advanced"));
        assertThat(db.nextValue("script_twice.b_id_seq")).isEqualTo(2);
    }

    /**
     * Runs the script over schema {@code schema} (tables a, rows 1..3, and b, row 1, sequences never
     * called) while another session holds table b, and has that session run {@code whileWaiting}
     * (in its transaction, committed after) once the script waits for b. Returns
     * the script's messages.
     */
    private List<String> runScriptWhileItWaitsForB(String schema, Work whileWaiting) throws Exception {
        db.execute("""
                CREATE SCHEMA %1$s;
                CREATE TABLE %1$s.a (id serial PRIMARY KEY);
                CREATE TABLE %1$s.b (id serial PRIMARY KEY);
                INSERT INTO %1$s.a VALUES (1), (2), (3);
                INSERT INTO %1$s.b VALUES (1);
                """.formatted(schema));
        String script = SequenceResync.with(ResyncOptions.builder().schemas(schema).build()).script();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = db.connect(); Connection runner = db.connect(); Statement run = runner.createStatement()) {
            int runnerPid = ResyncFixture.backendPid(runner);
            holder.setAutoCommit(false);
            execute(holder, "LOCK TABLE " + schema + ".b IN ACCESS EXCLUSIVE MODE");
            Future<?> running = pool.submit(() -> run.execute(script));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.queryLong("""
                    SELECT count(*) FROM pg_locks
                    WHERE pid = ? AND NOT granted AND relation = '%s.b'::regclass""".formatted(schema), runnerPid) == 0) {
                assertThat(System.nanoTime()).as("the script waits for table b").isLessThan(deadline);
                Thread.sleep(20);
            }
            whileWaiting.run(holder);
            holder.commit();
            running.get(60, TimeUnit.SECONDS);
            List<String> warnings = new ArrayList<>();
            for (SQLWarning w = run.getWarnings(); w != null; w = w.getNextWarning()) {
                warnings.add(w.getMessage());
            }
            return warnings;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Resyncs schema {@code schema}, with table t (serial id, rows 1..3, sequence never called),
     * while another session runs {@code otherSession} just before the statement that calls setval;
     * returns the report's entry for t's sequence.
     */
    private SequenceReport resyncWithBeforeApply(String schema, String otherSession) throws Exception {
        return resyncWithBeforeApply(schema, other -> execute(other, otherSession));
    }

    /** As above, with {@code otherSession} given the other session's connection. */
    private SequenceReport resyncWithBeforeApply(String schema, Work otherSession) throws Exception {
        db.execute("""
                CREATE SCHEMA %1$s;
                CREATE TABLE %1$s.t (id serial PRIMARY KEY);
                INSERT INTO %1$s.t VALUES (1), (2), (3);
                """.formatted(schema));
        ResyncReport report;
        try (Connection real = db.connect(); Connection other = db.connect()) {
            Connection racing = Hooks.beforeEachExecute(real, sql -> {
                if (sql.contains("setval(")) {
                    otherSession.run(other);
                }
            });
            report = SequenceResync.with(ResyncOptions.builder().schemas(schema).build()).run(racing);
        }
        return ResyncFixture.entry(report, schema + ".t_id_seq");
    }

    private interface Work {
        void run(Connection c) throws Exception;
    }

    /** Repeats work on a connection of its own until stopped; records every failure. */
    private void loop(AtomicBoolean stop, ConcurrentLinkedQueue<String> failures, Work work) {
        try (Connection c = db.connect()) {
            while (!stop.get()) {
                try {
                    work.run(c);
                } catch (SQLException | ResyncException e) {
                    failures.add(e.getMessage());
                    return;
                }
            }
        } catch (Exception e) {
            failures.add(String.valueOf(e));
        }
    }

    private void resync(ResyncOptions options) throws SQLException {
        try (Connection c = db.connect()) {
            SequenceResync.with(options).run(c);
        }
    }
}

package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sequenceresync.testing.Blocker;
import io.github.sequenceresync.testing.EdgeCases;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another session holds (or waits for) a lock that conflicts with what the resync takes: every
 * run gives up within its lock timeout, changes nothing, and names the relation, the session and
 * its lock mode. Each conflicting mode, through the Java path in a transaction of its own and in
 * the caller's, and through the SQL script. The time a run waited is taken from the server's clock.
 */
@PostgresTest
class LockTimeoutIT {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final TestDatabase db;

    LockTimeoutIT(TestDatabase db) {
        this.db = db;
    }

    /** lt.orders and lt.other, both behind (next values 1, should be 42 and 8). */
    @BeforeEach
    void tablesBehind() {
        db.execute("""
                DROP SCHEMA IF EXISTS lt CASCADE;
                CREATE SCHEMA lt;
                CREATE TABLE lt.orders (id serial PRIMARY KEY);
                CREATE TABLE lt.other (id serial PRIMARY KEY);
                INSERT INTO lt.orders VALUES (41);
                INSERT INTO lt.other VALUES (7);
                """);
    }

    /** The modes that conflict with the resync's: ACCESS SHARE on tables and indexes, SHARE with lockTables, sequences. */
    static Stream<Arguments> blockers() {
        return Stream.of(
                Arguments.of("ALTER TABLE", "ALTER TABLE lt.orders ADD COLUMN note text", false,
                        "table lt.orders: pid %d", "holds AccessExclusiveLock"),
                Arguments.of("ACCESS EXCLUSIVE, as VACUUM FULL, CLUSTER, DROP take it",
                        "LOCK TABLE lt.orders IN ACCESS EXCLUSIVE MODE", false,
                        "table lt.orders: pid %d", "holds AccessExclusiveLock"),
                Arguments.of("TRUNCATE", "TRUNCATE lt.orders", false, "table lt.orders: pid %d",
                        "holds AccessExclusiveLock"),
                Arguments.of("REINDEX, on the index", "REINDEX INDEX lt.orders_pkey", false,
                        "index lt.orders_pkey (of lt.orders): pid %d", "holds AccessExclusiveLock"),
                Arguments.of("INSERT, with lockTables", "INSERT INTO lt.orders VALUES (500)", true,
                        "table lt.orders: pid %d", "holds RowExclusiveLock"),
                Arguments.of("SHARE UPDATE EXCLUSIVE, as VACUUM and ANALYZE take it, with lockTables",
                        "LOCK TABLE lt.orders IN SHARE UPDATE EXCLUSIVE MODE", true,
                        "table lt.orders: pid %d", "holds ShareUpdateExclusiveLock"),
                Arguments.of("SHARE ROW EXCLUSIVE, as CREATE TRIGGER takes it, with lockTables",
                        "LOCK TABLE lt.orders IN SHARE ROW EXCLUSIVE MODE", true,
                        "table lt.orders: pid %d", "holds ShareRowExclusiveLock"),
                Arguments.of("EXCLUSIVE, with lockTables", "LOCK TABLE lt.orders IN EXCLUSIVE MODE", true,
                        "table lt.orders: pid %d", "holds ExclusiveLock"),
                Arguments.of("ALTER TABLE, with lockTables", "ALTER TABLE lt.orders ADD COLUMN note text", true,
                        "table lt.orders: pid %d", "holds AccessExclusiveLock"),
                Arguments.of("ALTER SEQUENCE (SHARE ROW EXCLUSIVE)", "ALTER SEQUENCE lt.orders_id_seq INCREMENT 1", false,
                        "sequence lt.orders_id_seq: pid %d", "holds ShareRowExclusiveLock"));
    }

    enum Path { OWN_TRANSACTION, CALLERS_TRANSACTION, SCRIPT }

    private static ResyncOptions options(boolean lockTables, boolean failOnProblem) {
        return ResyncOptions.builder().schemas("lt").lockTables(lockTables).lockTimeout(TIMEOUT)
                .failOnProblem(failOnProblem).build();
    }

    private ResyncReport resync(Path path, ResyncOptions options) throws SQLException {
        return resync(db.connect(), path, options);
    }

    /** Runs on {@code c} and closes it. */
    private static ResyncReport resync(Connection connection, Path path, ResyncOptions options) throws SQLException {
        try (Connection c = connection) {
            switch (path) {
                case OWN_TRANSACTION -> {
                    return SequenceResync.with(options).run(c);
                }
                case CALLERS_TRANSACTION -> {
                    c.setAutoCommit(false);
                    try {
                        return SequenceResync.with(options).run(c);
                    } finally {
                        c.rollback();
                    }
                }
                default -> {
                    try (Statement s = c.createStatement()) {
                        s.execute(SequenceResync.with(options).script());
                    }
                    return null;
                }
            }
        }
    }

    static Stream<Arguments> blockersOnEveryPath() {
        return blockers().flatMap(b -> Stream.of(Path.values()).map(p -> {
            Object[] args = b.get();
            return Arguments.of(args[0], args[1], args[2], args[3], args[4], p);
        }));
    }

    @ParameterizedTest(name = "{0}, {5}")
    @MethodSource("blockersOnEveryPath")
    void aConflictingLockFailsTheRunWithinTheTimeoutNamingWhoHoldsIt(String name, String sql, boolean lockTables,
                                                                    String relation, String mode, Path path)
            throws Exception {
        try (Blocker blocker = Blocker.hold(db, sql)) {
            long start = Blocker.serverMillis(db);
            assertThatThrownBy(() -> resync(path, options(lockTables, true)))
                    .hasMessageContaining("a lock was not granted within the lock timeout (300ms)")
                    .hasMessageContaining(relation.formatted(blocker.pid()))
                    .hasMessageContaining(mode)
                    .hasMessageContaining("pg_terminate_backend");
            long waited = Blocker.serverMillis(db) - start;
            assertThat(waited).as("the run's wait, on the server's clock").isBetween(TIMEOUT.toMillis(), 15_000L);
        }
        assertThat(db.nextValues("lt")).as("nothing changed").isEqualTo(Map.of("lt.orders_id_seq", 1L, "lt.other_id_seq", 1L));
    }

    @ParameterizedTest(name = "{0}, {5}")
    @MethodSource("blockersOnEveryPath")
    void withFailOnProblemFalseTheBlockedSequenceIsAProblemAndTheRestIsResynced(
            String name, String sql, boolean lockTables, String relation, String mode, Path path) throws Exception {
        ResyncReport report;
        try (Blocker blocker = Blocker.hold(db, sql)) {
            report = resync(path, options(lockTables, false));
            if (report != null) {
                assertOrdersIsAProblem(report, Message.BLOCKED.format("300ms", ""), relation.formatted(blocker.pid()), mode);
            }
        }
        assertOnlyOrdersLeftAlone();
    }

    /** lt.orders_id_seq is a problem that starts so and names who held its relation, in what mode. */
    private static void assertOrdersIsAProblem(ResyncReport report, String start, String holder, String mode) {
        SequenceReport orders = report.sequences().stream()
                .filter(s -> s.sequence().equals("lt.orders_id_seq")).findFirst().orElseThrow();
        assertThat(orders.action()).isEqualTo(Action.PROBLEM);
        assertThat(orders.problems()).singleElement().asString().startsWith(start).contains(holder).contains(mode);
    }

    private void assertOnlyOrdersLeftAlone() {
        assertThat(db.nextValues("lt")).as("the other table's sequence is resynced, the blocked one left alone")
                .isEqualTo(Map.of("lt.orders_id_seq", 1L, "lt.other_id_seq", 8L));
    }

    static Stream<Arguments> blockersOnJavaPaths() {
        return blockersOnEveryPath().filter(a -> a.get()[5] != Path.SCRIPT);
    }

    /**
     * The caller's statement_timeout (a role's, a pool's) shorter than the run's lock timeout ends the
     * wait first: with failOnProblem false that is the same case, the blocked sequence a problem naming
     * statement_timeout and who held the lock, the rest resynced. (The script is one statement, which a
     * statement_timeout ends whole: FaultsIT.)
     */
    @ParameterizedTest(name = "{0}, {5}")
    @MethodSource("blockersOnJavaPaths")
    void withFailOnProblemFalseAStatementTimeoutEndingTheWaitLeavesOutOnlyTheBlocked(
            String name, String sql, boolean lockTables, String relation, String mode, Path path) throws Exception {
        ResyncOptions options = ResyncOptions.builder().schemas("lt").lockTables(lockTables)
                .lockTimeout(Duration.ofSeconds(30)).failOnProblem(false).build();
        try (Blocker blocker = Blocker.hold(db, sql)) {
            Connection c = db.connect();
            try (Statement s = c.createStatement()) {
                s.execute("SET statement_timeout = '300ms'");
            }
            long start = Blocker.serverMillis(db);
            ResyncReport report = resync(c, path, options);
            assertThat(Blocker.serverMillis(db) - start).as("ended by statement_timeout, not the lock timeout")
                    .isLessThan(15_000L);
            assertOrdersIsAProblem(report, Message.BLOCKED_PAST_STATEMENT_TIMEOUT.format("300ms", ""),
                    relation.formatted(blocker.pid()), mode);
        }
        assertOnlyOrdersLeftAlone();
    }

    /** A column read through a foreign table is measured on its own (see Measurer); a lock held on it is named all the same. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void aLockHeldOnAForeignTableFailsTheRunNamingWhoHoldsIt(Path path) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS ltf_a CASCADE; DROP SERVER IF EXISTS ltf_a_files CASCADE;");
        db.execute(EdgeCases.named("foreign").setup("ltf_"));
        ResyncOptions options = ResyncOptions.builder().schemas("ltf_a").lockTimeout(TIMEOUT).build();
        try (Blocker blocker = Blocker.hold(db, "ALTER FOREIGN TABLE ltf_a.imported ADD COLUMN note text")) {
            assertThatThrownBy(() -> resync(path, options))
                    .hasMessageContaining("a lock was not granted within the lock timeout (300ms)")
                    .hasMessageContaining("table ltf_a.imported: pid " + blocker.pid())
                    .hasMessageContaining("Nothing was changed");
        }
        assertThat(db.nextValue("ltf_a.ev_id_seq")).as("nothing changed").isEqualTo(1);
    }

    /**
     * The run says "Nothing was changed" only when nothing was: setval is not undone when the run fails.
     * Another session holds lt.other_id_seq (ALTER SEQUENCE), which the run sets after lt.orders_id_seq.
     * Before PostgreSQL 18 the measurement reads each sequence under the lock setval takes, so the
     * wait comes before anything is set; from 18 it reads them without, and the wait comes in the
     * apply, after lt.orders_id_seq was set. Each path; the script's used to claim nothing changed there.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void aLockWaitSaysNothingWasChangedOnlyWhenNothingWas(Path path) throws Exception {
        String message;
        try (Blocker blocker = Blocker.hold(db, "ALTER SEQUENCE lt.other_id_seq INCREMENT 1")) {
            message = catchThrowable(() -> resync(path, options(false, true))).getMessage();
            assertThat(message).contains("sequence lt.other_id_seq: pid " + blocker.pid());
        }
        if (db.queryLong("SELECT current_setting('server_version_num')::int") >= 180000) {
            assertThat(db.nextValue("lt.orders_id_seq")).as("set before the wait").isEqualTo(42);
            assertThat(message).doesNotContain("Nothing was changed");
        } else {
            assertThat(db.nextValue("lt.orders_id_seq")).as("nothing set").isEqualTo(1);
            assertThat(message).contains("Nothing was changed");
        }
    }

    /**
     * What the holder of a lock writes and commits while the run waits for it is measured: a statement
     * that waits for a lock goes on with the snapshot it took before the wait, which does not see those
     * rows (a table rewritten or truncated even looks empty), so the run locks first, in a statement of
     * its own, and measures after (Applier.TableLock). A reload, a migration, a rewrite; each path, with
     * and without lockTables.
     */
    @ParameterizedTest(name = "{0}, {1}, lockTables {2}")
    @MethodSource("writingHoldersOnEveryPath")
    void rowsTheLockHolderCommitsWhileTheRunWaitsAreMeasured(String holder, Path path, boolean lockTables)
            throws Exception {
        resyncWhileTheHolderCommits(db.connect(), holder, path, lockTables);
    }

    /**
     * The same for a role that reads the table by column privileges only (GRANT SELECT (id)), which
     * LOCK TABLE refuses: the run takes the same ACCESS SHARE lock with a query that names none of
     * its columns, before it measures.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void rowsTheLockHolderCommitsAreMeasuredForARoleWithColumnPrivilegesOnly(Path path) throws Exception {
        resyncWhileTheHolderCommits(asRoleWithColumnPrivilegesOnly(),
                "TRUNCATE lt.orders; INSERT INTO lt.orders SELECT generate_series(1, 500)", path, false);
    }

    /**
     * Runs on {@code c} while {@code holder}'s transaction holds its locks, commits it once the run
     * waits, and checks that the run measured the rows it committed (lt.orders up to 500).
     */
    private void resyncWhileTheHolderCommits(Connection c, String holder, Path path, boolean lockTables)
            throws Exception {
        int pid = ResyncFixture.backendPid(c);
        ResyncOptions options = ResyncOptions.builder().schemas("lt").lockTables(lockTables)
                .lockTimeout(Duration.ofSeconds(60)).build();
        try (Blocker migration = Blocker.hold(db, holder)) {
            CompletableFuture<ResyncReport> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return resync(c, path, options);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Blocker.awaitWaiting(db, pid);
            migration.commit();
            run.join();
        }
        assertThat(db.nextValue("lt.orders_id_seq")).as("past the rows the holder committed").isEqualTo(501);
        assertThat(db.nextValue("lt.other_id_seq")).isEqualTo(8);
    }

    /**
     * lockTables asks for SHARE mode, which LOCK TABLE permits with UPDATE, DELETE or TRUNCATE only:
     * a role without them is refused in one line naming the tables and what it needs, before
     * anything is locked or changed.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void lockTablesForARoleThatMayNotLockInShareModeNamesTheTablesAndThePrivilege(Path path) throws Exception {
        assertThatThrownBy(() -> resync(asRoleWithColumnPrivilegesOnly(), path, options(true, true)))
                .hasMessageContaining("lockTables: this role may not lock lt.orders, lt.other in SHARE mode, which"
                                      + " needs the UPDATE, DELETE or TRUNCATE privilege on each table");
        assertThat(db.nextValue("lt.orders_id_seq")).as("nothing changed").isEqualTo(1);
    }

    /** A connection as a role that reads lt's tables by column privileges only and may set their sequences. */
    private Connection asRoleWithColumnPrivilegesOnly() throws SQLException {
        db.execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lt_columns') THEN
                        CREATE ROLE lt_columns LOGIN PASSWORD 'lt-columns';
                    END IF;
                END $$;
                GRANT USAGE ON SCHEMA lt TO lt_columns;
                GRANT SELECT (id) ON lt.orders, lt.other TO lt_columns;
                GRANT SELECT, UPDATE ON SEQUENCE lt.orders_id_seq, lt.other_id_seq TO lt_columns;
                """);
        return db.connectAs("lt_columns", "lt-columns");
    }

    static Stream<Arguments> writingHoldersOnEveryPath() {
        return Stream.of(
                "TRUNCATE lt.orders; INSERT INTO lt.orders SELECT generate_series(1, 500)",
                "ALTER TABLE lt.orders ADD COLUMN note text; INSERT INTO lt.orders VALUES (500)",
                "LOCK TABLE lt.orders IN ACCESS EXCLUSIVE MODE; INSERT INTO lt.orders VALUES (500)",
                "ALTER TABLE lt.orders ALTER id TYPE bigint; INSERT INTO lt.orders VALUES (500)")
                .flatMap(holder -> Stream.of(Path.values())
                        .flatMap(path -> Stream.of(false, true).map(lock -> Arguments.of(holder, path, lock))));
    }

    /**
     * A default isolation above READ COMMITTED (default_transaction_isolation set for a database or
     * role, a pool's transaction isolation) would fix a transaction's snapshot at its first statement,
     * before the run's lock wait, and hide what the holder committed meanwhile: the run's own
     * transaction is READ COMMITTED whatever the default, and the connection's default stays as it was.
     * Also with pgjdbc's autosave=always, which puts a savepoint before statements (PostgreSQL takes
     * no SET TRANSACTION in a subtransaction).
     */
    @ParameterizedTest(name = "{0}, lockTables {1}, autosave {2}")
    @MethodSource("isolationsAboveReadCommitted")
    void aRunInItsOwnTransactionSeesWhatTheHolderCommittedWhateverTheDefaultIsolation(String isolation,
                                                                                   boolean lockTables,
                                                                                   String autosave)
            throws Exception {
        ResyncOptions options = ResyncOptions.builder().schemas("lt").lockTables(lockTables)
                .lockTimeout(Duration.ofSeconds(60)).build();
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        props.setProperty("autosave", autosave);
        try (Connection c = DriverManager.getConnection(db.url(), props); Statement s = c.createStatement()) {
            s.execute("SET default_transaction_isolation = '" + isolation + "'");
            int pid = ResyncFixture.backendPid(c);
            try (Blocker migration = Blocker.hold(db, "TRUNCATE lt.orders; INSERT INTO lt.orders SELECT generate_series(1, 500)")) {
                CompletableFuture<ResyncReport> run = CompletableFuture.supplyAsync(() -> SequenceResync.with(options).run(c));
                Blocker.awaitWaiting(db, pid);
                migration.commit();
                run.join();
            }
            assertThat(c.getAutoCommit()).isTrue();
            try (var rs = s.executeQuery("SHOW transaction_isolation")) {
                rs.next();
                assertThat(rs.getString(1)).as("the connection's default, untouched").isEqualTo(isolation);
            }
        }
        assertThat(db.nextValue("lt.orders_id_seq")).as("past the rows the holder committed").isEqualTo(501);
    }

    static Stream<Arguments> isolationsAboveReadCommitted() {
        return Stream.of("repeatable read", "serializable").flatMap(isolation -> Stream.of(false, true)
                .flatMap(lock -> Stream.of("never", "always").map(autosave -> Arguments.of(isolation, lock, autosave))));
    }

    /**
     * A prepared transaction (two-phase commit: an XA transaction manager that died between prepare
     * and commit leaves one behind) holds its locks with no session: it is named by its global id,
     * with the only way to end it, not as a session that "has released it since".
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Path.class)
    void aPreparedTransactionHoldingALockIsNamedWithHowToEndIt(Path path) throws Exception {
        assumeTrue(db.queryLong(
                "SELECT current_setting('max_prepared_transactions')::int8") > 0, "max_prepared_transactions is 0");
        try (Blocker xa = Blocker.prepared(db, "INSERT INTO lt.orders VALUES (500)", "lt-xa-" + path)) {
            assertThatThrownBy(() -> resync(path, options(true, true)))
                    .hasMessageContaining("a lock was not granted within the lock timeout (300ms): table lt.orders:"
                            + " prepared transaction 'lt-xa-" + path + "' (user " + db.user() + ", prepared ")
                    .hasMessageContaining("s ago; only COMMIT PREPARED or ROLLBACK PREPARED ends it) holds RowExclusiveLock")
                    .hasMessageNotContaining(Locks.RELEASED);
        }
        assertThat(db.nextValue("lt.orders_id_seq")).as("nothing changed").isEqualTo(1);
    }

    /**
     * The classic deploy stall: a long transaction reads the table, a migration's ALTER TABLE waits
     * behind it, and the resync's read queues behind the ALTER. It names the waiting session.
     */
    @Test
    void aSessionWaitingAheadInTheQueueIsNamed() throws Exception {
        try (Blocker reader = Blocker.hold(db, "SELECT count(*) FROM lt.orders");
             Connection migration = db.connect()) {
            CompletableFuture<Void> alter = CompletableFuture.runAsync(() -> {
                try (Statement s = migration.createStatement()) {
                    s.execute("SET lock_timeout = '60s'; ALTER TABLE lt.orders ADD COLUMN note text");
                } catch (SQLException expectedWhenTheReaderRollsBack) {
                    // the ALTER goes through once the reader is gone; either way it no longer waits
                }
            });
            int migrationPid = db.queryLong("SELECT pid FROM pg_stat_activity WHERE query LIKE '%ADD COLUMN note%'"
                                            + " AND pid <> pg_backend_pid()").intValue();
            Blocker.awaitWaiting(db, migrationPid);
            assertThatThrownBy(() -> resync(Path.OWN_TRANSACTION, options(false, true)))
                    .hasMessageContaining("table lt.orders: pid " + migrationPid)
                    .hasMessageContaining("waits for AccessExclusiveLock");
            reader.close();
            alter.get();
        }
    }

    /** A caller's lock_timeout lower than the run's is kept, and put back as it was. */
    @Test
    void theCallersLowerLockTimeoutIsRespectedAndRestored() throws Exception {
        try (Blocker blocker = Blocker.hold(db, "LOCK TABLE lt.orders IN ACCESS EXCLUSIVE MODE");
             Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '150ms'");
            assertThatThrownBy(() -> SequenceResync.with(ResyncOptions.builder().schemas("lt")
                    .lockTimeout(Duration.ofSeconds(30)).build()).run(c))
                    .hasMessageContaining("within the lock timeout (150ms)");
            assertThat(db.queryLong("SELECT 1")).isEqualTo(1);
            try (var rs = s.executeQuery("SHOW lock_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("150ms");
            }
        }
    }

    /** In the caller's transaction, the caller's lock_timeout is put back and the transaction still works. */
    @Test
    void inTheCallersTransactionItsSettingsAreRestored() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL lock_timeout = '4s'");
            SequenceResync.with(ResyncOptions.builder().schemas("lt").build()).run(c);
            try (var rs = s.executeQuery("SHOW lock_timeout")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("4s");
            }
            c.commit();
        }
        assertThat(db.nextValue("lt.orders_id_seq")).isEqualTo(42);
    }
}

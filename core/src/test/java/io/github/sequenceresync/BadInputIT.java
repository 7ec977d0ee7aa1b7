package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bad input gets a clear error that names the object, and nothing changes. */
@PostgresTest
class BadInputIT {

    private static final String ROLE = "resync_limited_role";

    private final TestDatabase db;
    private final ResyncFixture fixture;

    BadInputIT(TestDatabase db) {
        this.db = db;
        this.fixture = new ResyncFixture(db);
    }

    @BeforeAll
    static void createFixtures(TestDatabase db) {
        db.execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN PASSWORD 'secret';
                    END IF;
                END $$;
                CREATE SCHEMA behind;
                CREATE TABLE behind.t (id serial);
                INSERT INTO behind.t VALUES (9);

                CREATE SCHEMA perms_table;
                GRANT USAGE ON SCHEMA perms_table TO %1$s;
                CREATE TABLE perms_table.secret (id serial);
                INSERT INTO perms_table.secret VALUES (5);
                GRANT SELECT, UPDATE ON perms_table.secret_id_seq TO %1$s;

                CREATE SCHEMA perms_schema;
                CREATE TABLE perms_schema.hidden (id serial);
                """.formatted(ROLE));
    }

    /** A schema with two behind sequences; the role may update one of them only. */
    private void permissionsSchema(String schema) {
        db.execute("""
                CREATE SCHEMA %1$s;
                GRANT USAGE ON SCHEMA %1$s TO %2$s;
                CREATE TABLE %1$s.readable (id serial);
                INSERT INTO %1$s.readable VALUES (5);
                GRANT SELECT ON %1$s.readable TO %2$s;
                GRANT SELECT, UPDATE ON %1$s.readable_id_seq TO %2$s;
                CREATE TABLE %1$s.no_update (id serial);
                INSERT INTO %1$s.no_update VALUES (5);
                GRANT SELECT ON %1$s.no_update TO %2$s;
                GRANT SELECT ON %1$s.no_update_id_seq TO %2$s;
                """.formatted(schema, ROLE));
    }

    @Test
    void missingSchemaIsNamedAndNothingChanges() {
        assertThatThrownBy(() -> fixture.resync("behind", "no_such_schema"))
                .isInstanceOf(ResyncException.class)
                .hasMessage("option schemas: schema no_such_schema does not exist");
        assertThat(db.nextValue("behind.t_id_seq")).isEqualTo(1);
    }

    /**
     * What a run says about an option names it as the entry point its user came through spells it,
     * on both paths: a command-line user reads --schemas, a Spring Boot user sequence-resync.schemas.
     */
    @ParameterizedTest
    @EnumSource(Spelling.class)
    void optionsAreNamedAsTheEntryPointSpellsThem(Spelling spelling) throws Exception {
        ResyncOptions missing = ResyncOptions.builder().schemas("no_such_schema").spelling(spelling).build();
        String schemas = "option " + spelling.of(ResyncOption.SCHEMAS) + ": schema no_such_schema does not exist";
        assertThatThrownBy(() -> fixture.resync(missing)).hasMessage(schemas);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute(SequenceResync.with(missing).script())).hasMessageContaining(schemas);
        }

        String schema = "perms_" + spelling.name().toLowerCase(Locale.ROOT);
        permissionsSchema(schema);
        ResyncOptions denied = ResyncOptions.builder().schemas(schema).spelling(spelling).build();
        String wayOut = "(set " + spelling.setting(ResyncOption.FAIL_ON_PROBLEM, "false")
                        + " to resync the other sequences anyway)";
        try (Connection c = db.connectAs(ROLE, "secret"); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> SequenceResync.with(denied).run(c)).hasMessageEndingWith(wayOut);
            assertThatThrownBy(() -> s.execute(SequenceResync.with(denied).script())).hasMessageContaining(wayOut);
        }
        assertThat(db.nextValue(schema + ".readable_id_seq")).as("nothing changed").isEqualTo(1);
    }

    @Test
    void missingUpdatePrivilegeNamesTheSequenceBeforeAnythingChanges() throws Exception {
        permissionsSchema("perms");
        try (Connection c = db.connectAs(ROLE, "secret")) {
            assertThatThrownBy(() -> SequenceResync.with(ResyncOptions.builder().schemas("perms").build()).run(c))
                    .isInstanceOf(ResyncException.class)
                    .hasMessageContaining("permission denied: UPDATE on sequence perms.no_update_id_seq");
        }
        assertThat(db.nextValue("perms.readable_id_seq")).as("nothing applied").isEqualTo(1);
    }

    @Test
    void missingUpdatePrivilegeOnlyWarnsInADryRun() throws Exception {
        permissionsSchema("perms_dry");
        try (Connection c = db.connectAs(ROLE, "secret")) {
            ResyncReport report = SequenceResync.with(ResyncOptions.builder().schemas("perms_dry").dryRun(true).build())
                    .run(c);
            assertThat(report.changed()).hasSize(2);
            assertThat(report.warnings()).singleElement().asString().contains("UPDATE on sequence perms_dry.no_update_id_seq");
        }
    }

    @Test
    void skippingProblemsResyncsWhatThePrivilegesAllow() throws Exception {
        permissionsSchema("perms_skip");
        try (Connection c = db.connectAs(ROLE, "secret")) {
            ResyncReport report = SequenceResync.with(ResyncOptions.builder().schemas("perms_skip")
                    .failOnProblem(false).build()).run(c);
            assertThat(report.problems()).singleElement().asString().contains("perms_skip.no_update_id_seq");
        }
        assertThat(db.nextValue("perms_skip.readable_id_seq")).isEqualTo(6);
        assertThat(db.nextValue("perms_skip.no_update_id_seq")).isEqualTo(1);
    }

    @Test
    void missingSelectOnATableNamesTheTable() throws Exception {
        try (Connection c = db.connectAs(ROLE, "secret")) {
            assertThatThrownBy(() -> SequenceResync.with(ResyncOptions.builder().schemas("perms_table").build()).run(c))
                    .hasMessageContaining("permission denied: SELECT on table perms_table.secret");
        }
        assertThat(db.nextValue("perms_table.secret_id_seq")).isEqualTo(1);
    }

    @Test
    void skippingProblemsLeavesUnreadableTablesAndSchemasAloneAndDoesTheRest() throws Exception {
        db.execute("""
                CREATE SCHEMA skip_ok; GRANT USAGE ON SCHEMA skip_ok TO %1$s;
                CREATE TABLE skip_ok.t (id serial); INSERT INTO skip_ok.t VALUES (5);
                GRANT SELECT ON skip_ok.t TO %1$s; GRANT SELECT, UPDATE ON skip_ok.t_id_seq TO %1$s;
                CREATE TABLE skip_ok.hidden (id serial); INSERT INTO skip_ok.hidden VALUES (5);
                GRANT SELECT, UPDATE ON skip_ok.hidden_id_seq TO %1$s;
                """.formatted(ROLE));
        try (Connection c = db.connectAs(ROLE, "secret")) {
            ResyncReport report = SequenceResync.with(ResyncOptions.builder().schemas("skip_ok", "perms_schema")
                    .failOnProblem(false).build()).run(c);
            assertThat(report.problems()).anySatisfy(p -> assertThat(p).contains("SELECT on table skip_ok.hidden"))
                    .anySatisfy(p -> assertThat(p).contains("USAGE on schema perms_schema"));
        }
        assertThat(db.nextValue("skip_ok.t_id_seq")).isEqualTo(6);
        assertThat(db.nextValue("skip_ok.hidden_id_seq")).isEqualTo(1);
    }

    /**
     * Row-level security that applies to the role running the resync would let max() see only
     * the rows its policies allow (here 1..3, not 100), and a too-low value would be planned.
     * Owners are exempt unless FORCE ROW LEVEL SECURITY; both kinds of table are checked.
     */
    @Test
    void rowLevelSecurityHidingRowsFromTheRoleIsAProblemNamingTheTable() throws Exception {
        db.execute("""
                CREATE SCHEMA rls; GRANT USAGE, CREATE ON SCHEMA rls TO %1$s;
                CREATE TABLE rls.policed (id serial); INSERT INTO rls.policed VALUES (1), (2), (3), (100);
                ALTER TABLE rls.policed ENABLE ROW LEVEL SECURITY;
                CREATE POLICY small ON rls.policed FOR SELECT USING (id < 10);
                GRANT SELECT ON rls.policed TO %1$s; GRANT SELECT, UPDATE ON rls.policed_id_seq TO %1$s;
                CREATE TABLE rls.forced (id serial); INSERT INTO rls.forced VALUES (1), (100);
                ALTER TABLE rls.forced OWNER TO %1$s;
                ALTER TABLE rls.forced ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
                CREATE POLICY small ON rls.forced FOR SELECT USING (id < 10);
                CREATE TABLE rls.open (id serial); INSERT INTO rls.open VALUES (7);
                ALTER TABLE rls.open OWNER TO %1$s;
                """.formatted(ROLE));
        try (Connection c = db.connectAs(ROLE, "secret"); Statement s = c.createStatement()) {
            ResyncOptions options = ResyncOptions.builder().schemas("rls").build();
            assertThatThrownBy(() -> SequenceResync.with(options).run(c))
                    .hasMessageContaining("row-level security applies to this role on table rls.policed")
                    .hasMessageContaining("row-level security applies to this role on table rls.forced")
                    .hasMessageContaining("nothing changed");
            assertThatThrownBy(() -> s.execute(SequenceResync.with(options).script()))
                    .hasMessageContaining("row-level security applies to this role on table rls.policed")
                    .hasMessageContaining("row-level security applies to this role on table rls.forced");
            assertThat(db.nextValue("rls.open_id_seq")).as("nothing changed").isEqualTo(1);
            SequenceResync.with(ResyncOptions.builder().schemas("rls").failOnProblem(false).build()).run(c);
        }
        assertThat(db.nextValue("rls.policed_id_seq")).isEqualTo(1);
        assertThat(db.nextValue("rls.forced_id_seq")).isEqualTo(1);
        assertThat(db.nextValue("rls.open_id_seq")).isEqualTo(8);
        fixture.resync("rls");
        assertThat(db.nextValue("rls.policed_id_seq")).as("a superuser is not subject to policies").isEqualTo(101);
    }

    @Test
    void missingUsageOnASchemaNamesTheSchema() throws Exception {
        try (Connection c = db.connectAs(ROLE, "secret")) {
            assertThatThrownBy(() -> SequenceResync.with(ResyncOptions.builder().schemas("perms_schema").build()).run(c))
                    .hasMessageContaining("permission denied: USAGE on schema perms_schema");
        }
    }

    @Test
    void lockTimeoutNamesTheTableAndNothingChanges() throws Exception {
        db.execute("""
                CREATE SCHEMA locked;
                CREATE TABLE locked.busy (id serial);
                INSERT INTO locked.busy VALUES (3);
                """);
        try (Connection writer = db.connect(); Statement s = writer.createStatement()) {
            writer.setAutoCommit(false);
            s.execute("INSERT INTO locked.busy VALUES (4)"); // holds ROW EXCLUSIVE until rollback
            assertThatThrownBy(() -> fixture.resync(ResyncOptions.builder().schemas("locked")
                    .lockTables(true).lockTimeout(Duration.ofMillis(200)).build()))
                    .isInstanceOf(ResyncException.class)
                    .hasMessageContaining("a lock was not granted within the lock timeout (200ms): table locked.busy: pid ")
                    .hasMessageContaining("holds RowExclusiveLock")
                    .hasMessageContaining("leave those tables out (exclude), or raise the lock timeout (lockTimeout)")
                    .hasMessageEndingWith("Nothing was changed")
                    .satisfies(e -> assertThat(((ResyncException) e).sqlState()).isEqualTo("55P03"));
            assertThatThrownBy(() -> fixture.resync(ResyncOptions.builder().schemas("locked").spelling(Spelling.COMMAND_LINE)
                    .lockTables(true).lockTimeout(Duration.ofMillis(200)).build()))
                    .hasMessageContaining("leave those tables out (--exclude), or raise the lock timeout (--lock-timeout)");
            writer.rollback();
        }
        assertThat(db.nextValue("locked.busy_id_seq")).isEqualTo(1);
    }

    @Test
    void readOnlyTransactionIsRefusedBeforeAnythingChanges() throws Exception {
        try (Connection c = db.connect()) {
            c.setReadOnly(true);
            assertThatThrownBy(() -> SequenceResync.with(ResyncOptions.builder().schemas("behind").build()).run(c))
                    .isInstanceOf(ResyncException.class)
                    .hasMessageContaining("read-only")
                    .hasMessageContaining("behind.t_id_seq")
                    .satisfies(e -> assertThat(((ResyncException) e).report().summary()).isEqualTo(
                            "1 sequence: 1 to advance, 0 unchanged, 0 skipped, 0 problems (nothing changed)"));
            ResyncReport check = SequenceResync.with(ResyncOptions.builder().schemas("behind").dryRun(true).build())
                    .run(c);
            assertThat(check.changed()).hasSize(1);
        }
        assertThat(db.nextValue("behind.t_id_seq")).isEqualTo(1);
    }

    @Test
    void callersTransactionIsNeitherCommittedNorEndedAndKeepsItsLocks() throws Exception {
        db.execute("""
                CREATE SCHEMA caller_tx;
                CREATE TABLE caller_tx.t (id serial);
                INSERT INTO caller_tx.t VALUES (3);
                """);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE caller_tx.uncommitted (id int)");
            SequenceResync.with(ResyncOptions.builder().schemas("caller_tx").lockTables(true).build()).run(c);
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'uncommitted'"))
                    .as("caller's work not committed").isZero();
            try (ResultSet rs = s.executeQuery("""
                    SELECT count(*) FROM pg_locks
                    WHERE pid = pg_backend_pid() AND relation = 'caller_tx.t'::regclass AND mode = 'ShareLock'
                    """)) {
                rs.next();
                assertThat(rs.getInt(1)).as("SHARE lock held until the caller commits").isEqualTo(1);
            }
            c.commit();
        }
        assertThat(db.nextValue("caller_tx.t_id_seq")).isEqualTo(4);
    }

    @Test
    void autocommitConnectionIsLeftInAutocommit() throws Exception {
        try (Connection c = db.connect()) {
            SequenceResync.with(ResyncOptions.builder().schemas("behind").dryRun(true).build()).run(c);
            assertThat(c.getAutoCommit()).isTrue();
        }
    }
}

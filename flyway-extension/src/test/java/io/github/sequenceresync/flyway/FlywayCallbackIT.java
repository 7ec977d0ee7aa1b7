package io.github.sequenceresync.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.Mode;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.testing.Blocker;
import io.github.sequenceresync.testing.OwnServer;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Flyway migrations on real PostgreSQL, with the callback registered every supported way. */
@PostgresTest
class FlywayCallbackIT {

    private final TestDatabase db;

    FlywayCallbackIT(TestDatabase db) {
        this.db = db;
    }

    private FluentConfiguration configure(String schema, String location) {
        return Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .schemas(schema).locations("classpath:db/" + location);
    }

    /** After migrations that loaded rows with ids, ordinary inserts get the next free ids. */
    private void assertOrdinaryInsertsSucceed(String schema) {
        db.execute("SET search_path = " + schema + """
                ;
                INSERT INTO orders (item) VALUES ('ordinary');
                INSERT INTO customers (name) VALUES ('ordinary');
                INSERT INTO notes (body) VALUES ('ordinary');
                INSERT INTO audit (what) VALUES ('ordinary');
                """);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".orders")).isEqualTo(41);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".customers")).isEqualTo(9);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".notes")).isEqualTo(501);
        assertThat(db.queryLong("SELECT max(id) FROM " + schema + ".audit")).isEqualTo(102);
    }

    /** The compat modules run these tests on older Flyway majors; check that they really do. */
    @Test
    void runsOnTheFlywayVersionTheBuildChose() {
        String expected = System.getProperty("flyway.expected.version");
        assertThat(Flyway.class.getProtectionDomain().getCodeSource().getLocation().toString())
                .contains("flyway-core-" + expected + ".jar");
    }

    @Test
    void withoutTheCallbackTheFirstOrdinaryInsertFails() {
        configure("baseline", "loading").load().migrate();
        assertThatThrownBy(() -> db.execute("INSERT INTO baseline.orders (item) VALUES ('ordinary')"))
                .hasMessageContaining("duplicate key value violates unique constraint");
    }

    @Test
    void instanceRegisteredThroughTheJavaApiResyncsSqlCopyAndJavaMigrations() {
        configure("by_instance", "loading").callbacks(new ResyncSequencesCallback()).load().migrate();
        assertOrdinaryInsertsSucceed("by_instance");
    }

    /** Why asCallback() exists: the class's own methods cannot be listed on Flyway before 11.13. */
    @Test
    void listingTheClassMethodsFailsOnlyBeforeFlyway11Point13() {
        boolean genericCallbacks;
        try {
            Class.forName("org.flywaydb.core.api.callback.CallbackEvent");
            genericCallbacks = true;
        } catch (ClassNotFoundException e) {
            genericCallbacks = false;
        }
        if (genericCallbacks) {
            assertThat(ResyncSequencesCallback.class.getDeclaredMethods()).isNotEmpty();
        } else {
            assertThatThrownBy(ResyncSequencesCallback.class::getDeclaredMethods).isInstanceOf(NoClassDefFoundError.class);
        }
    }

    @Test
    void proxyForReflectingFrameworksWorksAndCanBeIntrospected() {
        Callback callback = ResyncSequencesCallback.builder().options(o -> o.lockTables(true)).build().asCallback();
        assertThat(callback.getClass().getDeclaredMethods()).as("what Spring does to every bean").isNotEmpty();
        configure("by_proxy", "loading").callbacks(callback).load().migrate();
        assertOrdinaryInsertsSucceed("by_proxy");
    }

    @Test
    void linkRulePlaceholderAndTriggerLinkSequencesTheCatalogDoesNot() {
        configure("links", "links").callbacks(new ResyncSequencesCallback())
                .placeholders(Map.of(ResyncPlaceholders.LINK_RULES, "{table}_seq->{table}.id"))
                .load().migrate();
        // the next pooled block (nextval - 49 .. nextval) starts above 730
        assertThat(db.nextValue("links.order_lines_seq")).isEqualTo(780);
        // the trigger's unqualified name resolves with the search_path of Flyway's session (its schema)
        assertThat(db.nextValue("links.invoice_ids")).isEqualTo(301);
    }

    @Test
    void classNameRegistrationConfiguredByPlaceholders() {
        configure("by_class_name", "loading")
                .callbacks(ResyncSequencesCallback.class.getName())
                .placeholders(Map.of(ResyncPlaceholders.LOCK_TABLES, "true", ResyncPlaceholders.MODE, "forward"))
                .load().migrate();
        assertOrdinaryInsertsSucceed("by_class_name");
    }

    @Test
    void flywayConfFileReadByFlyway() throws Exception {
        Properties conf = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/flyway-by-class-name.conf")) {
            conf.load(in);
        }
        Flyway.configure().configuration(conf).dataSource(db.url(), db.user(), db.password())
                .schemas("from_conf").load().migrate();
        assertOrdinaryInsertsSucceed("from_conf");
    }

    @Test
    void afterEachMigrateFixesALaterMigrationOfTheSameRun() {
        assertThatThrownBy(() -> configure("each_default", "each")
                .callbacks(new ResyncSequencesCallback()).load().migrate())
                .as("after_migrate comes too late for V2").hasMessageContaining("duplicate key");
        configure("each_event", "each")
                .placeholders(Map.of(ResyncPlaceholders.EVENT, "after_each_migrate"))
                .callbacks(new ResyncSequencesCallback()).load().migrate();
        assertThat(db.queryLong("SELECT max(id) FROM each_event.products")).isEqualTo(3);
    }

    @Test
    void builderOptionsWinOverPlaceholders() {
        configure("builder_wins", "each")
                .placeholders(Map.of(ResyncPlaceholders.EVENT, "after_migrate"))
                .callbacks(ResyncSequencesCallback.builder().event(ResyncEvent.AFTER_EACH_MIGRATE).build())
                .load().migrate();
        assertThat(db.queryLong("SELECT max(id) FROM builder_wins.products")).isEqualTo(3);
    }

    @Test
    void aProblemFailsTheMigrateWithAClearMessage() {
        assertThatThrownBy(() -> configure("problem", "problem").callbacks(new ResyncSequencesCallback()).load().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("problem.ticket_no")
                .hasMessageContaining("problem.tickets.id holds 50, above MAXVALUE 10")
                .as("the way out, as a Flyway user writes it")
                .hasMessageContaining("(set resync_fail_on_problem=false to resync the other sequences anyway)");
        assertThat(db.nextValue("problem.ticket_no")).isEqualTo(1);
        assertThatThrownBy(() -> configure("problem", "problem")
                .callbacks(ResyncSequencesCallback.builder().options(o -> o.warnAt(90)).build()).load().migrate())
                .as("options set in code win over their placeholders: the way out is code too")
                .hasMessageContaining("(set failOnProblem(false) to resync the other sequences anyway)");
    }

    @Test
    void problemsOnlyWarnWhenConfiguredSo() {
        configure("problem_warn", "problem")
                .placeholders(Map.of(ResyncPlaceholders.FAIL_ON_PROBLEM, "false"))
                .callbacks(new ResyncSequencesCallback()).load().migrate();
        assertThat(db.nextValue("problem_warn.ticket_no")).isEqualTo(1);
    }

    @Test
    void dryRunChangesNothing() {
        configure("dry", "loading").placeholders(Map.of(ResyncPlaceholders.DRY_RUN, "true"))
                .callbacks(new ResyncSequencesCallback()).load().migrate();
        assertThat(db.nextValue("dry.orders_id_seq")).isEqualTo(1);
    }

    @Test
    void disabledByPlaceholder() {
        configure("disabled", "loading").placeholders(Map.of(ResyncPlaceholders.ENABLED, "false"))
                .callbacks(new ResyncSequencesCallback()).load().migrate();
        assertThat(db.nextValue("disabled.orders_id_seq")).isEqualTo(1);
    }

    @Test
    void unknownPlaceholderValueFailsNamingTheKey() {
        assertThatThrownBy(() -> configure("bad_value", "loading")
                .placeholders(Map.of(ResyncPlaceholders.MODE, "backwards"))
                .callbacks(new ResyncSequencesCallback()).load().migrate())
                .isInstanceOf(FlywayException.class)
                .hasMessageContaining("resync_mode").hasMessageContaining("backwards");
    }

    @Test
    void everySchemaFlywayManagesIsResyncedAndNoOther() {
        db.execute("CREATE SCHEMA unmanaged; CREATE TABLE unmanaged.t (id serial); INSERT INTO unmanaged.t VALUES (5);");
        Flyway.configure().dataSource(db.url(), db.user(), db.password())
                .schemas("sales", "stock").locations("classpath:db/multi")
                .callbacks(new ResyncSequencesCallback()).load().migrate();
        assertThat(db.nextValue("sales.orders_id_seq")).isEqualTo(11);
        assertThat(db.nextValue("stock.items_id_seq")).isEqualTo(21);
        assertThat(db.nextValue("unmanaged.t_id_seq")).isEqualTo(1);
    }

    @Test
    void exactModeFromTheBuilder() {
        Callback callback = ResyncSequencesCallback.builder().options(o -> o.mode(Mode.EXACT)).build();
        configure("exact", "loading").callbacks(callback).load().migrate();
        db.execute("SELECT setval('exact.orders_id_seq', 1000)");
        configure("exact", "loading").callbacks(callback).load().migrate(); // nothing to apply, still resyncs
        assertThat(db.nextValue("exact.orders_id_seq")).isEqualTo(41);
    }

    @Test
    void optionsSetOnTheBuilderWinOverTheirPlaceholdersAndTheOthersKeepTheirs() {
        List<ResyncReport> reports = new ArrayList<>();
        Callback callback = ResyncSequencesCallback.builder()
                .options(o -> o.dryRun(false))
                .options(o -> o.warnAt(0)) // adds to the first
                .onReport(reports::add).build();
        Map<String, String> placeholders = Map.of(ResyncPlaceholders.DRY_RUN, "true", ResyncPlaceholders.MODE, "exact");
        configure("overrides", "loading").callbacks(callback).placeholders(placeholders).load().migrate();
        db.execute("SELECT setval('overrides.orders_id_seq', 1000)");
        configure("overrides", "loading").callbacks(callback).placeholders(placeholders).load().migrate();
        assertThat(db.nextValue("overrides.orders_id_seq")).as("exact mode from its placeholder, applied").isEqualTo(41);
        assertThat(reports).allSatisfy(r -> {
            assertThat(r.dryRun()).isFalse();
            assertThat(r.mode()).isEqualTo(Mode.EXACT);
            assertThat(r.warnings()).as("warnAt 0").anyMatch(w -> w.contains("capacity: "));
        });
    }

    /** A host that registers one callback with a Flyway per database learns which Flyway each report came from. */
    @Test
    void oneCallbackServingTwoFlywaysHandsEachReportItsOwnFlywaysConfiguration() throws Exception {
        TestDatabase other = TestDatabase.create("flyway_report_from");
        try {
            List<String> seen = new ArrayList<>();
            Callback callback = ResyncSequencesCallback.builder().onReportFrom((report, flyway) -> {
                try (Connection c = flyway.getDataSource().getConnection();
                     ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                    rs.next();
                    seen.add(rs.getString(1) + " " + String.join(",", flyway.getSchemas()) + ": "
                            + report.changed().size() + " moved");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).build();
            configure("report_from", "loading").callbacks(callback).load().migrate();
            Flyway.configure().dataSource(other.url(), other.user(), other.password())
                    .schemas("elsewhere").locations("classpath:db/loading").callbacks(callback).load().migrate();
            assertThat(seen).containsExactly(db.name() + " report_from: 4 moved",
                    other.name() + " elsewhere: 4 moved");
        } finally {
            other.drop();
        }
    }

    /**
     * More tables than the server's lock table holds in one transaction (PostgreSQL's default holds
     * some 2,000): afterMigrate runs outside Flyway's transaction, so the resync splits itself.
     */
    @Test
    void moreTablesThanOneTransactionCanLockAreResyncedAfterMigrate(@TempDir Path dataDir) throws Exception {
        try (EmbeddedPostgres pg = OwnServer.withTinyLockTable(dataDir).start();
             Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA wide");
            OwnServer.createTablesBehind(s, "wide", 300);
            Flyway.configure().dataSource(pg.getPostgresDatabase()).schemas("wide")
                    .baselineOnMigrate(true).baselineVersion("0").locations("classpath:db/loading")
                    .callbacks(new ResyncSequencesCallback()).load().migrate();
            s.execute("INSERT INTO wide.t0 DEFAULT VALUES; INSERT INTO wide.t299 DEFAULT VALUES");
            try (ResultSet rs = s.executeQuery("SELECT (SELECT max(id) FROM wide.t0), (SELECT max(id) FROM wide.t299)")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(8);
                assertThat(rs.getLong(2)).isEqualTo(307);
            }
        }
    }

    @Test
    void invalidBuilderValueIsRejectedWhenBuilt() {
        assertThatThrownBy(() -> ResyncSequencesCallback.builder().options(o -> o.schemas("")).build())
                .hasMessageContaining("option schemas");
    }

    /**
     * A session holds a table the callback must read (an ALTER TABLE of another deploy, a VACUUM
     * FULL): the migrate fails within the callback's lock timeout, on the server's clock, naming the
     * table and the session, and changes no sequence; with resync_fail_on_problem=false it succeeds
     * and resyncs the other tables.
     */
    @Test
    void aTableLockedByAnotherSessionFailsTheMigrateWithinTheLockTimeoutNamingIt() throws Exception {
        configure("locked", "loading").load().migrate();
        Map<String, String> placeholders = Map.of(ResyncPlaceholders.LOCK_TIMEOUT, "300ms");
        try (Blocker blocker = Blocker.hold(db, "LOCK TABLE locked.orders IN ACCESS EXCLUSIVE MODE")) {
            long start = Blocker.serverMillis(db);
            assertThatThrownBy(() -> configure("locked", "loading").placeholders(placeholders)
                    .callbacks(new ResyncSequencesCallback()).load().migrate())
                    .hasStackTraceContaining("sequence-resync: cannot resync sequences: a lock was not granted within"
                            + " the lock timeout (300ms): table locked.orders: pid " + blocker.pid())
                    .hasStackTraceContaining("holds AccessExclusiveLock")
                    .hasStackTraceContaining("leave those tables out (resync_exclude), or raise the lock timeout"
                            + " (resync_lock_timeout)");
            assertThat(Blocker.serverMillis(db) - start).isBetween(300L, 15_000L);
            assertThat(db.nextValue("locked.customers_id_seq"))
                    .as("nothing changed").isEqualTo(1);

            configure("locked", "loading").placeholders(Map.of(ResyncPlaceholders.LOCK_TIMEOUT, "300ms",
                    ResyncPlaceholders.FAIL_ON_PROBLEM, "false")).callbacks(new ResyncSequencesCallback()).load().migrate();
        }
        assertThat(db.nextValue("locked.orders_id_seq")).as("the locked table's sequence is left alone").isEqualTo(1);
        assertThat(db.nextValue("locked.customers_id_seq")).as("the others are resynced").isEqualTo(9);
    }
}

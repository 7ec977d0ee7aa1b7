package io.github.sequenceresync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sequenceresync.testing.Blocker;
import io.github.sequenceresync.testing.EdgeCases;
import io.github.sequenceresync.testing.PgBouncer;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar, executed as a separate process against real PostgreSQL. */
@PostgresTest
class CliIT {

    private static final String ROLE = "cli_limited_role";

    private final TestDatabase db;

    /** Output files of the child processes, removed after each test. */
    @TempDir
    Path tmp;

    CliIT(TestDatabase db) {
        this.db = db;
    }

    record Result(int exit, String out, String err) {
        /**
         * What the run said on stderr but its progress lines: on a loaded machine a run that takes over a
         * second prints "working... 1 s" before its one line.
         */
        String error() {
            return err.lines().filter(line -> !line.startsWith("sequence-resync: working..."))
                    .collect(java.util.stream.Collectors.joining("\n")).strip();
        }
    }

    private Result run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(), "-jar", System.getProperty("cli.jar")));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // hermetic: none of the connection variables of the machine running the tests
        pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.equals("DATABASE_URL"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "cli", ".out");
        Path err = Files.createTempFile(tmp, "cli", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private String[] withConnection(String command, String... rest) {
        List<String> args = new ArrayList<>(List.of(command, "--url", db.url(), "--user", db.user()));
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    @BeforeAll
    static void fixtures(TestDatabase db) {
        db.execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                        CREATE ROLE %1$s LOGIN PASSWORD 'right-password';
                    END IF;
                END $$;
                CREATE SCHEMA in_sync; CREATE TABLE in_sync.t (id serial); INSERT INTO in_sync.t DEFAULT VALUES;
                CREATE SCHEMA behind; CREATE TABLE behind.t (id serial); INSERT INTO behind.t VALUES (41);
                CREATE SCHEMA to_fix; CREATE TABLE to_fix.t (id serial); INSERT INTO to_fix.t VALUES (9);
                CREATE SCHEMA for_sql; CREATE TABLE for_sql.t (id serial); INSERT INTO for_sql.t VALUES (99);
                CREATE SCHEMA perms; CREATE TABLE perms.t (id serial); INSERT INTO perms.t VALUES (5);
                GRANT USAGE ON SCHEMA perms TO %1$s; GRANT SELECT ON perms.t TO %1$s;
                GRANT SELECT ON perms.t_id_seq TO %1$s;
                """.formatted(ROLE));
    }

    /**
     * Through PgBouncer in transaction mode with one server connection shared by every client: check,
     * fix and check again, several rounds, with an application (configured for the pooler) using the
     * same connection in between. A run that left a named prepared statement there would make the next
     * client fail with "prepared statement S_1 already exists".
     */
    @Test
    void fixAndCheckThroughPgBouncerInTransactionModeLeaveThePoolClean() throws Exception {
        db.execute("CREATE SCHEMA pooled; CREATE TABLE pooled.t (id serial PRIMARY KEY);"
                   + " CREATE TABLE pooled.u (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v int)");
        try (PgBouncer bouncer = PgBouncer.start(db)) {
            for (int round = 1; round <= 4; round++) {
                db.execute("INSERT INTO pooled.t VALUES (" + round * 100 + ");"
                           + " INSERT INTO pooled.u OVERRIDING SYSTEM VALUE VALUES (" + round * 100 + ", 0)");
                String[] connection = {"--url", bouncer.url(), "--user", db.user(), "--schemas", "pooled"};
                Result behind = run(concat("check", connection));
                assertThat(behind.exit()).as("round %s: %s%s", round, behind.err(), bouncer.log()).isEqualTo(1);
                Result fix = run(concat("fix", connection));
                assertThat(fix.exit()).as("round %s: %s%s", round, fix.err(), bouncer.log()).isZero();
                Result inSync = run(concat("check", connection));
                assertThat(inSync.exit()).as("round %s: %s%s", round, inSync.err(), bouncer.log()).isZero();
                Properties app = new Properties();
                app.setProperty("user", db.user());
                app.setProperty("prepareThreshold", "0");
                try (Connection c = DriverManager.getConnection(bouncer.url(), app); Statement s = c.createStatement()) {
                    for (int i = 0; i < 3; i++) {
                        s.execute("INSERT INTO pooled.t DEFAULT VALUES; INSERT INTO pooled.u (v) VALUES (1)");
                    }
                }
                assertThat(db.queryLong("SELECT max(id) FROM pooled.t")).isEqualTo(round * 100 + 3);
                assertThat(db.queryLong("SELECT max(id) FROM pooled.u")).isEqualTo(round * 100 + 3);
            }
        }
    }

    /** Through PgBouncer in statement mode, which refuses the transaction a run needs: one line, exit 2. */
    @Test
    void throughPgBouncerInStatementModeOneLineSaysWhatToConnectThrough() throws Exception {
        db.execute("CREATE SCHEMA pooled_statement; CREATE TABLE pooled_statement.t (id serial PRIMARY KEY);"
                   + " INSERT INTO pooled_statement.t VALUES (100)");
        try (PgBouncer bouncer = PgBouncer.start(db, 1, "statement")) {
            for (String command : List.of("check", "fix")) {
                Result r = run(command, "--url", bouncer.url(), "--user", db.user(), "--schemas", "pooled_statement");
                assertThat(r.exit()).as(r.err()).isEqualTo(2);
                assertThat(r.error()).as(command).doesNotContain("\n")
                        .contains("transaction blocks not allowed in statement pooling mode")
                        .contains("through a pool in transaction or session mode");
            }
        }
        assertThat(db.nextValue("pooled_statement.t_id_seq")).isEqualTo(1);
    }

    private static String[] concat(String command, String... rest) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** A table another session holds: fix gives up within --lock-timeout, one line naming it, exit 2. */
    @Test
    void aTableLockedByAnotherSessionIsNamedWithinTheLockTimeout() throws Exception {
        db.execute("CREATE SCHEMA cli_locked; CREATE TABLE cli_locked.t (id serial PRIMARY KEY);"
                   + " INSERT INTO cli_locked.t VALUES (12)");
        try (Blocker blocker = Blocker.hold(db, "ALTER TABLE cli_locked.t ADD COLUMN note text")) {
            long start = Blocker.serverMillis(db);
            Result r = run(withConnection("fix", "--schemas", "cli_locked", "--lock-timeout", "1s"));
            assertThat(Blocker.serverMillis(db) - start).isBetween(1_000L, 30_000L);
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.error()).doesNotContain("\n\tat ")
                    .contains("a lock was not granted within the lock timeout (1s): table cli_locked.t: pid "
                              + blocker.pid())
                    .contains("holds AccessExclusiveLock");
        }
        assertThat(db.nextValue("cli_locked.t_id_seq")).isEqualTo(1);
    }

    /**
     * PGOPTIONS sets the session's settings, as with psql: here a statement_timeout (a role's or a
     * pool's, in the field) shorter than the lock timeout, which ends the wait for a table another
     * session holds; the one line names it, who holds the table, and what to do.
     */
    @Test
    void aStatementTimeoutFromPgoptionsThatEndsALockWaitIsNamedWithTheHolder() throws Exception {
        db.execute("CREATE SCHEMA cli_stmt_timeout; CREATE TABLE cli_stmt_timeout.t (id serial PRIMARY KEY);"
                   + " INSERT INTO cli_stmt_timeout.t VALUES (12)");
        try (Blocker blocker = Blocker.hold(db, "ALTER TABLE cli_stmt_timeout.t ADD COLUMN note text")) {
            Result r = run(Map.of("PGOPTIONS", "-c statement_timeout=3s"),
                    withConnection("fix", "--schemas", "cli_stmt_timeout", "--lock-timeout", "60s"));
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.error()).doesNotContain("\n\tat ")
                    .contains("the server canceled the statement after statement_timeout (3s) or on a cancel request;"
                              + " these sessions hold locks it waits for: table cli_stmt_timeout.t: pid " + blocker.pid())
                    .contains("raise statement_timeout for the resync's connection or role. Nothing was changed");
        }
        assertThat(db.nextValue("cli_stmt_timeout.t_id_seq")).isEqualTo(1);
    }

    /** The userinfo form people copy from a postgres:// URI: refused in one line that never shows the password. */
    @Test
    void aPasswordInTheUrlNeverReachesTheOutput() throws Exception {
        String hostPort = db.url().substring("jdbc:postgresql://".length(), db.url().lastIndexOf('/'));
        for (String url : List.of("jdbc:postgresql://u:s3cret-pw@" + hostPort + "/db",
                                  "jdbc:postgresql://" + hostPort + "/nodb?user=u&password=s3cret-pw")) {
            Result r = run("check", "--url", url, "--verbose");
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.out() + r.err()).as(url).doesNotContain("s3cret-pw");
        }
    }

    /** host, port, database as the URL of the test database has them. */
    private String[] server() {
        String rest = db.url().substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        int colon = hostPort.lastIndexOf(':');
        String database = rest.substring(rest.indexOf('/') + 1).replaceAll("\\?.*", "");
        return new String[] {hostPort.substring(0, colon), hostPort.substring(colon + 1), database};
    }

    /** Every way PostgreSQL's own tools take a connection reaches the database. */
    @Test
    void everyConnectionFormOfPostgresToolsWorks() throws Exception {
        String[] s = server();
        String host = s[0];
        String port = s[1];
        String database = s[2];
        Map<String, String> none = Map.of();
        for (Map.Entry<Map<String, String>, String[]> form : List.<Map.Entry<Map<String, String>, String[]>>of(
                Map.entry(none, new String[] {"--url", "postgres://" + db.user() + "@" + host + ":" + port + "/" + database}),
                Map.entry(none, new String[] {"--url", "postgresql://" + host + ":" + port + "/" + database + "?user=" + db.user()
                                                      + "&sslmode=disable&application_name=ci"}),
                Map.entry(none, new String[] {"--url", "host=" + host + " port=" + port + " dbname='" + database + "' user="
                                                      + db.user()}),
                Map.entry(none, new String[] {"-h", host, "-p", port, "-d", database, "-U", db.user()}),
                Map.entry(Map.of("PGHOST", host, "PGPORT", port, "PGDATABASE", database, "PGUSER", db.user()), new String[0]),
                Map.entry(Map.of("DATABASE_URL", "postgres://" + db.user() + "@" + host + ":" + port + "/" + database),
                        new String[0]))) {
            List<String> args = new ArrayList<>(List.of("check", "--schemas", "in_sync"));
            args.addAll(List.of(form.getValue()));
            Result r = run(form.getKey(), args.toArray(String[]::new));
            assertThat(r.exit()).as("%s %s: %s", form.getKey(), List.of(form.getValue()), r.err()).isZero();
        }
    }

    /** A failed connection names host, port, database and user, never the password. */
    @Test
    void aFailedConnectionNamesEverythingButThePassword() throws Exception {
        String[] s = server();
        Result r = run(Map.of("DATABASE_URL", "postgres://nobody:s3cret-pw@" + s[0] + ":" + s[1] + "/no_such_db"), "check");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("cannot connect to host " + s[0] + " port " + s[1] + " database no_such_db as user nobody")
                .doesNotContain("s3cret-pw");
    }

    /** sql/sequence-resync.sql, for DBAs without Java, is what sql prints; -Dsql.regenerate=true rewrites it. */
    @Test
    void theScriptInTheRepositoryIsWhatSqlPrints() throws Exception {
        Result r = run("sql");
        assertThat(r.exit()).as(r.err()).isZero();
        Path file = Path.of(System.getProperty("sql.script"));
        if (Boolean.getBoolean("sql.regenerate")) {
            Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("sql/sequence-resync.sql is out of date: run the CLI's tests with -Dsql.regenerate=true")
                .isEqualTo(r.out());
    }

    @Test
    void versionIsTheBuildsVersion() throws Exception {
        Result r = run("--version");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("sequence-resync " + System.getProperty("project.version"));
    }

    @Test
    void checkExitsZeroWhenInSync() throws Exception {
        Result r = run(withConnection("check", "--schemas", "in_sync"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("in_sync.t_id_seq").contains("unchanged");
    }

    @Test
    void checkExitsOneWhenBehindAndChangesNothing() throws Exception {
        Result r = run(withConnection("check", "--schemas", "behind"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).containsPattern("behind\\.t_id_seq +behind\\.t\\.id +1 +42 +advance")
                .contains("1 sequence: 1 to advance");
        assertThat(db.nextValue("behind.t_id_seq")).isEqualTo(1);
    }

    @Test
    void checkPrintsJsonForCiAnnotations() throws Exception {
        Result r = run(withConnection("check", "--schemas", "behind", "--format", "json"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().strip()).startsWith("{\"mode\":\"forward\",\"dryRun\":true,\"applied\":false,\"inSync\":false,")
                .contains("\"sequence\":\"behind.t_id_seq\",\"columns\":[\"behind.t.id\"],\"links\":[],\"nextValueBefore\":1,"
                        + "\"nextValueAfter\":42,\"action\":\"advance\"");
    }

    @Test
    void fixAppliesAndASecondCheckPasses() throws Exception {
        Result fix = run(withConnection("fix", "--schemas", "to_fix", "--lock-tables"));
        assertThat(fix.exit()).as(fix.err()).isZero();
        assertThat(fix.out()).contains("1 advanced");
        assertThat(db.nextValue("to_fix.t_id_seq")).isEqualTo(10);
        assertThat(run(withConnection("check", "--schemas", "to_fix")).exit()).isZero();
    }

    @Test
    void linkRulesAndTriggersLinkWhatTheCatalogDoesNotAndCandidatesAreShown() throws Exception {
        db.execute("""
                CREATE SCHEMA cli_links;
                CREATE SEQUENCE cli_links.order_lines_seq INCREMENT 50;
                CREATE TABLE cli_links.order_lines (id bigint PRIMARY KEY);
                INSERT INTO cli_links.order_lines VALUES (730);
                CREATE SEQUENCE cli_links.invoice_ids;
                CREATE TABLE cli_links.invoices (id bigint PRIMARY KEY);
                CREATE FUNCTION cli_links.assign() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN NEW.id := nextval('cli_links.invoice_ids'); RETURN NEW; END $f$;
                CREATE TRIGGER invoices_id BEFORE INSERT ON cli_links.invoices FOR EACH ROW EXECUTE FUNCTION cli_links.assign();
                ALTER TABLE cli_links.invoices DISABLE TRIGGER invoices_id;
                INSERT INTO cli_links.invoices VALUES (300);
                ALTER TABLE cli_links.invoices ENABLE TRIGGER invoices_id;
                """);
        Result check = run(withConnection("check", "--schemas", "cli_links"));
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out()).contains("linked: cli_links.invoice_ids -> cli_links.invoices.id by trigger invoices_id"
                + " (cli_links.assign())")
                .contains("the database shows cli_links.order_lines.id, which the column mapping"
                          + " cli_links.order_lines_seq=cli_links.order_lines.id or the link rule {table}_seq->{table}.id link");
        Result fix = run(withConnection("fix", "--schemas", "cli_links", "--link-rules", "{table}_seq->{table}.id"));
        assertThat(fix.exit()).as(fix.err()).isZero();
        assertThat(fix.out()).contains("linked: cli_links.order_lines_seq -> cli_links.order_lines.id by link rule");
        assertThat(db.nextValue("cli_links.order_lines_seq")).isEqualTo(780);
        assertThat(db.nextValue("cli_links.invoice_ids")).isEqualTo(301);
    }

    /**
     * An integer column fed by a bigint sequence: the sequence looks fine, the column runs out at
     * 2,147,483,647. check warns at --warn-at, fails at --fail-at, and exports the figures.
     */
    @Test
    void capacityThresholdsAndPrometheusFormat() throws Exception {
        db.execute("""
                CREATE SCHEMA capacity;
                CREATE SEQUENCE capacity.s;
                CREATE TABLE capacity.t (id int PRIMARY KEY DEFAULT nextval('capacity.s'));
                INSERT INTO capacity.t VALUES (2000000000);
                CREATE TABLE capacity.fresh (id bigserial PRIMARY KEY);
                """);
        Result behind = run(withConnection("check", "--schemas", "capacity"));
        assertThat(behind.exit()).as("behind, and below --fail-at").isEqualTo(1);
        assertThat(behind.out()).contains("warning: capacity.s: capacity: 93.1% used, 147483647 values left before"
                + " column capacity.t.id (integer) runs out");
        assertThat(run(withConnection("fix", "--schemas", "capacity")).exit()).isEqualTo(3);
        assertThat(run(withConnection("check", "--schemas", "capacity")).exit()).as("in step, past --warn-at").isEqualTo(3);
        assertThat(run(withConnection("check", "--schemas", "capacity", "--warn-at", "95")).exit()).isZero();
        assertThat(run(withConnection("check", "--schemas", "capacity", "--fail-at", "90")).exit()).isEqualTo(4);

        Result json = run(withConnection("check", "--schemas", "capacity", "--format", "json"));
        assertThat(json.out()).contains("\"capacity\":{\"remaining\":147483647,\"percentUsed\":93.1323,"
                + "\"limitedBy\":\"column capacity.t.id (integer)\"");
        Result prometheus = run(withConnection("check", "--schemas", "capacity", "--format", "prometheus"));
        assertThat(prometheus.exit()).isEqualTo(3);
        assertThat(prometheus.out())
                .contains("# TYPE sequence_resync_remaining_values gauge\n")
                .contains("sequence_resync_remaining_values{schema=\"capacity\",sequence=\"s\",table=\"t\",column=\"id\"}"
                          + " 147483647\n")
                .contains("sequence_resync_used_ratio{schema=\"capacity\",sequence=\"s\",table=\"t\",column=\"id\"} 0.9313\n")
                .contains("sequence_resync_remaining_values{schema=\"capacity\",sequence=\"fresh_id_seq\",table=\"fresh\","
                          + "column=\"id\"} 9223372036854775807\n")
                .contains("sequence_resync_behind{schema=\"capacity\",sequence=\"s\"} 0\n");
    }

    /**
     * Several databases on one server, as a database-per-tenant cluster has them: a role that may
     * connect to all but one; every other database is checked, the one it may not connect to is
     * reported, and the exit code is the worst.
     */
    @Test
    void allDatabasesWithJobsReportsEachAndGoesOnPastOneItCannotConnectTo() throws Exception {
        List<TestDatabase> tenants = new ArrayList<>();
        try {
            for (String name : List.of("tenant_a", "tenant_b", "tenant_c", "tenant_closed")) {
                TestDatabase tenant = TestDatabase.create(name);
                tenants.add(tenant);
                tenant.execute("""
                        CREATE TABLE t (id serial PRIMARY KEY);
                        INSERT INTO t VALUES (%d);
                        GRANT SELECT, UPDATE ON t, t_id_seq TO %s;
                        """.formatted(name.equals("tenant_b") ? 41 : 1, ROLE));
            }
            tenants.get(0).execute("SELECT setval('t_id_seq', 1)"); // tenant_a: in step
            tenants.get(2).execute("SELECT setval('t_id_seq', 1)");
            db.execute("REVOKE CONNECT ON DATABASE tenant_closed FROM PUBLIC");
            // tenant_c is left out by pattern; every other database of the server is checked too
            Result r = run(Map.of("CLI_PASSWORD", "right-password"), "check", "--url", tenants.get(0).url(),
                    "--user", ROLE, "--password-env", "CLI_PASSWORD", "--all-databases", "--jobs", "2",
                    "--exclude-database", "tenant_c,template*", "--format", "json");
            assertThat(r.exit()).as("the worst: a database it could not connect to").isEqualTo(2);
            assertThat(r.out()).contains("{\"database\":\"tenant_a\",\"exitCode\":0,\"error\":null,\"report\":{")
                    .contains("{\"database\":\"tenant_b\",\"exitCode\":1,\"error\":null,\"report\":{")
                    .contains("{\"database\":\"tenant_closed\",\"exitCode\":2,\"error\":\"cannot connect to host ")
                    .contains("permission denied for database \\\"tenant_closed\\\"")
                    .doesNotContain("\"database\":\"tenant_c\"")
                    .contains(",\"summary\":\"");
            assertThat(r.err()).contains("] tenant_b: 1 sequence: 1 to advance").contains("] tenant_closed: cannot connect");

            Result fix = run(Map.of("CLI_PASSWORD", "right-password"), "fix", "--url", tenants.get(0).url(),
                    "--user", ROLE, "--password-env", "CLI_PASSWORD", "--all-databases", "--jobs", "3",
                    "--exclude-database", "tenant_closed", "--schemas", "public", "--fail-on-problem=false");
            assertThat(fix.out()).contains("== database tenant_b\n").contains("== database tenant_c\n");
            assertThat(tenants.get(1).nextValue("t_id_seq")).isEqualTo(42);
            assertThat(fix.out().strip()).matches("(?s).*\\d+ databases: \\d+ in step, \\d+ behind or with problems, .*failed$");
        } finally {
            db.execute("GRANT CONNECT ON DATABASE tenant_closed TO PUBLIC");
            tenants.forEach(TestDatabase::drop);
        }
    }

    /** A cutover rehearsal in a pipeline, then the cutover: the source's state wins where the data would reuse ids. */
    @Test
    void checkAndFixWithASourceCarryItsStateOver() throws Exception {
        TestDatabase source = TestDatabase.create("cli_source");
        try {
            source.execute("""
                    CREATE SCHEMA old_name; CREATE TABLE old_name.orders (id serial PRIMARY KEY);
                    INSERT INTO old_name.orders SELECT FROM generate_series(1, 100);
                    DELETE FROM old_name.orders WHERE id > 90;
                    """);
            db.execute("""
                    CREATE SCHEMA cutover; CREATE TABLE cutover.orders (id serial PRIMARY KEY);
                    INSERT INTO cutover.orders SELECT g FROM generate_series(1, 90) g;
                    """);
            // the source's user in its URL: the --user flag is the target's
            String sourceUrl = source.url() + (source.url().contains("?") ? "&" : "?") + "user=" + db.user();
            Result check = run(withConnection("check", "--schemas", "cutover", "--source", sourceUrl,
                    "--source-schema-map", "old_name=cutover"));
            assertThat(check.exit()).as(check.err()).isEqualTo(1);
            assertThat(check.out()).contains("next value from the source: 101 (the rows here ask for 91)");
            assertThat(db.nextValue("cutover.orders_id_seq")).isEqualTo(1);

            Result fix = run(withConnection("fix", "--schemas", "cutover", "--source", sourceUrl,
                    "--source-schema-map", "old_name=cutover"));
            assertThat(fix.exit()).as(fix.err()).isZero();
            assertThat(db.nextValue("cutover.orders_id_seq")).isEqualTo(101);
            assertThat(source.nextValue("old_name.orders_id_seq")).as("the source is only read").isEqualTo(101);

            Result unreachable = run(withConnection("check", "--schemas", "cutover", "--source",
                    "postgres://nobody:secret@127.0.0.1:1/gone"));
            assertThat(unreachable.exit()).isEqualTo(2);
            assertThat(unreachable.error()).startsWith("sequence-resync: --source: cannot connect to host 127.0.0.1"
                    + " port 1 database gone as user nobody").doesNotContain("secret").doesNotContain("\n");
        } finally {
            source.drop();
        }
    }

    @Test
    void fixDryRunReportsLikeCheck() throws Exception {
        Result r = run(withConnection("fix", "--schemas", "behind", "--dry-run"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(run(withConnection("check", "--schemas", "behind")).out());
        assertThat(db.nextValue("behind.t_id_seq")).isEqualTo(1);
    }

    @Test
    void sqlPrintsAScriptThatFixesWhenRunLater() throws Exception {
        Result r = run("sql", "--schemas", "for_sql");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(db.nextValue("for_sql.t_id_seq")).as("printing changes nothing").isEqualTo(1);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(r.out());
        }
        assertThat(db.nextValue("for_sql.t_id_seq")).isEqualTo(100);
    }

    @Test
    void badUrlIsOneLineAndExitTwo() throws Exception {
        Result r = run("check", "--url", "jdbc:postgresql://127.0.0.1:1/nothing");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.error()).startsWith("sequence-resync: cannot connect to host 127.0.0.1 port 1 database nothing as user ")
                .doesNotContain("\n").doesNotContain("\tat ");
        Result notPostgres = run("check", "--url", "jdbc:mysql://localhost/x");
        assertThat(notPostgres.exit()).isEqualTo(2);
        assertThat(notPostgres.err()).contains("--url: expected a JDBC URL (jdbc:postgresql://...), a URI (postgres://...)");
    }

    /** A typo on the command line is one line naming it, with the spelling it may have meant, not the whole usage. */
    @Test
    void aMistypedCommandOptionOrPortIsOneLineNamingIt() throws Exception {
        Map<List<String>, String> lines = Map.of(
                List.of("fixx"), "sequence-resync: unknown command 'fixx' (did you mean fix?); see sequence-resync --help",
                List.of("fix", "--lock-timout", "5s"), "sequence-resync: unknown option '--lock-timout' (did you mean"
                        + " --lock-tables or --lock-timeout?); see sequence-resync fix --help",
                List.of("check", "extra"), "sequence-resync: unexpected argument 'extra'; see sequence-resync check --help",
                List.of("check", "--url"), "sequence-resync: missing required parameter for option '--url' (URL);"
                        + " see sequence-resync check --help",
                List.of("check", "-p", "5o432"), "sequence-resync: --port: '5o432' is not a port number (1 to 65535)",
                List.of("check", "--url", "postgres://localhost:99999/x"),
                "sequence-resync: --url: '99999' is not a port number (1 to 65535)");
        for (Map.Entry<List<String>, String> typo : lines.entrySet()) {
            Result r = run(typo.getKey().toArray(String[]::new));
            assertThat(r.exit()).as("%s", typo.getKey()).isEqualTo(2);
            assertThat(r.out()).as("%s", typo.getKey()).isEmpty();
            assertThat(r.error()).as("%s", typo.getKey()).isEqualTo(typo.getValue());
        }
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        Result r = run("check", "--url", "jdbc:postgresql://127.0.0.1:1/nothing", "--verbose");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void missingSchemaIsNamed() throws Exception {
        Result r = run(withConnection("check", "--schemas", "no_such_schema"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.error()).isEqualTo("sequence-resync: option --schemas: schema no_such_schema does not exist");
    }

    @Test
    void missingPrivilegeIsNamedAndNothingChanges() throws Exception {
        Result r = run(Map.of("CLI_PASSWORD", "right-password"), "fix", "--url", db.url(), "--user", ROLE,
                "--password-env", "CLI_PASSWORD", "--schemas", "perms");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err() + r.out()).contains("permission denied: UPDATE on sequence perms.t_id_seq");
        assertThat(db.nextValue("perms.t_id_seq")).isEqualTo(1);
    }

    @Test
    void aFixStoppedByAProblemSaysWhatWouldHaveMovedAndThatNothingDid() throws Exception {
        db.execute(EdgeCases.named("above_max").setup("stopped_"));
        db.execute(EdgeCases.named("called").setup("behind_too_"));
        Result r = run(withConnection("fix", "--schemas", "stopped_a,behind_too_a"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("2 sequences: 1 to advance, 0 unchanged, 0 skipped, 1 problem (nothing changed)")
                .doesNotContain("advanced");
        assertThat(r.err()).contains("sequences not resynced, nothing changed: 1 problem found")
                .contains("(set --fail-on-problem=false to resync the other sequences anyway)");
        assertThat(db.nextValue("behind_too_a.t_id_seq")).isEqualTo(4);
    }

    @Test
    void unsetPasswordVariableIsNamed() throws Exception {
        Result r = run(withConnection("check", "--password-env", "NO_SUCH_VARIABLE_X"));
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("environment variable NO_SUCH_VARIABLE_X is not set");
    }

    @Test
    void wrongPasswordIsOneLineAndExitTwo() throws Exception {
        assumeTrue(System.getProperty("pg.url", "").isBlank(), "needs the embedded server, whose pg_hba.conf it edits");
        requirePasswordFor(ROLE);
        Result wrong = run(Map.of("CLI_PASSWORD", "wrong"), "check", "--url", db.url(), "--user", ROLE,
                "--password-env", "CLI_PASSWORD", "--schemas", "perms");
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.error()).contains("password authentication failed for user \"" + ROLE + "\"")
                .doesNotContain("\n").doesNotContain("wrong");
        Result right = run(Map.of("PGPASSWORD", "right-password"), "check", "--url", db.url(), "--user", ROLE,
                "--schemas", "perms");
        assertThat(right.exit()).as(right.err()).isEqualTo(1);
    }

    /**
     * Embedded PostgreSQL trusts every local connection; make this role prove its password ("md5"
     * accepts SCRAM and MD5 hashes alike: PostgreSQL 12 and 13 still store MD5 by default).
     */
    private void requirePasswordFor(String role) {
        db.execute("""
                DO $$
                DECLARE hba text := current_setting('hba_file');
                BEGIN
                    IF pg_read_file(hba) NOT LIKE '%%%1$s%%' THEN
                        EXECUTE format('COPY (SELECT line FROM unnest(%%L::text[]) AS line) TO %%L '
                                       'WITH (FORMAT csv, DELIMITER E''\\x02'', QUOTE E''\\x01'')',
                                       ARRAY['host all %1$s 127.0.0.1/32 md5',
                                             'host all %1$s ::1/128 md5']
                                       || ARRAY(SELECT l FROM unnest(string_to_array(pg_read_file(hba), E'\\n')) AS l
                                                WHERE l <> ''),
                                       hba);
                        PERFORM pg_reload_conf();
                    END IF;
                END $$;
                """.formatted(role));
    }
}

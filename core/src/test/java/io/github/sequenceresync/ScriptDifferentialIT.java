package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.testing.EdgeCases;
import io.github.sequenceresync.testing.EdgeCases.EdgeCase;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The Java path and the SQL script report the same and leave every sequence in the same state:
 * each case of the catalog ({@link EdgeCases}) is built twice (schema names prefixed j and s), one copy resynced by
 * Java, the other by running {@link SequenceResync#script()}; the reports are compared line for
 * line and every sequence's next value compared, in both modes, with and without dry run.
 */
@PostgresTest
class ScriptDifferentialIT {

    private final TestDatabase db;

    ScriptDifferentialIT(TestDatabase db) {
        this.db = db;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (EdgeCase fixture : EdgeCases.ALL) {
            for (Mode mode : Mode.values()) {
                for (boolean dryRun : new boolean[] {false, true}) {
                    cases.add(Arguments.of(fixture, mode, dryRun));
                }
            }
        }
        return cases.stream();
    }

    /**
     * Both paths report the same, word for word: the script's NOTICE, WARNING and DEBUG lines are
     * the lines the Java path's report logs (moved, left alone, links, warnings, problems, summary),
     * capacity warnings included (warnAt 50, which some fixtures reach), and both leave every
     * sequence in the same state.
     */
    @ParameterizedTest(name = "{0}, {1}, dry run {2}")
    @MethodSource("cases")
    void javaAndScriptReportTheSameAndLeaveTheSameStates(EdgeCase fixture, Mode mode, boolean dryRun) throws Exception {
        String tag = fixture.name().substring(0, Math.min(12, fixture.name().length())) + "_"
                + mode.name().toLowerCase(java.util.Locale.ROOT).charAt(0) + (dryRun ? "d" : "");
        // both copies built, run and read on one connection: a new one per step took most of the time
        db.execute(fixture.setup("j" + tag) + ";\n" + fixture.setup("s" + tag));
        List<String> javaSchemas = fixture.schemas("j" + tag);
        List<String> sqlSchemas = fixture.schemas("s" + tag);
        ResyncOptions.Builder options = ResyncOptions.builder().mode(mode).dryRun(dryRun).failOnProblem(false)
                .warnAt(50).linkRule(LinkRule.parse("{table}_seq->{table}.id", "test"));
        List<String> javaLines = new ArrayList<>();
        List<String> sqlLines = new ArrayList<>();
        Map<String, Long> java;
        Map<String, Long> sql;
        try (Connection c = db.connect()) {
            SequenceResync.with(options.schemas(javaSchemas).build()).run(c)
                    .log(javaLines::add, javaLines::add, javaLines::add, "");
            scriptReport(c, options.schemas(sqlSchemas).build()).forEach(w -> sqlLines.add(w.getMessage()));
            java = states(c, javaSchemas, "j" + tag);
            sql = states(c, sqlSchemas, "s" + tag);
        }
        if (fixture.name().equals("near_max")) {
            assertThat(javaLines).as("the catalog's capacity case").anyMatch(line -> line.contains(": capacity: 95.0% used,"));
        }
        assertThat(sqlLines).as("the script's report").isEqualTo(
                javaLines.stream().map(line -> line.replace("j" + tag, "s" + tag)).toList());
        assertThat(java).isNotEmpty();
        assertThat(sql).as("sequence states after the script").isEqualTo(java);
    }

    @Test
    void javaAndScriptKeepAMappedPoolPastTheData() throws Exception {
        for (String path : List.of("jpool", "spool")) {
            db.execute("""
                    CREATE SCHEMA %1$s; CREATE SEQUENCE %1$s.up; CREATE TABLE %1$s.t (id bigint);
                    INSERT INTO %1$s.t VALUES (730);
                    CREATE SEQUENCE %1$s.down INCREMENT -1 MAXVALUE -1 START -1; CREATE TABLE %1$s.d (id bigint);
                    INSERT INTO %1$s.d VALUES (-730);""".formatted(path));
        }
        for (String path : List.of("jpool", "spool")) {
            ResyncOptions options = ResyncOptions.builder().schemas(path)
                    .columnMapping(ColumnMapping.linked(path + ".up", path + ".t", "id", "Hibernate entity T", 50))
                    .columnMapping(ColumnMapping.linked(path + ".down", path + ".d", "id", "Hibernate entity D", 20))
                    .build();
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                if (path.startsWith("j")) {
                    SequenceResync.with(options).run(c);
                } else {
                    s.execute(SequenceResync.with(options).script());
                }
            }
            assertThat(db.nextValue(path + ".up")).as(path).isEqualTo(780);
            assertThat(db.nextValue(path + ".down")).as(path).isEqualTo(-750);
        }
    }

    @Test
    void scriptFailsOnProblemsBeforeChangingAnything() throws Exception {
        List<String> schemas = new ArrayList<>(build(EdgeCases.named("above_max"), "fail"));
        schemas.addAll(build(EdgeCases.named("called"), "fine"));
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            String script = SequenceResync.with(ResyncOptions.builder().schemas(schemas).build()).script();
            assertThatThrownBy(() -> s.execute(script))
                    .hasMessageContaining("nothing changed: 1 problem found")
                    .hasMessageContaining("faila.t.id holds 5000, above MAXVALUE 1000");
        }
        assertThat(db.nextValue("finea.t_id_seq")).isEqualTo(4);
    }

    @Test
    void scriptRespectsExclusionsAndDryRun() throws Exception {
        List<String> schemas = build(EdgeCases.named("empty_used"), "opt");
        build(EdgeCases.named("called"), "opt2");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(SequenceResync.with(ResyncOptions.builder().schemas("opt2a").dryRun(true).build()).script());
            assertThat(db.nextValue("opt2a.t_id_seq")).as("dry run").isEqualTo(4);
            s.execute(SequenceResync.with(ResyncOptions.builder().schemas("opt2a").exclude("opt2a.t*").build()).script());
            assertThat(db.nextValue("opt2a.t_id_seq")).as("excluded").isEqualTo(4);
        }
        assertThat(schemas).containsExactly("opta");
    }

    /**
     * After a load of many tables the deploy log lists the first sequences moved at info level and
     * counts the rest in one info line, listing them at debug level; the script does the same with
     * NOTICE and DEBUG.
     */
    @Test
    void manySequencesMovedAreListedAtInfoUpToTheLimitThenCountedOnBothPaths() throws Exception {
        int tables = ResyncReport.CHANGES_LOGGED_AT_INFO + 3;
        for (String path : List.of("jmany", "smany")) {
            db.execute("CREATE SCHEMA %1$s; DO $$ BEGIN FOR i IN 1..%2$d LOOP EXECUTE format("
                    .formatted(path, tables)
                    + "'CREATE TABLE %1$s.t%%s (id serial PRIMARY KEY); INSERT INTO %1$s.t%%s VALUES (%%s)', i, i, i);"
                    .formatted(path)
                    + " END LOOP; END $$");
        }
        Map<String, List<String>> java = Map.of("info", new ArrayList<>(), "debug", new ArrayList<>());
        try (Connection c = db.connect()) {
            SequenceResync.with(ResyncOptions.builder().schemas("jmany").build()).run(c)
                    .log(java.get("info")::add, java.get("info")::add, java.get("debug")::add, "");
        }
        Map<String, List<String>> sql = Map.of("info", new ArrayList<>(), "debug", new ArrayList<>());
        try (Connection c = db.connect()) {
            for (SQLWarning w : scriptReport(c, ResyncOptions.builder().schemas("smany").build())) {
                String severity = ((org.postgresql.util.PSQLWarning) w).getServerErrorMessage().getSeverity();
                sql.get(severity.startsWith("DEBUG") ? "debug" : "info").add(w.getMessage().replace("smany", "jmany"));
            }
        }
        assertThat(java.get("info")).hasSize(ResyncReport.CHANGES_LOGGED_AT_INFO + 2)
                .contains("sequence-resync: ... and 3 more (each at debug level)")
                .last().asString().startsWith("sequence-resync: " + tables + " sequences: " + tables + " advanced");
        assertThat(java.get("debug")).hasSize(3).allMatch(line -> line.contains(" advanced from next value 1 to "));
        assertThat(sql).isEqualTo(java);
    }

    /**
     * A sequence the apply finds locked (ALTER SEQUENCE in another session) is a problem like those
     * planning finds, and both paths list every problem in the sequences' order, by name.
     */
    @Test
    void problemsTheApplyFindsAreListedInNameOrderOnBothPaths() throws Exception {
        Map<String, List<String>> lines = problemLinesWhileHeld("ord", """
                CREATE SCHEMA %1$s; CREATE TABLE %1$s.a (id serial); INSERT INTO %1$s.a VALUES (5);
                CREATE SEQUENCE %1$s.b_seq MAXVALUE 10; CREATE TABLE %1$s.b (id int DEFAULT nextval('%1$s.b_seq'));
                INSERT INTO %1$s.b VALUES (50);""", "ALTER SEQUENCE %1$s.a_id_seq INCREMENT 1");
        assertThat(lines.get("java")).hasSize(2).first().asString().contains("ord.a_id_seq: ");
        assertThat(lines.get("script")).isEqualTo(lines.get("java"));
    }

    /**
     * A partitioned table two of whose partitions another session holds: with failOnProblem false its
     * sequence is a problem naming both partitions, the same line on both paths (the script kept one).
     */
    @Test
    void aTableWithSeveralPartitionsHeldIsTheSameProblemOnBothPaths() throws Exception {
        Map<String, List<String>> lines = problemLinesWhileHeld("parts", """
                CREATE SCHEMA %1$s;
                CREATE TABLE %1$s.t (id serial, k int) PARTITION BY LIST (k);
                CREATE TABLE %1$s.t_1 PARTITION OF %1$s.t FOR VALUES IN (1);
                CREATE TABLE %1$s.t_2 PARTITION OF %1$s.t FOR VALUES IN (2);
                INSERT INTO %1$s.t VALUES (5, 1), (9, 2);""", "LOCK TABLE %1$s.t_1, %1$s.t_2 IN ACCESS EXCLUSIVE MODE");
        assertThat(lines.get("java")).singleElement().asString().startsWith("sequence-resync: problem: parts.t_id_seq: ")
                .contains("table parts.t_1 (of parts.t): pid N", "table parts.t_2 (of parts.t): pid N");
        assertThat(lines.get("script")).isEqualTo(lines.get("java"));
    }

    /**
     * The problem lines of each path ("java", "script"), failOnProblem false and a 300 ms lock timeout,
     * while another session runs {@code held}: each path on a schema of its own, {@code setup} and
     * {@code held} with {@code %1$s} for it; in the lines the schema is {@code schema} again, and the
     * blocker's pid and time in its transaction, which differ between the runs, are N.
     */
    private Map<String, List<String>> problemLinesWhileHeld(String schema, String setup, String held) throws Exception {
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (String path : List.of("java", "script")) {
            String own = path.charAt(0) + schema;
            db.execute(setup.formatted(own));
            ResyncOptions options = ResyncOptions.builder().schemas(own).failOnProblem(false)
                    .lockTimeout(java.time.Duration.ofMillis(300)).build();
            List<String> found = new ArrayList<>();
            try (io.github.sequenceresync.testing.Blocker blocker = io.github.sequenceresync.testing.Blocker.hold(db,
                    held.formatted(own));
                 Connection c = db.connect()) {
                if (path.equals("java")) {
                    SequenceResync.with(options).run(c).log(found::add, found::add, found::add, "");
                } else {
                    scriptReport(c, options).forEach(w -> found.add(w.getMessage()));
                }
            }
            lines.put(path, found.stream().filter(line -> line.contains("problem: "))
                    .map(line -> line.replace(own, schema).replaceAll("pid \\d+", "pid N")
                            .replaceAll("in a transaction for \\d+ s", "in a transaction for N s")).toList());
        }
        return lines;
    }

    /** Bad options stop both paths with the same line, before anything is read or changed. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"no_such_schema", "nope.s=public.t.id",
        "bad_opts.s=bad_opts.nope.id", "bad_opts.s=bad_opts.t.nope"})
    void badOptionsGiveTheSameLineOnBothPaths(String bad) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS bad_opts; CREATE SEQUENCE IF NOT EXISTS bad_opts.s;"
                + " CREATE TABLE IF NOT EXISTS bad_opts.t (id bigint)");
        ResyncOptions options = bad.contains("=")
                ? ResyncOptions.builder().schemas("bad_opts").columnMapping(ColumnMapping.parse(bad, "columnMappings")).build()
                : ResyncOptions.builder().schemas(bad).build();
        String java;
        try (Connection c = db.connect()) {
            java = org.assertj.core.api.Assertions.catchThrowableOfType(ResyncException.class,
                    () -> SequenceResync.with(options).run(c)).getMessage();
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            org.postgresql.util.PSQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                    org.postgresql.util.PSQLException.class, () -> s.execute(SequenceResync.with(options).script()));
            assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(java);
        }
    }

    /**
     * A link read from an application's mapping (optional) whose objects do not exist is left out with
     * the same note on both paths, and the run goes on.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"nope_seq opt_links.t id", "opt_links.s opt_links.nope id",
        "opt_links.s opt_links.t nope"})
    void aLinkLeftOutIsTheSameNoteOnBothPaths(String link) throws Exception {
        db.execute("CREATE SCHEMA IF NOT EXISTS opt_links; CREATE SEQUENCE IF NOT EXISTS opt_links.s;"
                + " CREATE TABLE IF NOT EXISTS opt_links.t (id bigint)");
        String[] parts = link.split(" ");
        ResyncOptions options = ResyncOptions.builder().schemas("opt_links").columnMapping(ColumnMapping.linked(
                parts[0], parts[1], parts[2], "Hibernate entity Letter", 1)).build();
        List<String> java = new ArrayList<>();
        try (Connection c = db.connect()) {
            SequenceResync.with(options).run(c).log(s -> { }, java::add, s -> { }, "");
        }
        List<String> script;
        try (Connection c = db.connect()) {
            script = scriptReport(c, options).stream()
                    .filter(w -> ((org.postgresql.util.PSQLWarning) w).getServerErrorMessage().getSeverity()
                            .equals("WARNING"))
                    .map(SQLWarning::getMessage).toList();
        }
        assertThat(java).first().asString().startsWith("sequence-resync: link left out: ").contains("does not exist")
                .endsWith("(Hibernate entity Letter " + String.join("", parts[0], "=", parts[1], ".", parts[2]) + ")");
        assertThat(script).isEqualTo(java);
    }

    /** Runs the script with these options, DEBUG shown; its report's lines (NOTICE, WARNING, DEBUG), in order. */
    private static List<SQLWarning> scriptReport(Connection c, ResyncOptions options) throws Exception {
        List<SQLWarning> lines = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET client_min_messages = debug1");
            s.execute(SequenceResync.with(options).script());
            for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
                if (w.getMessage().startsWith("sequence-resync")) {
                    lines.add(w);
                }
            }
        }
        return lines;
    }

    /** Builds a fixture with its schemas prefixed; returns the schema names. */
    private List<String> build(EdgeCase fixture, String prefix) {
        db.execute(fixture.setup(prefix));
        return fixture.schemas(prefix);
    }

    /** Next value of every sequence in the schemas, keyed by name without the copy's prefix. */
    private static Map<String, Long> states(Connection c, List<String> schemas, String prefix) throws Exception {
        Map<String, Long> states = new LinkedHashMap<>();
        TestDatabase.nextValues(c, schemas).forEach((name, next) -> states.put(name.substring(prefix.length()), next));
        return states;
    }
}

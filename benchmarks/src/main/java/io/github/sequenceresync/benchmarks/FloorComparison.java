package io.github.sequenceresync.benchmarks;

import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.SequenceResync;
import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;

/**
 * Each way of running the resync against the speed floor ({@link Approach#PLPGSQL_LOOP}: a server-side
 * PL/pgSQL loop, setval(seq, max(col)) for every owned sequence, one round trip), the way a deploy
 * meets them: on N tables of R rows whose sequences were never called (as after a load with
 * explicit ids), each run on a fresh connection, through a proxy adding L ms per round trip.
 * <ul>
 * <li>core: {@code SequenceResync.run(connection)}, default options;</li>
 * <li>Flyway callback: a {@code flyway migrate} with nothing to apply and the callback, minus the same
 * migrate without it (Flyway's own work), default logging (slf4j-simple, info, to stderr);</li>
 * <li>no-op callback: the same with a callback that does nothing, what Flyway itself charges for
 * running any afterMigrate callback (a connection of its own);</li>
 * <li>script: the generated {@code sql/sequence-resync.sql}, one statement.</li>
 * <li>reads alone: not a way to resync but a lower bound for any that never moves a sequence
 * backwards ({@link #READS}): the reads such an approach cannot skip, each table's extreme and each
 * sequence's state, batched server-side as sequence-resync batches them, and nothing else.</li>
 * </ul>
 * Every run resets the sequences, then times the floor and each way back to back, so that a ratio
 * pairs measurements made at the same machine speed; prints each median and the median of the
 * runs' ratios. Arguments: table counts (comma-separated), rows, runs, latencies in ms
 * (comma-separated), the script's path.
 */
public final class FloorComparison {

    /** Puts every sequence back behind its data, never called. */
    private static final String RESET = """
            DO $$
            DECLARE s regclass;
            BEGIN
                FOR s IN SELECT oid FROM pg_class WHERE relkind = 'S' AND relnamespace = 'bench'::regnamespace LOOP
                    PERFORM setval(s, 1, false);
                END LOOP;
            END $$""";

    /**
     * The reads alone: the floor's discovery, then each column's MAX and each sequence's stored state,
     * 20 queries a query_to_xml call. The floor skips the state (it sets the sequence whatever it
     * holds, backwards too); an approach that must not move a sequence backwards has to read it,
     * and before PostgreSQL 18 that is a query on each sequence never called since its last
     * setval (pg_sequence_last_value is NULL then, whatever value setval(.., false) left); from 18,
     * pg_get_sequence_data reads it in the same statement.
     */
    private static final String READS = """
            WITH o AS (
                SELECT d.objid::regclass AS seq, d.refobjid::regclass AS tbl, a.attname
                FROM pg_depend d
                JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                JOIN pg_class c ON c.oid = d.objid
                WHERE d.deptype IN ('a', 'i') AND c.relkind = 'S' AND d.refobjsubid > 0
            ), q AS (
                SELECT format('SELECT max(%I)::text AS v FROM %s', o.attname, o.tbl) AS sql FROM o
                UNION ALL
                SELECT format('SELECT last_value::text AS v FROM %s', o.seq) FROM o
                WHERE NOT {SINCE_18}
            ), batch AS (
                SELECT query_to_xml(string_agg(q.sql, ' UNION ALL '), false, false, '')::text AS x
                FROM (SELECT q.sql, (row_number() OVER () - 1) / 20 AS b FROM q) AS q
                GROUP BY q.b
            )
            SELECT (SELECT sum(length(b.x)) FROM batch AS b), ({STATES_SINCE_18})
            """;

    /** {@link #READS} for a server with or without pg_get_sequence_data (PostgreSQL 18). */
    private static String reads(Connection c) throws Exception {
        boolean since18 = c.getMetaData().getDatabaseMajorVersion() >= 18;
        return READS.replace("{SINCE_18}", String.valueOf(since18)).replace("{STATES_SINCE_18}", since18
                ? "SELECT count(d.last_value) FROM o, LATERAL pg_get_sequence_data(o.seq) AS d" : "SELECT 0");
    }

    private FloorComparison() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).sorted().toArray();
        int rows = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        long[] latencies = Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray();
        String script = Files.readString(Path.of(args[4]), StandardCharsets.UTF_8);
        Path noMigrations = Files.createTempDirectory("floor-no-migrations");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("max_locks_per_transaction", "1024")
                .start();
             Connection admin = pg.getPostgresDatabase().getConnection();
             Statement s = admin.createStatement()) {
            System.out.printf("PostgreSQL %s (embedded), %d cores; tables of %d rows, sequences never called;"
                            + " a fresh connection each run; median of %d runs%n",
                    admin.getMetaData().getDatabaseProductVersion(), Runtime.getRuntime().availableProcessors(),
                    rows, runs);
            System.out.println("tables  latency  way              floor (PL/pgSQL loop)  this way  ratio");
            s.execute("CREATE SCHEMA bench");
            int loaded = 0;
            for (int tables : sizes) {
                s.execute(Fixture.loadTables("bench", loaded + 1, tables, rows));
                s.execute("VACUUM ANALYZE");
                loaded = tables;
                for (long latency : latencies) {
                    try (LatencyProxy proxy = new LatencyProxy(pg.getPort(), latency)) {
                        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres";
                        Map<String, Way> ways = new LinkedHashMap<>();
                        ways.put("core", () -> timed(url, c -> SequenceResync.with(ResyncOptions.defaults()).run(c)));
                        ways.put("Flyway callback", () -> migrate(url, noMigrations, RESYNC) - migrate(url, noMigrations));
                        ways.put("no-op callback", () -> migrate(url, noMigrations, NO_OP) - migrate(url, noMigrations));
                        ways.put("script", () -> timed(url, c -> {
                            try (Statement st = c.createStatement()) {
                                st.execute(script);
                            }
                        }));
                        ways.put("reads alone", () -> timed(url, c -> {
                            try (Statement st = c.createStatement()) {
                                st.execute(reads(c));
                            }
                        }));
                        Map<String, List<double[]>> pairs = new LinkedHashMap<>();
                        ways.keySet().forEach(k -> pairs.put(k, new ArrayList<>()));
                        for (int i = 0; i <= runs; i++) { // the first is a warm-up
                            for (Map.Entry<String, Way> w : ways.entrySet()) {
                                s.execute(RESET);
                                double floor = timed(url, Approach.PLPGSQL_LOOP::run);
                                s.execute(RESET);
                                double way = w.getValue().time();
                                if (i > 0) {
                                    pairs.get(w.getKey()).add(new double[] {floor, way});
                                }
                            }
                        }
                        for (Map.Entry<String, List<double[]>> p : pairs.entrySet()) {
                            List<double[]> runsOf = p.getValue();
                            System.out.printf("%6d  %4d ms  %-16s %18.0f ms  %5.0f ms  %5.2f%n", tables, latency, p.getKey(),
                                    median(runsOf.stream().mapToDouble(r -> r[0]).toArray()),
                                    median(runsOf.stream().mapToDouble(r -> r[1]).toArray()),
                                    median(runsOf.stream().mapToDouble(r -> r[1] / r[0]).toArray()));
                        }
                    }
                }
            }
        }
    }

    /** One timed run of a way, in ms. */
    @FunctionalInterface
    private interface Way {
        double time() throws Exception;
    }

    @FunctionalInterface
    private interface Work {
        void on(Connection c) throws Exception;
    }

    /** Runs {@code work} on a fresh connection; the time it took, without connecting. */
    private static double timed(String url, Work work) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", null)) {
            long t0 = System.nanoTime();
            work.on(c);
            return (System.nanoTime() - t0) / 1e6;
        }
    }

    private static final Callback RESYNC = ResyncSequencesCallback.builder().build();

    /**
     * An afterMigrate callback that does nothing: what any callback costs a migrate, whatever it
     * does. Flyway runs callbacks on a connection of its own (its migration connection, which it
     * opens only when needed on PostgreSQL), so the callback's time includes opening it.
     */
    private static final Callback NO_OP = new AfterMigrate("no-op", connection -> { });

    /** A {@code flyway migrate} that finds nothing to apply, with these callbacks, in ms. */
    private static double migrate(String url, Path migrations, Callback... callbacks) {
        long t0 = System.nanoTime();
        Flyway.configure()
                .dataSource(url, "postgres", null)
                .schemas("bench") // the callback resyncs Flyway's schemas
                .baselineOnMigrate(true)
                .locations("filesystem:" + migrations)
                .loggers("slf4j")
                .callbacks(callbacks)
                .load()
                .migrate();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

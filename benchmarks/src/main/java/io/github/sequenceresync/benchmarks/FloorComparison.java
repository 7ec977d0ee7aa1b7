package io.github.sequenceresync.benchmarks;

import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceResync;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;

/**
 * The whole resync (discover, measure, plan, apply, report) against the speed floor
 * ({@link Approach#PLPGSQL_LOOP}: a server-side PL/pgSQL loop, setval(seq, max(col)) for every
 * owned sequence, no round trip per table).
 * Both run on the same warm connection, alternating, on N tables of R rows whose sequences are
 * behind, once never called (as after a load with explicit ids) and once called. Prints the medians
 * of each, and the median of the runs' ratios (each run pairs the two back to back).
 */
public final class FloorComparison {

    /** Puts every sequence back behind its data: never called (false) or called (true). */
    private static final String RESET = """
            DO $$
            DECLARE s regclass;
            BEGIN
                FOR s IN SELECT oid FROM pg_class WHERE relkind = 'S' AND relnamespace = 'bench'::regnamespace LOOP
                    PERFORM setval(s, 1, %s);
                END LOOP;
            END $$""";

    private FloorComparison() {
    }

    public static void main(String[] args) throws Exception {
        int tables = Integer.parseInt(args[0]);
        int rows = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setServerConfig("max_locks_per_transaction", "1024")
                .start();
             Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            System.out.printf("PostgreSQL %s (embedded), %d cores; %d tables of %d rows; median of %d runs%n",
                    c.getMetaData().getDatabaseProductVersion(), Runtime.getRuntime().availableProcessors(),
                    tables, rows, runs);
            s.execute("CREATE SCHEMA bench");
            s.execute(Fixture.loadTables("bench", tables, rows));
            s.execute("VACUUM ANALYZE");
            ResyncOptions options = ResyncOptions.builder().schemas("bench").build();
            System.out.println("sequences        floor (PL/pgSQL loop)  sequence-resync  ratio");
            for (boolean called : new boolean[] {false, true}) {
                double[] floor = new double[runs];
                double[] resync = new double[runs];
                for (int i = 0; i < runs; i++) {
                    s.execute(RESET.formatted(called));
                    long t0 = System.nanoTime();
                    Approach.PLPGSQL_LOOP.run(c);
                    floor[i] = (System.nanoTime() - t0) / 1e6;
                    s.execute(RESET.formatted(called));
                    long t1 = System.nanoTime();
                    ResyncReport report = SequenceResync.with(options).run(c);
                    resync[i] = (System.nanoTime() - t1) / 1e6;
                    if (report.changed().size() != tables) {
                        throw new IllegalStateException("expected " + tables + " changes:\n" + report.summary());
                    }
                }
                // the ratio of each run's pair, then their median: on a shared machine whose speed drifts
                // during the benchmark, each pair ran back to back at the same speed
                double[] ratios = new double[runs];
                for (int i = 0; i < runs; i++) {
                    ratios[i] = resync[i] / floor[i];
                }
                System.out.printf("%-16s %18.1f ms %13.1f ms  %5.2f%n", called ? "called" : "never called",
                        median(floor), median(resync), median(ratios));
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

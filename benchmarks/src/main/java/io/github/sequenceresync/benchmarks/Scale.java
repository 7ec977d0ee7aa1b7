package io.github.sequenceresync.benchmarks;

import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceResync;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The scale case: N sequences (N tables of one row) and one table of M rows, all behind. Prints
 * the resync's time and the JVM's peak heap, to show that nothing in Java grows with the rows.
 */
public final class Scale {

    private Scale() {
    }

    public static void main(String[] args) throws Exception {
        int tables = Integer.parseInt(args[0]);
        long rows = Long.parseLong(args[1]);
        String maxLocks = args[2];
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                // with too small a lock table for one transaction over every table, the run splits itself
                .setServerConfig("max_locks_per_transaction", maxLocks)
                .start();
             Connection c = pg.getPostgresDatabase().getConnection();
             Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            s.execute("CREATE SCHEMA scale");
            for (int from = 1; from <= tables; from += 500) { // creating a table locks it until commit
                s.execute(Fixture.loadTables("scale", from, Math.min(tables, from + 499), 1));
            }
            s.execute("CREATE TABLE scale.big (id bigserial PRIMARY KEY, payload int)");
            s.execute("INSERT INTO scale.big SELECT g, g %% 1000 FROM generate_series(1, %d) g".formatted(rows));
            s.execute("VACUUM ANALYZE");
            System.out.printf("fixture: %d tables + one of %,d rows built in %.1f s; max_locks_per_transaction %s%n",
                    tables, rows, (System.nanoTime() - t0) / 1e9, maxLocks);
            System.gc();
            resetPeaks();
            long t1 = System.nanoTime();
            ResyncReport report = SequenceResync.with(ResyncOptions.builder().schemas("scale").build()).run(c);
            double seconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf("resync: %d sequences, %d changed, in %.2f s; peak heap %.0f MB%n",
                    report.sequences().size(), report.changed().size(), seconds, peakHeapMegabytes());
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static double peakHeapMegabytes() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1e6;
    }
}

package io.github.sequenceresync.benchmarks;

import io.github.sequenceresync.flyway.ResyncEvent;
import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;

/**
 * What each approach adds to a {@code flyway migrate} that finds nothing to apply, the run every
 * application start or CI job makes: one migration created and loaded N tables (explicit ids) on
 * the first migrate; each timed migrate after it applies nothing and runs the approach as an
 * afterMigrate callback, the way a team would wire it. Sequences are in step with their tables
 * from the first migrate on, as they are after any earlier resync.
 */
final class FlywayMigrate {

    private FlywayMigrate() {
    }

    static void compare(int port, String db, int tables, int rows, int runs, StringBuilder table) throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
        Path migrations = Files.createTempDirectory("speed-migrations");
        Files.writeString(migrations.resolve("V1__load.sql"), Fixture.loadTables("", tables, rows) + ";\n");

        Map<String, Callback[]> variants = new LinkedHashMap<>();
        variants.put("no callback", new Callback[0]);
        for (Approach a : Approach.values()) {
            if (a != Approach.SEQUENCE_RESYNC) {
                variants.put(a.label(), new Callback[] {new AfterMigrate(a.label(), a::run)});
            }
        }
        variants.put("sequence-resync callback (afterMigrate, default)",
                new Callback[] {ResyncSequencesCallback.builder().build()});
        variants.put("sequence-resync callback (afterMigrateApplied)",
                new Callback[] {ResyncSequencesCallback.builder().event(ResyncEvent.AFTER_MIGRATE_APPLIED).build()});

        table.append(tables).append(" tables of ").append(rows).append(" rows, migrated before; median of ")
                .append(runs).append(" runs of `migrate` through the Flyway ").append(System.getProperty("flyway.version", ""))
                .append(" API, a connection of its own each run\n\n| callback | median migrate | added |\n|---|---|---|\n");
        migrate(url, migrations, new Callback[0]); // applies V1: the tables and their rows
        double baseline = 0;
        for (Map.Entry<String, Callback[]> v : variants.entrySet()) {
            migrate(url, migrations, v.getValue()); // warm-up: also brings the sequences in step
            double[] times = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                int applied = migrate(url, migrations, v.getValue());
                times[i] = (System.nanoTime() - t0) / 1e6;
                if (applied != 0) {
                    throw new IllegalStateException("expected nothing to apply, applied " + applied);
                }
            }
            Arrays.sort(times);
            double median = times[runs / 2];
            if (v.getValue().length == 0) {
                baseline = median;
            }
            table.append("| ").append(v.getKey()).append(" | ").append(String.format("%.0f ms", median)).append(" | ")
                    .append(v.getValue().length == 0 ? "" : String.format("%+.0f ms", median - baseline)).append(" |\n");
            System.out.printf("flyway migrate, nothing to apply, %-50s %8.1f ms%n", v.getKey(), median);
        }
    }

    private static int migrate(String url, Path migrations, Callback[] callbacks) {
        return Flyway.configure()
                .dataSource(url, "postgres", null)
                .locations("filesystem:" + migrations)
                .loggers("slf4j")
                .callbacks(callbacks)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}

package io.github.sequenceresync.examples;

import io.github.sequenceresync.flyway.ResyncEvent;
import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The Flyway Java API setup from the README, compiled with the build so it cannot rot. */
public final class FlywayJavaApiExample {

    private FlywayJavaApiExample() {
    }

    /** Migrates and then resyncs every sequence of the schemas Flyway manages. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbacks(new ResyncSequencesCallback())
                .load()
                .migrate();
    }

    /** The same, with options set in code; they win over {@code resync_*} placeholders. */
    public static void migrateWithOptions(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .callbacks(ResyncSequencesCallback.builder()
                        .event(ResyncEvent.AFTER_EACH_MIGRATE)
                        .options(o -> o.lockTables(true).warnAt(90))
                        .build())
                .load()
                .migrate();
    }
}

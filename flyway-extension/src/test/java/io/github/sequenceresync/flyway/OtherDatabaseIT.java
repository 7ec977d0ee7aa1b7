package io.github.sequenceresync.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sequenceresync.testing.JulLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same Flyway configuration on the databases unit tests use instead of PostgreSQL (real H2
 * and HSQLDB, in memory): adding the callback must not break a user's test suite. It logs one
 * warning naming the database and does nothing, unless told to fail.
 */
class OtherDatabaseIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static FluentConfiguration configure(String database) {
        String url = switch (database) {
            case "h2" -> "jdbc:h2:mem:other" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            case "hsqldb" -> "jdbc:hsqldb:mem:other" + DATABASES.incrementAndGet();
            default -> throw new IllegalArgumentException(database);
        };
        return Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/other");
    }

    /** Open-source Flyway reads HSQLDB in its core up to 9, through flyway-database-hsqldb from 10 to 12, not at all in 13. */
    private static void assumeFlywayReads(String database) {
        try {
            configure(database).load().info();
        } catch (FlywayException e) {
            assumeTrue(false, "this Flyway does not support " + database + ": " + e.getMessage());
        }
    }

    /**
     * What Flyway logged while the migrate ran: Flyway picks java.util.logging or SLF4J (to stderr
     * here) depending on its version and the classpath, so both are read.
     */
    private static String migrateCapturingTheLog(Flyway flyway) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        String jul;
        try {
            jul = JulLog.during(Level.ALL, flyway::migrate);
        } finally {
            System.setErr(original);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        original.print(text);
        return text + jul;
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "hsqldb"})
    void theMigrateSucceedsWithOneWarningNamingTheDatabase(String database) throws Exception {
        assumeFlywayReads(database);
        String log = migrateCapturingTheLog(configure(database).callbacks(new ResyncSequencesCallback()).load());
        assertThat(log.split("sequence-resync: nothing done", -1)).as(log).hasSize(2);
        assertThat(log).contains("sequence-resync: nothing done: sequence-resync works on PostgreSQL only;"
                + " this connection is to " + (database.equals("h2") ? "H2 " : "HSQL Database Engine "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "hsqldb"})
    void registeredByClassNameWithPlaceholdersItDoesNothingToo(String database) throws Exception {
        assumeFlywayReads(database);
        Flyway flyway = configure(database).callbacks(ResyncSequencesCallback.class.getName())
                .placeholders(Map.of(ResyncPlaceholders.MODE, "exact")).load();
        assertThat(migrateCapturingTheLog(flyway)).contains("sequence-resync: nothing done");
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "hsqldb"})
    void failOnOtherDatabaseFailsTheMigrateNamingIt(String database) {
        assumeFlywayReads(database);
        Flyway flyway = configure(database).callbacks(ResyncSequencesCallback.class.getName())
                .placeholders(Map.of(ResyncPlaceholders.FAIL_ON_OTHER_DATABASE, "true")).load();
        assertThatThrownBy(flyway::migrate)
                .hasStackTraceContaining("sequence-resync works on PostgreSQL only; this connection is to")
                .hasStackTraceContaining("(resync_fail_on_other_database=true)");
    }

    /** A host that decides itself (the Spring Boot starter): it gets the reason, the callback logs nothing. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "hsqldb"})
    void aHostsOwnDecisionReceivesTheReasonAndTheCallbackLogsNothing(String database) throws Exception {
        assumeFlywayReads(database);
        List<String> reasons = new ArrayList<>();
        Flyway flyway = configure(database).callbacks(ResyncSequencesCallback.builder().onOtherDatabase(reasons::add)
                .failOnOtherDatabase(true).build()).load();
        assertThat(migrateCapturingTheLog(flyway)).doesNotContain("sequence-resync:");
        assertThat(reasons).singleElement().asString().startsWith("sequence-resync works on PostgreSQL only");
        assertThat(flyway.info().current().getVersion().getVersion()).isEqualTo("1");
    }
}

package io.github.sequenceresync.liquibase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.testing.JulLog;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.stream.Collectors;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same changelog, with the change and no {@code dbms} attribute, on the databases unit tests
 * use instead of PostgreSQL (real H2 and HSQLDB, in memory): the update succeeds, with one warning
 * naming the database, unless the change is told to fail there.
 */
class OtherDatabaseIT {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static String url(String database) {
        return switch (database) {
            case "h2" -> "jdbc:h2:mem:other" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
            case "hsqldb" -> "jdbc:hsqldb:mem:other" + DATABASES.incrementAndGet();
            default -> throw new IllegalArgumentException(database);
        };
    }

    private static void run(CommandScope command) throws Exception {
        Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(), () -> {
            command.execute();
        });
    }

    private static CommandScope command(String name, String url, String changelog) throws Exception {
        return new CommandScope(name).addArgumentValue("url", url).addArgumentValue("username", "sa")
                .addArgumentValue("password", "").addArgumentValue("changelogFile", "changelog/" + changelog);
    }

    /** The warnings the change logged while {@code work} ran. */
    private static String warnings(JulLog.Work work) throws Exception {
        return JulLog.during(Level.WARNING, work).lines().filter(l -> l.startsWith("sequence-resync"))
                .map(l -> l + "\n").collect(Collectors.joining());
    }

    @ParameterizedTest
    @CsvSource({"h2, other-database.xml", "h2, other-database.yaml", "hsqldb, other-database.xml",
                "hsqldb, other-database.yaml"})
    void theUpdateSucceedsWithOneWarningNamingTheDatabase(String database, String changelog) throws Exception {
        String url = url(database);
        String warnings = warnings(() -> run(command("update", url, changelog)));
        assertThat(warnings.lines()).as(warnings).singleElement().asString()
                .startsWith("sequence-resync: nothing done: sequence-resync works on PostgreSQL only;"
                            + " this connection is to " + (database.equals("h2") ? "H2" : "HSQL Database Engine"));
        try (Connection c = DriverManager.getConnection(url, "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog WHERE id = 'resync-sequences'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the changeset is recorded as run").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "hsqldb"})
    void updateSqlPrintsAComment(String database) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        run(command("updateSql", url(database), "other-database.xml").setOutput(out));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("sequence-resync: nothing to do on " + database + ", which is not PostgreSQL")
                .doesNotContain("DO $resync$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "hsqldb"})
    void failOnOtherDatabaseFailsValidationNamingIt(String database) {
        assertThatThrownBy(() -> run(command("update", url(database), "other-database-fail.xml")))
                .hasStackTraceContaining("resyncSequences works on PostgreSQL only, not on " + database
                                         + " (failOnOtherDatabase is set)");
    }
}

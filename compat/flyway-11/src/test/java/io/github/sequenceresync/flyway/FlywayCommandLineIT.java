package io.github.sequenceresync.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's flyway.toml and flyway.conf examples, as they are, read by the Flyway command line
 * itself ({@code org.flywaydb.commandline.Main}, in a JVM of its own as {@code flyway} runs it):
 * the callback they register runs after migrate, and {@code [flyway.placeholders]} configures it.
 * Only the connection and the migrations' folder are given on the command line.
 */
@PostgresTest
class FlywayCommandLineIT {

    private static final Path EXAMPLES = Path.of("../../examples/flyway-cli");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flyway.toml", "flyway.conf"})
    void theExampleRegistersTheCallback(String example, TestDatabase db, @TempDir Path dir) throws Exception {
        String schema = example.replace('.', '_');
        db.execute("CREATE SCHEMA " + schema);
        String output = migrate(db, dir, schema, example, Files.readString(EXAMPLES.resolve(example)));
        assertThat(output).contains("sequence-resync: " + schema + ".orders_id_seq advanced from next value 1 to 42");
        assertThat(db.nextValue(schema + ".orders_id_seq")).isEqualTo(42);
    }

    @Test
    void placeholdersInTheTomlExampleConfigureTheCallback(TestDatabase db, @TempDir Path dir) throws Exception {
        db.execute("CREATE SCHEMA toml_dry_run");
        // [flyway.placeholders] is the example's last table: a line appended lands in it
        String output = migrate(db, dir, "toml_dry_run", "flyway.toml",
                Files.readString(EXAMPLES.resolve("flyway.toml")) + "resync_dry_run = \"true\"\n");
        assertThat(output).contains("sequence-resync (dry run): toml_dry_run.orders_id_seq would advance from next value 1 to 42");
        assertThat(db.nextValue("toml_dry_run.orders_id_seq")).as("dry run").isEqualTo(1);
    }

    /** Writes the configuration file and one migration, runs {@code flyway migrate}; returns its output. */
    private static String migrate(TestDatabase db, Path dir, String schema, String fileName, String configuration)
            throws Exception {
        Path file = Files.writeString(dir.resolve(fileName), configuration);
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("V1__orders.sql"), """
                CREATE TABLE orders (id serial PRIMARY KEY);
                INSERT INTO orders (id) VALUES (41);
                """);
        List<String> command = new ArrayList<>(List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-cp", System.getProperty("java.class.path"), "org.flywaydb.commandline.Main",
                "-configFiles=" + file,
                "-url=" + db.url(), "-user=" + db.user(),
                "-locations=filesystem:" + sql, "-schemas=" + schema, "migrate"));
        if (db.password() != null) {
            command.add(command.size() - 1, "-password=" + db.password());
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}

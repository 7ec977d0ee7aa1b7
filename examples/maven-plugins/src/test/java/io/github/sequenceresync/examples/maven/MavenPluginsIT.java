package io.github.sequenceresync.examples.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Maven plugin examples, run by real Maven (the project's wrapper) against real PostgreSQL. */
@PostgresTest
class MavenPluginsIT {

    private final TestDatabase db;

    /** Output files of the child processes, removed after each test. */
    @TempDir
    Path tmp;

    MavenPluginsIT(TestDatabase db) {
        this.db = db;
    }

    private void maven(String project, String... args) throws Exception {
        Path root = Path.of(System.getProperty("repo.root"));
        List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q",
                "-f", root.resolve("examples/maven-plugins/" + project + "/pom.xml").toString(),
                "-Dmaven.repo.local=" + System.getProperty("it.repo"),
                "-Dsequence-resync.version=" + System.getProperty("project.version")));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "maven-" + project, ".log");
        Process p = new ProcessBuilder(command).directory(root.resolve("examples/maven-plugins/" + project).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void flywayMavenPluginRunsTheCallback() throws Exception {
        db.execute("CREATE SCHEMA mvn_flyway");
        // full plugin coordinates: a fresh local repository has no metadata for the "flyway" prefix yet
        maven("flyway", "org.flywaydb:flyway-maven-plugin:12.11.0:migrate", "-Dflyway.url=" + db.url(), "-Dflyway.user=" + db.user(),
                "-Dflyway.password=" + (db.password() == null ? "" : db.password()), "-Dflyway.schemas=mvn_flyway");
        assertThat(db.nextValue("mvn_flyway.orders_id_seq")).isEqualTo(41);
    }

    @Test
    void liquibaseMavenPluginRunsTheChange() throws Exception {
        maven("liquibase", "org.liquibase:liquibase-maven-plugin:4.33.0:update", "-Dliquibase.url=" + db.url(),
                "-Dliquibase.username=" + db.user(),
                "-Dliquibase.password=" + (db.password() == null ? "" : db.password()));
        assertThat(db.nextValue("public.orders_id_seq")).isEqualTo(41);
    }

}

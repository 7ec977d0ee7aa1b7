package io.github.sequenceresync.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Registration and configuration through environment variables only, as in a container or CI job:
 * a separate JVM whose Flyway reads FLYWAY_* itself.
 */
@PostgresTest
class FlywayEnvironmentIT {

    /** Run in the child JVM: Flyway configured from the environment alone. */
    public static void main(String[] args) {
        Flyway.configure().envVars().load().migrate();
    }

    @Test
    void callbackAndPlaceholdersFromEnvironmentVariables(TestDatabase db) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-cp", System.getProperty("java.class.path"), FlywayEnvironmentIT.class.getName());
        pb.environment().putAll(Map.of(
                "FLYWAY_URL", db.url(),
                "FLYWAY_USER", db.user(),
                "FLYWAY_PASSWORD", db.password() == null ? "" : db.password(),
                "FLYWAY_SCHEMAS", "from_env",
                "FLYWAY_LOCATIONS", "classpath:db/each",
                "FLYWAY_CALLBACKS", ResyncSequencesCallback.class.getName(),
                "FLYWAY_PLACEHOLDERS_RESYNC_EVENT", "after_each_migrate"));
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("sequence-resync: from_env.products_id_seq advanced from next value 1 to 3");
        assertThat(db.queryLong("SELECT max(id) FROM from_env.products")).isEqualTo(3);
    }
}

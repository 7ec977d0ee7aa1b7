package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The server's version, on whichever server the tests run on: one older than the oldest supported
 * is refused with one line by both paths, nothing changed (`.ci/matrix` runs this class on
 * PostgreSQL 11); a supported one is resynced, with a note when it is newer than the newest tested.
 */
@PostgresTest
class ServerVersionIT {

    private final TestDatabase db;

    ServerVersionIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void behindSequence(TestDatabase db) {
        db.execute("CREATE SCHEMA versions; CREATE TABLE versions.t (id serial); INSERT INTO versions.t VALUES (7)");
    }

    private final ResyncOptions options = ResyncOptions.builder().schemas("versions").build();

    @Test
    void theJavaPathRefusesOnlyAServerOlderThanTheOldestSupported() throws Exception {
        db.execute("SELECT setval('versions.t_id_seq', 1, false)");
        try (Connection c = db.connect()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            if (major < ServerVersion.MINIMUM) {
                assertThatThrownBy(() -> SequenceResync.with(options).run(c)).isInstanceOf(ResyncException.class)
                        .hasMessage("sequence-resync needs PostgreSQL 12 or later; this server is version "
                                    + c.getMetaData().getDatabaseProductVersion());
                assertThat(db.nextValue("versions.t_id_seq")).isEqualTo(1);
            } else {
                ResyncReport report = SequenceResync.with(options).run(c);
                assertThat(report.changed()).hasSize(1);
                assertThat(db.nextValue("versions.t_id_seq")).isEqualTo(8);
                assertThat(report.notes()).hasSize(major > ServerVersion.NEWEST_TESTED ? 1 : 0)
                        .allSatisfy(note -> assertThat(note).startsWith("PostgreSQL " + major)
                                .contains("is newer than 18, the newest version sequence-resync is tested on"));
            }
        }
    }

    @Test
    void theScriptRefusesOnlyAServerOlderThanTheOldestSupported() throws Exception {
        db.execute("SELECT setval('versions.t_id_seq', 1, false)");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            int major = c.getMetaData().getDatabaseMajorVersion();
            String script = SequenceResync.with(options).script();
            if (major < ServerVersion.MINIMUM) {
                PSQLException e = org.assertj.core.api.Assertions.catchThrowableOfType(PSQLException.class,
                        () -> s.execute(script));
                assertThat(e.getServerErrorMessage().getMessage()).isEqualTo(
                        "sequence-resync needs PostgreSQL 12 or later; this server is version "
                        + db.queryString("SHOW server_version"));
                assertThat(db.nextValue("versions.t_id_seq")).isEqualTo(1);
            } else {
                s.execute(script);
                assertThat(db.nextValue("versions.t_id_seq")).isEqualTo(8);
            }
        }
    }
}

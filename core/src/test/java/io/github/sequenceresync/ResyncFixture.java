package io.github.sequenceresync;

import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Runs the resync against a test database; shared by the integration tests. */
final class ResyncFixture {

    private final TestDatabase db;

    ResyncFixture(TestDatabase db) {
        this.db = db;
    }

    ResyncReport resync(ResyncOptions options) {
        try (Connection c = db.connect()) {
            return SequenceResync.with(options).run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    ResyncReport resync(String... schemas) {
        return resync(ResyncOptions.builder().schemas(schemas).build());
    }

    /** The server process of a connection, to find it in pg_locks or pg_stat_activity. */
    static int backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The report line of one sequence (name as displayed). */
    static SequenceReport entry(ResyncReport report, String sequence) {
        return report.sequences().stream().filter(s -> s.sequence().equals(sequence)).findFirst()
                .orElseThrow(() -> new AssertionError("no sequence " + sequence + " in report:\n" + report.toText()));
    }
}

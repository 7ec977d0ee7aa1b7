package io.github.sequenceresync.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a server connection carries from one client to the next behind a pooler: named prepared
 * statements, settings that differ from what RESET would give them, temporary relations, advisory locks, an open
 * transaction. Read on the connection itself.
 */
public final class SessionState {

    private SessionState() {
    }

    /**
     * One line per item of session state, sorted. Prepared statements by their text: the driver
     * renames its own (COMMIT as S_2 instead of S_1) when it re-prepares them, which PostgreSQL 18
     * makes it do after a search_path change.
     */
    public static List<String> of(Connection c) throws SQLException {
        List<String> state = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT 'prepared statement: ' || statement FROM pg_prepared_statements
                UNION ALL SELECT 'setting ' || name || ' = ' || setting FROM pg_settings WHERE setting IS DISTINCT FROM reset_val
                UNION ALL SELECT 'temporary relation ' || relname FROM pg_class WHERE relpersistence = 't'
                UNION ALL SELECT 'lock ' || locktype || ' ' || mode FROM pg_locks
                          WHERE pid = pg_backend_pid() AND locktype = 'advisory'
                ORDER BY 1""")) {
            while (rs.next()) {
                state.add(rs.getString(1));
            }
        }
        return state;
    }
}

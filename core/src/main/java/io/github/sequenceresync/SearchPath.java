package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The search_path the resync's statements are parsed under: PostgreSQL's own schema only, so that
 * no function or operator someone planted on the caller's search_path runs instead of a built-in
 * one (see {@link Catalog}'s preflight, which sets it first). Set for the transaction only
 * ({@code set_config(.., true)}), so it ends with the run's own transactions and is set again
 * after each; in the caller's transaction, the caller's value is put back when the run ends.
 */
final class SearchPath {

    /** pg_temp named last, so that not even a temporary relation comes before a catalog's. */
    static final String SAFE = "pg_catalog, pg_temp";

    private SearchPath() {
    }

    /** Rolls back a transaction of the run's own, and sets {@link #SAFE} for the next. */
    static void rollback(Connection connection) throws SQLException {
        connection.rollback();
        set(connection, SAFE);
    }

    /** Commits a transaction of the run's own, and sets {@link #SAFE} for the next. */
    static void commit(Connection connection) throws SQLException {
        connection.commit();
        set(connection, SAFE);
    }

    /**
     * Puts the caller's search_path back in the caller's transaction; nothing when that transaction
     * has failed (its rollback undoes the change).
     */
    static void restoreQuietly(Connection connection, String callerSearchPath) {
        try {
            set(connection, callerSearchPath);
        } catch (SQLException ignored) {
            // the transaction is aborted (or the connection lost): rolling it back restores the setting
        }
    }

    private static void set(Connection connection, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.set_config('search_path', ?, true)")) {
            ps.setString(1, value);
            ps.execute();
        }
    }
}

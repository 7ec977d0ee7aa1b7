package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The two settings a run's statements need, set for the transaction only ({@code set_config(..,
 * true)}), so that nothing of them outlives it on a pooled connection: they are set again after each
 * of the run's own transactions, and in the caller's transaction the caller's values are put back
 * when the run ends. {@link Catalog}'s preflight sets them first.
 * <ul>
 * <li>search_path: PostgreSQL's own schema only, so that no function or operator someone planted
 * on the caller's search_path runs instead of a built-in one (CVE-2018-1058);</li>
 * <li>lock_timeout: the run's, or the caller's when that is lower, so that no lock wait of the run
 * (a table another session alters, vacuums in full, locks) stalls a deploy while holding the locks
 * it already has (see {@link Locks}).</li>
 * </ul>
 *
 * @param lockTimeout the lock timeout in force for the run, as set
 */
record RunSettings(String lockTimeout) {

    /** pg_temp named last, so that not even a temporary relation comes before a catalog's. */
    static final String SAFE_SEARCH_PATH = "pg_catalog, pg_temp";

    /** The run's lock timeout in milliseconds, at least 1 (0 would mean no timeout to PostgreSQL). */
    static long lockTimeoutMillis(ResyncOptions options) {
        return Math.max(1, options.lockTimeout().toMillis());
    }

    private static final String SET = """
            SELECT pg_catalog.set_config('search_path', ?, true), pg_catalog.set_config('lock_timeout', ?, true)
            """;

    /** Sets the run's settings again, in another transaction of the run's own. */
    void set(Connection connection) throws SQLException {
        set(connection, SAFE_SEARCH_PATH, lockTimeout);
    }

    /**
     * Puts the caller's values back in the caller's transaction; nothing when that transaction has
     * failed (its rollback undoes the change).
     */
    static void restoreQuietly(Connection connection, String searchPath, String lockTimeout) {
        try {
            set(connection, searchPath, lockTimeout);
        } catch (SQLException ignored) {
            // the transaction is aborted (or the connection lost): rolling it back restores the settings
        }
    }

    private static void set(Connection connection, String searchPath, String lockTimeout) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(SET)) {
            ps.setString(1, searchPath);
            ps.setString(2, lockTimeout);
            ps.execute();
        }
    }
}

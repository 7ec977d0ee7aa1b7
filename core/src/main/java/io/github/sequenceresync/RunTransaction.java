package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The transaction a run works in, in one place. When the connection is in autocommit mode the run
 * has a transaction of its own: it may end it early (to split itself into transactions that fit
 * the server's lock table, or to try again without the relations another session holds), commits
 * it at the end, and puts autocommit back. Otherwise it runs in the caller's transaction, never
 * ends it, and keeps it usable after a failed lock wait with a savepoint; the caller's search_path
 * and lock_timeout are put back when the run ends. After each transaction of its own ends, the
 * run's settings are set again ({@link RunSettings}).
 */
final class RunTransaction {

    private final Connection connection;
    private final boolean own;
    private Catalog.Preflight preflight;
    private Savepoint savepoint;
    /** The connection's default isolation, when the run changed it ({@link #start}); else none. */
    private Integer callerIsolation;

    private RunTransaction(Connection connection, boolean own) {
        this.connection = connection;
        this.own = own;
    }

    /** Starts the run's transaction, or joins the caller's. */
    static RunTransaction begin(Connection connection) throws SQLException {
        boolean own = connection.getAutoCommit();
        if (own) {
            connection.setAutoCommit(false);
        }
        return new RunTransaction(connection, own);
    }

    /**
     * Runs the preflight, the transaction's first statement, which sets the run's settings; in the
     * caller's transaction, takes a savepoint after it. A transaction of the run's own is READ
     * COMMITTED whatever the connection's default (set for a database or role, or by a pool): under
     * REPEATABLE READ or SERIALIZABLE the preflight's snapshot would serve the whole transaction, and
     * the measurement, after its lock wait, would miss the rows the lock's holder committed
     * meanwhile. The default is changed for the run only, in the one case, and put back by {@link #end}.
     */
    Catalog.Preflight start(ResyncOptions options) throws SQLException {
        preflight = Catalog.preflight(connection, options);
        if (own && !preflight.snapshotPerStatement()) {
            connection.rollback();
            callerIsolation = connection.getTransactionIsolation();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            preflight = Catalog.preflight(connection, options);
        }
        mark();
        return preflight;
    }

    /** Whether the run may end its transaction early: its own, and no table locks to hold throughout. */
    boolean splittable(boolean lockTables) {
        return own && !lockTables;
    }

    /** Whether the run has a transaction of its own. */
    boolean own() {
        return own;
    }

    /** The run's settings, as the preflight set them. */
    RunSettings settings() {
        return preflight.settings();
    }

    /**
     * Makes the transaction usable again after a lock wait failed, from scratch: the run's own is
     * rolled back (its locks go with it), the caller's goes back to the savepoint; then marks it again.
     */
    void recover() throws SQLException {
        if (own) {
            settings().rollback(connection);
        } else {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
        mark();
    }

    /** Ends a chunk's transaction after reads (see {@link LockTableChunks}). */
    void rollbackChunk() throws SQLException {
        settings().rollback(connection);
    }

    /** Ends a chunk's transaction after setval (see {@link LockTableChunks}). */
    void commitChunk() throws SQLException {
        settings().commit(connection);
    }

    /** The run succeeded: commits its own transaction, releases the savepoint in the caller's. */
    void commit() throws SQLException {
        if (own) {
            connection.commit();
        } else if (savepoint != null) {
            connection.releaseSavepoint(savepoint);
            savepoint = null;
        }
    }

    /** The run failed: rolls back its own transaction (the caller's is the caller's to end). */
    void failed(Exception first) {
        if (!own) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            first.addSuppressed(e);
        }
    }

    /** Puts the connection back as the run found it: autocommit and isolation, or the caller's settings. */
    void end() {
        if (own) {
            try {
                connection.setAutoCommit(true);
                if (callerIsolation != null) {
                    connection.setTransactionIsolation(callerIsolation);
                }
            } catch (SQLException ignored) {
                // the connection is broken; the first failure has been reported
            }
        } else if (preflight != null) {
            RunSettings.restoreQuietly(connection, preflight.callerSearchPath(), preflight.callerLockTimeout());
        }
    }

    private void mark() throws SQLException {
        savepoint = own ? null : connection.setSavepoint();
    }
}

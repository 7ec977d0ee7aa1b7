package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * The transaction a run works in, in one place. When the connection is in autocommit mode the run
 * has a transaction of its own: it may end it early (to split itself into transactions that fit
 * the server's lock table, or to try again without the relations another session holds), commits
 * it at the end, and puts autocommit back. Otherwise it runs in the caller's transaction, never
 * ends it, and keeps it usable after a failed lock wait with a savepoint; the caller's search_path
 * and lock_timeout are put back when the run ends. After each transaction of its own ends, the
 * run's settings are set again ({@link RunSettings}), and the next is READ COMMITTED as the first was.
 */
final class RunTransaction {

    private final Connection connection;
    private final boolean own;
    private Catalog.Preflight preflight;
    private Savepoint savepoint;
    /** Whether each transaction of the run's own begins by making itself READ COMMITTED ({@link #start}). */
    private boolean readCommitted;

    /** A transaction's isolation, for it alone; only as its first statement (before any snapshot). */
    private static final String READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";

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
     * meanwhile. In that case only, the transaction starts again with {@code SET TRANSACTION}, which
     * holds for it alone: the connection's default, session state a pooler would hand to others, is
     * never changed.
     */
    Catalog.Preflight start(ResyncOptions options) throws SQLException {
        preflight = Catalog.preflight(connection, options);
        if (own && !preflight.snapshotPerStatement()) {
            readCommitted = true;
            connection.rollback();
            beginReadCommitted();
            preflight = Catalog.preflight(connection, options);
        }
        mark();
        return preflight;
    }

    /** Makes the transaction about to begin READ COMMITTED, with its first statement. */
    private void beginReadCommitted() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(READ_COMMITTED);
        }
    }

    /** Begins the run's next transaction of its own as the first began, with the run's settings. */
    private void next() throws SQLException {
        if (readCommitted) {
            beginReadCommitted();
        }
        settings().set(connection);
    }

    /** Whether the run may end its transaction early: its own, and no table locks to hold throughout. */
    boolean splittable(boolean lockTables) {
        return own && !lockTables;
    }

    /** Whether the run has a transaction of its own. */
    boolean own() {
        return own;
    }

    /** The statement_timeout in force, the caller's, as PostgreSQL shows it; null when none, or before the preflight. */
    String statementTimeout() {
        return preflight == null ? null : preflight.statementTimeout();
    }

    /** The transaction_timeout in force (PostgreSQL 17), the caller's; null when none, or before the preflight. */
    String transactionTimeout() {
        return preflight == null ? null : preflight.transactionTimeout();
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
            connection.rollback();
            next();
        } else {
            connection.rollback(savepoint);
            connection.releaseSavepoint(savepoint);
        }
        mark();
    }

    /** Ends a chunk's transaction after reads (see {@link LockTableChunks}). */
    void rollbackChunk() throws SQLException {
        connection.rollback();
        next();
    }

    /** Ends a chunk's transaction after setval (see {@link LockTableChunks}). */
    void commitChunk() throws SQLException {
        connection.commit();
        next();
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

    /** Puts the connection back as the run found it: autocommit, or the caller's settings. */
    void end() {
        if (own) {
            try {
                connection.setAutoCommit(true);
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

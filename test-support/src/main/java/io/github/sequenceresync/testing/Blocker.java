package io.github.sequenceresync.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A second session holding locks: it runs a statement in a transaction it keeps open until closed
 * (rolled back), as a migration, a DBA or an application does while a resync runs.
 */
public final class Blocker implements AutoCloseable {

    private final Connection connection;
    private final int pid;
    /** The prepared transaction's global id, or null: a session's own transaction. */
    private final String gid;

    private Blocker(Connection connection, int pid, String gid) {
        this.connection = connection;
        this.pid = pid;
        this.gid = gid;
    }

    /** Opens a session on {@code db}, starts a transaction and runs {@code sql} in it. */
    public static Blocker hold(TestDatabase db, String sql) throws SQLException {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return new Blocker(c, pid(c), null);
        }
    }

    /**
     * Runs {@code sql} in a transaction and prepares it as {@code gid} (two-phase commit): its locks
     * stay held by no session until the prepared transaction is ended, here when closed (rolled back).
     * Needs {@code max_prepared_transactions} above 0 on the server.
     */
    public static Blocker prepared(TestDatabase db, String sql, String gid) throws SQLException {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            s.execute("PREPARE TRANSACTION '" + gid.replace("'", "''") + "'");
            c.setAutoCommit(true);
            return new Blocker(c, pid(c), gid);
        }
    }

    /** The backend process id of this session, as pg_locks and pg_stat_activity show it. */
    public int pid() {
        return pid;
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The server's clock in milliseconds: durations from the server's view, not the test's. */
    public static long serverMillis(TestDatabase db) {
        return db.queryLong("SELECT (extract(epoch FROM clock_timestamp()) * 1000)::int8");
    }

    /** Waits until backend {@code pid} waits for a lock, asking the server; fails after 30 s. */
    public static void awaitWaiting(TestDatabase db, int pid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (db.queryLong("SELECT count(*) FROM pg_locks WHERE pid = ? AND NOT granted", pid) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("backend " + pid + " never waited for a lock");
            }
            Thread.sleep(20);
        }
    }

    /** Commits the transaction (its DDL takes effect) and ends the session. */
    public void commit() throws SQLException {
        try {
            connection.commit();
        } finally {
            connection.close();
        }
    }

    /** Rolls the transaction back and ends the session; again, nothing. */
    @Override
    public void close() throws SQLException {
        if (connection.isClosed()) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            if (gid == null) {
                connection.rollback();
            } else {
                s.execute("ROLLBACK PREPARED '" + gid.replace("'", "''") + "'");
            }
        } finally {
            connection.close();
        }
    }
}

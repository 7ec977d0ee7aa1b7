package io.github.sequenceresync;

import java.sql.SQLException;

/**
 * A resync that could not be done. The message names the object at fault (schema, table, column,
 * sequence or option). When thrown, no sequence was changed by this run unless
 * {@link #report()} says otherwise.
 */
public final class ResyncException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * PostgreSQL's SQLSTATE read_only_sql_transaction, which {@link #sqlState()} gives when sequences
     * need changing and the session is read-only (a hot standby, {@code default_transaction_read_only}).
     */
    public static final String READ_ONLY_SQL_TRANSACTION = "25006";

    private final String sqlState;
    private final transient ResyncReport report;

    public ResyncException(String message) {
        this(message, null, null);
    }

    /** A failure a database error caused; its SQLSTATE is kept. */
    public ResyncException(String message, SQLException cause) {
        this(message, cause, null);
    }

    ResyncException(String message, SQLException cause, ResyncReport report) {
        this(message, cause, cause == null ? null : cause.getSQLState(), report);
    }

    private ResyncException(String message, SQLException cause, String sqlState, ResyncReport report) {
        super(message, cause);
        this.sqlState = sqlState;
        this.report = report;
    }

    /**
     * This failure, its message saying where it happened first, for a host that runs the resync in
     * several places (tenants, databases): {@code e.in("tenant 'acme'")} reads "tenant 'acme': cannot
     * resync sequences: ...". SQLSTATE, cause and report are kept.
     */
    public ResyncException in(String where) {
        return new ResyncException(where + ": " + getMessage(), (SQLException) getCause(), sqlState, report);
    }

    /** Sequences need changing and the session is read-only; {@code report} says which. */
    static ResyncException readOnly(String message, ResyncReport report) {
        return new ResyncException(message, null, READ_ONLY_SQL_TRANSACTION, report);
    }

    /**
     * The PostgreSQL SQLSTATE of the underlying error, {@link #READ_ONLY_SQL_TRANSACTION} when the
     * session is read-only, or null.
     */
    public String sqlState() {
        return sqlState;
    }

    /**
     * Whether the run gave up waiting for a lock other sessions held: its lock timeout struck, or
     * PostgreSQL cancelled it to break a deadlock. The message names the tables or sequences and
     * the sessions.
     */
    public boolean lockNotGranted() {
        return Locks.gaveUpWaiting(sqlState);
    }

    /**
     * What the run knew when it failed, or null. The planned report, nothing applied, when it failed
     * before setting anything: problems found in planning, a read-only session. The report of what
     * was set when it failed partway through a run split into several transactions (a lock table too
     * small for one): the sequences it had not finished are {@link Action#UNCHANGED}, with no next
     * value after and a warning.
     */
    public ResyncReport report() {
        return report;
    }
}

package io.github.sequenceresync;

import java.sql.SQLException;

/**
 * A resync that could not be done. The message names the object at fault (schema, table, column,
 * sequence or option). When thrown, no sequence was changed by this run unless
 * {@link #report()} says otherwise.
 */
public final class ResyncException extends RuntimeException {

    private static final long serialVersionUID = 1L;

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
        super(message, cause);
        this.sqlState = cause == null ? null : cause.getSQLState();
        this.report = report;
    }

    /** The PostgreSQL SQLSTATE of the underlying error, or null. */
    public String sqlState() {
        return sqlState;
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

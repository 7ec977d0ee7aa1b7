package io.github.sequenceresync;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Keeps a run from leaving named prepared statements on its server connection. The PostgreSQL
 * JDBC driver turns a statement it has executed {@code prepareThreshold} times on a connection (5 by
 * default, counted through its statement cache; its own {@code COMMIT} too) into a named
 * server-side prepared statement, {@code S_1}, {@code S_2} ..., which outlives the run on that
 * server connection: behind a pooler in transaction mode (PgBouncer before 1.21, Supavisor, pgcat)
 * the next client given it then fails with "prepared statement S_1 already exists". So for the run,
 * the connection's threshold is 0 (never named), and afterwards what it was. Through reflection: the
 * core does not depend on the driver, and other drivers are left as they are.
 */
final class UnnamedStatements implements AutoCloseable {

    private static final String PG_CONNECTION = "org.postgresql.PGConnection";

    private final Object pgConnection;
    private final Method setter;
    private final int previous;

    private UnnamedStatements(Object pgConnection, Method setter, int previous) {
        this.pgConnection = pgConnection;
        this.setter = setter;
        this.previous = previous;
    }

    /** Sets the driver's prepare threshold to 0 until {@link #close()}; a no-op on other drivers. */
    static UnnamedStatements during(Connection connection) throws SQLException {
        Class<?> type;
        try {
            type = Class.forName(PG_CONNECTION, false, connection.getClass().getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return new UnnamedStatements(null, null, 0);
        }
        if (!connection.isWrapperFor(type)) {
            return new UnnamedStatements(null, null, 0);
        }
        Object pg = connection.unwrap(type);
        try {
            int previous = (int) type.getMethod("getPrepareThreshold").invoke(pg);
            Method setter = type.getMethod("setPrepareThreshold", int.class);
            setter.invoke(pg, 0);
            return new UnnamedStatements(pg, setter, previous);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            throw new SQLException("cannot keep the JDBC driver from naming prepared statements: " + e, e);
        }
    }

    @Override
    public void close() {
        if (pgConnection == null) {
            return;
        }
        try {
            setter.invoke(pgConnection, previous);
        } catch (IllegalAccessException | InvocationTargetException e) {
            // the connection is broken or closed: there is no setting left to restore
        }
    }
}

package io.github.sequenceresync.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A database of its own for one test class, on real PostgreSQL. Injected into test constructors
 * and methods by {@link PostgresExtension}.
 */
public final class TestDatabase {

    private final PostgresServer server;
    private final String name;

    TestDatabase(PostgresServer server, String name) {
        this.server = server;
        this.name = name;
    }

    /**
     * A fresh database on the test run's server, for tests that need more than the one of their
     * class; the caller drops it with {@link #drop()}.
     */
    public static TestDatabase create(String name) {
        PostgresServer server = PostgresServer.get();
        PostgresExtension.admin(server, "DROP DATABASE IF EXISTS " + name);
        PostgresExtension.admin(server, "CREATE DATABASE " + name);
        return new TestDatabase(server, name);
    }

    /** Drops this database, ending the connections still open to it. */
    public void drop() {
        PostgresExtension.admin(server, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + name + "' AND pid <> pg_backend_pid()");
        PostgresExtension.admin(server, "DROP DATABASE IF EXISTS " + name);
    }

    /** The database's name. */
    public String name() {
        return name;
    }

    /** A JDBC URL for this database. */
    public String url() {
        return server.urlFor(name);
    }

    /** The user the tests connect as (a superuser on the embedded server). */
    public String user() {
        return server.user();
    }

    /** That user's password, or null. */
    public String password() {
        return server.password();
    }

    /** A new connection (autocommit on), to be closed by the caller. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), server.credentials());
    }

    /** A new connection as another role, to be closed by the caller. */
    public Connection connectAs(String role, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", role);
        props.setProperty("password", password);
        return DriverManager.getConnection(url(), props);
    }

    /** Runs SQL (one or more statements, no result) on a connection of its own. */
    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** The first column of the first row of a query, as a long (null for SQL NULL). */
    public Long queryLong(String sql, Object... params) {
        return query(sql, params, rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? null : v;
        });
    }

    /** The first column of the first row of a query, as text. */
    public String queryString(String sql, Object... params) {
        return query(sql, params, rs -> rs.getString(1));
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Object[] params, Column<T> column) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no row: " + sql);
                }
                return column.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** A sequence's next value from its relation, read without consuming it; {@code p} is its pg_sequence row. */
    private static final String NEXT_VALUE = """
            (SELECT CASE WHEN s.is_called THEN s.last_value + p.seqincrement ELSE s.last_value END
             FROM (SELECT (xpath('/row/l/text()', x))[1]::text::bigint AS last_value,
                          (xpath('/row/c/text()', x))[1]::text::boolean AS is_called
                   FROM query_to_xml(format('SELECT last_value AS l, is_called AS c FROM %s',
                                            p.seqrelid::regclass), false, true, '') x) s)""";

    /**
     * The value the sequence hands out next, read without consuming it
     * ({@code is_called ? last_value + increment : last_value}).
     *
     * @param sequence a sequence name as SQL would take it, e.g. {@code public.orders_id_seq}
     *                 or {@code "Mixed"."Seq"}
     */
    public long nextValue(String sequence) {
        return queryLong("SELECT " + NEXT_VALUE + " FROM pg_sequence p WHERE p.seqrelid = ?::regclass", sequence);
    }

    /** {@link #nextValues(Connection, Collection)} on a connection of its own. */
    public Map<String, Long> nextValues(String... schemas) {
        try (Connection c = connect()) {
            return nextValues(c, List.of(schemas));
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    /**
     * The next value of every sequence in these schemas, as {@link #nextValue} reads it, in one query
     * on {@code c}, keyed by schema and name as the catalog spells them ({@code schema.name},
     * unquoted), in that order.
     */
    public static Map<String, Long> nextValues(Connection c, Collection<String> schemas) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT n.nspname || '.' || k.relname, " + NEXT_VALUE + """
                 FROM pg_sequence p
                 JOIN pg_class k ON k.oid = p.seqrelid
                 JOIN pg_namespace n ON n.oid = k.relnamespace
                 WHERE n.nspname = ANY (?)
                 ORDER BY n.nspname, k.relname""")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return values;
    }
}

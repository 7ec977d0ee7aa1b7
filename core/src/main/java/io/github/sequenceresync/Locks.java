package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who keeps the resync from its locks. Every lock wait of a run is bounded by its lock timeout
 * (set for the transaction by {@link Catalog}'s preflight); when one strikes, the run has stopped
 * waiting, so {@code pg_blocking_pids} has nothing to say about it any more: what it reads instead
 * is every lock another session holds or waits for, on the relations the run reads, in a mode that
 * conflicts with the run's (a waiting request counts: PostgreSQL queues the run's request behind it),
 * and every prepared transaction holding one (two-phase commit, as XA transaction managers use it),
 * which no session ends by finishing and which only COMMIT PREPARED or ROLLBACK PREPARED releases.
 */
final class Locks {

    /** SQLSTATE lock_not_available: a lock timeout, or a NOWAIT lock refused. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** SQLSTATE deadlock_detected: PostgreSQL cancelled the run to break a cycle of waits. */
    static final String DEADLOCK_DETECTED = "40P01";

    /**
     * One row per relation of the run that others block: the table or sequence the run asked for
     * (a partition's parent for its partitions, a table for its indexes) and who blocks it, relation
     * by relation, in one line. {SHARE}: whether the run locks the
     * tables in SHARE mode (else ACCESS SHARE, to read them); {TABLES}: the tables; {SEQUENCES}: the
     * sequences, which the run reads and sets (ROW EXCLUSIVE). The SQL script fills them in with its
     * variables, {@link #blockers} with parameters.
     */
    static final String BLOCKERS = """
            WITH RECURSIVE rel(asked, rel, share) AS (
                SELECT t, t, {SHARE} FROM pg_catalog.unnest({TABLES}) AS t
                UNION
                SELECT rel.asked, i.inhrelid, rel.share FROM pg_catalog.pg_inherits AS i JOIN rel ON i.inhparent = rel.rel
            ), wanted AS (
                SELECT asked, rel, CASE WHEN share
                    THEN '{RowExclusiveLock,ShareUpdateExclusiveLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'
                    ELSE '{AccessExclusiveLock}' END::text[] AS conflicts
                FROM rel
                UNION ALL
                -- the tables' indexes, which the measurement reads (REINDEX holds them ACCESS EXCLUSIVE)
                SELECT rel.asked, i.indexrelid, '{AccessExclusiveLock}'::text[]
                FROM rel JOIN pg_catalog.pg_index AS i ON i.indrelid = rel.rel
                UNION ALL
                SELECT s, s, '{ShareLock,ShareRowExclusiveLock,ExclusiveLock,AccessExclusiveLock}'::text[]
                FROM pg_catalog.unnest({SEQUENCES}) AS s
            ), held AS (
                SELECT w.asked, w.rel,
                       pg_catalog.format('%s %s%s: %s',
                           CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' WHEN 'I' THEN 'index'
                                          ELSE 'table' END, c.oid::regclass,
                           CASE WHEN w.rel <> w.asked THEN pg_catalog.format(' (of %s)', w.asked::regclass) ELSE '' END,
                           pg_catalog.string_agg(CASE WHEN l.pid IS NULL
                               THEN pg_catalog.format('prepared transaction %s (%s, prepared %s s ago; only COMMIT PREPARED'
                                                      || ' or ROLLBACK PREPARED ends it) holds %s',
                                   coalesce(pg_catalog.quote_literal(px.gid), 'unknown'),
                                   coalesce('user ' || px.owner, 'user unknown'),
                                   coalesce(pg_catalog.round(extract(epoch FROM pg_catalog.now() - px.prepared))::text, '?'),
                                   l.mode)
                               ELSE pg_catalog.format('pid %s (%s%s, %s%s) %s %s',
                               -- a background process has no user: an autovacuum worker's text says what it vacuums and
                               -- whether it prevents wraparound (PostgreSQL then cancels it for no waiting session); only
                               -- superusers and pg_read_all_stats see that text and the process's kind
                               l.pid, CASE WHEN a.backend_type = 'autovacuum worker' AND a.query LIKE 'autovacuum: %' THEN a.query
                                           WHEN a.usename IS NOT NULL THEN 'user ' || a.usename
                                           WHEN a.backend_type IS NOT NULL THEN a.backend_type
                                           WHEN a.pid IS NOT NULL THEN 'a background process, such as autovacuum'
                                           ELSE 'user unknown' END,
                               CASE WHEN a.application_name <> '' THEN pg_catalog.format(', application %L', a.application_name)
                                    ELSE '' END,
                               coalesce(a.state, 'state unknown'),
                               CASE WHEN a.xact_start IS NOT NULL THEN pg_catalog.format(', in a transaction for %s s',
                                   pg_catalog.round(extract(epoch FROM pg_catalog.now() - a.xact_start))) ELSE '' END,
                               CASE WHEN l.granted THEN 'holds' ELSE 'waits for' END, l.mode) END,
                               '; ' ORDER BY l.granted DESC, l.pid, px.gid)) AS blockers
                FROM wanted AS w
                JOIN pg_catalog.pg_locks AS l ON l.locktype = 'relation' AND l.relation = w.rel
                     AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
                     -- a prepared transaction's locks have no pid (IS DISTINCT FROM keeps them)
                     AND l.pid IS DISTINCT FROM pg_catalog.pg_backend_pid() AND l.mode = ANY (w.conflicts)
                JOIN pg_catalog.pg_class AS c ON c.oid = w.rel
                LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
                -- which prepared transaction: the one whose transaction id lock has the same virtual
                -- transaction (pg_locks names prepared transactions by no other column)
                LEFT JOIN LATERAL (
                    SELECT p.gid, p.owner, p.prepared
                    FROM pg_catalog.pg_locks AS x
                    JOIN pg_catalog.pg_prepared_xacts AS p ON p.transaction = x.transactionid
                    WHERE l.pid IS NULL AND x.pid IS NULL AND x.locktype = 'transactionid'
                      AND x.virtualtransaction = l.virtualtransaction
                ) AS px ON true
                GROUP BY w.asked, w.rel, c.oid, c.relkind
            )
            -- one row per relation asked for, whatever number of its partitions and indexes are held
            SELECT h.asked, pg_catalog.string_agg(h.blockers, '; ' ORDER BY h.rel) AS blockers
            FROM held AS h
            GROUP BY h.asked
            ORDER BY h.asked
            """;

    private Locks() {
    }

    /** Whether the run gave up waiting for a lock: the lock timeout, or a deadlock PostgreSQL broke. */
    static boolean gaveUpWaiting(SQLException e) {
        return gaveUpWaiting(e.getSQLState());
    }

    /** {@link #gaveUpWaiting(SQLException)}, by the error's SQLSTATE. */
    static boolean gaveUpWaiting(String sqlState) {
        return LOCK_NOT_AVAILABLE.equals(sqlState) || DEADLOCK_DETECTED.equals(sqlState);
    }

    /**
     * Who blocks which of these tables and sequences, by the table or sequence asked for. Read on a
     * connection whose transaction still works (rolled back, or back to a savepoint).
     */
    static Map<Long, String> blockers(Connection connection, Collection<Long> tables, boolean share,
                                      Collection<Long> sequences) throws SQLException {
        Map<Long, String> blocked = new LinkedHashMap<>();
        // the placeholders in the order they appear
        String sql = BLOCKERS.replace("{SHARE}", "?::bool").replace("{TABLES}", "?::oid[]").replace("{SEQUENCES}", "?::oid[]");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setBoolean(1, share);
            ps.setArray(2, connection.createArrayOf("oid", tables.toArray()));
            ps.setArray(3, connection.createArrayOf("oid", sequences.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    blocked.put(rs.getLong(1), rs.getString(2));
                }
            }
        }
        return blocked;
    }

    /** The parts of {@link #message}, which the SQL script puts together the same way. */
    static final String TIMED_OUT = "a lock was not granted within the lock timeout (%s)";
    static final String DEADLOCK = "PostgreSQL cancelled the resync to break a deadlock with another session";
    static final String RELEASED = "the session that held it has released it since; run again";
    /** What to do, naming the options as the entry point spells them (exclude, lockTimeout). */
    static String advice(Spelling spelling) {
        return waitAdvice(spelling) + ", or raise the lock timeout (" + spelling.of(ResyncOption.LOCK_TIMEOUT) + ")";
    }

    private static String waitAdvice(Spelling spelling) {
        return ". Wait for those sessions to finish, end them (SELECT pg_terminate_backend(pid)), leave those tables"
               + " out (" + spelling.of(ResyncOption.EXCLUDE) + ")";
    }

    /**
     * SQLSTATE query_canceled with a statement_timeout in force: it struck, or a cancel request did.
     * statement_timeout is the caller's (a role's or a pool's), and can be shorter than the run's
     * lock timeout, or than a measurement of thousands of tables in one statement.
     */
    static final String CANCELED = "the server canceled the statement after statement_timeout (%s) or on a cancel request";

    static final String NOTHING_CHANGED = ". Nothing was changed";

    /**
     * The one line a run that gave up waiting fails with: what blocked it and what to do.
     *
     * @param timeout   the lock timeout in force, as PostgreSQL shows it
     * @param blockers  {@link #blockers}' descriptions; empty when the others are gone already
     * @param measuring whether it happened before anything was applied
     * @param spelling  how the entry point spells the options the advice names
     */
    static String message(SQLException e, String timeout, List<String> blockers, boolean measuring, Spelling spelling) {
        String what = DEADLOCK_DETECTED.equals(e.getSQLState()) ? DEADLOCK : TIMED_OUT.formatted(timeout);
        String who = blockers.isEmpty() ? RELEASED : String.join("; ", blockers) + advice(spelling);
        return what + ": " + who + (measuring ? NOTHING_CHANGED : "");
    }

    /**
     * The one line a run fails with when the server canceled a statement of it with a
     * statement_timeout in force ({@link #CANCELED}): who holds locks the run waits for, or, none
     * holding any, that the work itself took too long; and what to do.
     *
     * @param statementTimeout as PostgreSQL shows it
     * @param blockers         {@link #blockers}' descriptions, or empty (also when they were not read)
     * @param measuring        whether it happened before anything was applied
     */
    static String canceled(String statementTimeout, List<String> blockers, boolean measuring, Spelling spelling) {
        String why = blockers.isEmpty() ? tooLong(spelling) : HELD + String.join("; ", blockers) + heldAdvice(spelling);
        return CANCELED.formatted(statementTimeout) + why + (measuring ? NOTHING_CHANGED : "");
    }

    /** The parts of {@link #canceled}, which the SQL script puts together the same way: before who holds locks. */
    static final String HELD = "; these sessions hold locks it waits for: ";

    /** After who holds locks: what to do. */
    static String heldAdvice(Spelling spelling) {
        return waitAdvice(spelling) + ", or raise statement_timeout for the resync's connection or role";
    }

    /** No one holding locks it waits for: the work itself outlasted statement_timeout, and what to do. */
    static String tooLong(Spelling spelling) {
        return ": a resync measures every table in scope in one statement, and sets every sequence in one more."
               + " Raise statement_timeout for the resync's connection or role, or split the run with the options "
               + spelling.of(ResyncOption.SCHEMAS) + " and " + spelling.of(ResyncOption.EXCLUDE);
    }

    /** SQLSTATE transaction_timeout (PostgreSQL 17): the server ended the session, whose transaction ran too long. */
    static final String TRANSACTION_TIMEOUT = "25P04";

    /**
     * The one line a run fails with when the caller's transaction_timeout ended its session. Who held
     * a lock it waited for cannot be read any more: the connection is gone.
     *
     * @param transactionTimeout as PostgreSQL shows it
     * @param lockTimeout        the run's, which bounds each of its lock waits
     * @param measuring          whether it happened before anything was applied
     */
    static String transactionTimedOut(String transactionTimeout, String lockTimeout, boolean measuring,
                                      Spelling spelling) {
        return "the server ended the session after transaction_timeout (" + transactionTimeout + "): a resync reads"
               + " and sets its sequences in one transaction, its lock waits (up to the lock timeout, " + lockTimeout
               + ", each) included. Raise transaction_timeout for the resync's connection or role, or split the run"
               + " with the options " + spelling.of(ResyncOption.SCHEMAS) + " and " + spelling.of(ResyncOption.EXCLUDE)
               + (measuring ? NOTHING_CHANGED : "");
    }

    /** Whether the server canceled a statement: statement_timeout or a cancel request ({@link #canceled}). */
    static boolean canceledByServer(SQLException e) {
        return Measurer.QUERY_CANCELED.equals(e.getSQLState());
    }
}

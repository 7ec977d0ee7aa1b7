package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every sequence's state and every measured column's extreme in one statement, whatever the
 * number of tables: the per-object queries run server-side through {@code query_to_xml}, which
 * executes dynamic SQL inside a single statement (no function to create, works read-only). Only a
 * column read through foreign tables takes a statement of its own (see {@link #measure}).
 */
final class Measurer {

    /** The fast read of a sequence's state before PostgreSQL 18: only once it has been called. */
    private static final String FAST_BEFORE_18 = "(SELECT pg_sequence_last_value(q.seq::regclass) AS lv, true AS called)";

    /** PostgreSQL 18 and later: the whole state, NULL only without the privilege (never asked here). */
    private static final String FAST_SINCE_18 =
            "(SELECT d.last_value AS lv, d.is_called AS called FROM pg_get_sequence_data(q.seq::regclass) AS d)";

    /**
     * How many per-object queries one query_to_xml call runs, joined by UNION ALL. Each object's
     * cost is mostly parsing and planning a query on it; a call per object adds SPI and XML
     * overhead on top (about a quarter of the measurement on 2,000 tables), while past some 20
     * queries a call gains nothing more.
     */
    private static final int BATCH = 20;

    /**
     * Rows of kind 's': the state ({@code last_value}, {@code is_called}) of the i-th sequence;
     * rows of kind 'c': the extreme of the i-th column, MAX or MIN (descending sequences) over the
     * table and, with no ONLY, its partitions and children; none for an empty table. Where an index
     * leads with the column, the query is the one the planner would turn MAX into, {@code ORDER BY
     * .. LIMIT 1} over the non-null values (same order: the column is an integer or numeric), which
     * takes a tenth off the measurement of 2,000 indexed tables.
     * <p>
     * A sequence's state comes from the cheapest function the server has ({FAST}):
     * PostgreSQL 18's {@code pg_get_sequence_data} gives it whole; before 18,
     * {@code pg_sequence_last_value} is NULL until the sequence is first called, and only then is
     * the sequence relation itself read. That read takes no buffer lock, so it can catch a
     * concurrent first {@code nextval} halfway, with last_value 32 ahead of the truth while
     * nextval writes its WAL record; that nextval leaves the sequence called, so the state is read
     * again with pg_sequence_last_value (which does lock) after the relation read, and wins when
     * it is no longer NULL.
     * <p>
     * The relation reads and the extremes are dynamic SQL, run inside this one statement by
     * query_to_xml, {@value #BATCH} queries a call. Its output holds numbers and booleans only
     * ({@code <row><i>..</i><v>..</v></row>}, an element left out when NULL), so plain text
     * functions take the values out (several times cheaper than xpath). A value stays text so
     * that numeric columns keep their digits (a batch's columns of several types are numeric
     * in its UNION ALL, losing none); an extreme that is NULL: the table is empty.
     */
    static final NamedSql MEASURE = new NamedSql("""
            WITH state AS (
                SELECT q.i, q.seq, fast.lv, fast.called
                FROM unnest(${measure_seq}::oid[]) WITH ORDINALITY AS q(seq, i)
                CROSS JOIN LATERAL {FAST} AS fast
            ), pending AS (
                SELECT 's' AS kind, s.i, format('SELECT %s AS i, last_value::text AS v, is_called AS c FROM %s',
                                                s.i, s.seq::regclass) AS sql
                FROM state AS s
                WHERE s.lv IS NULL
                UNION ALL
                SELECT 'c', q.i, CASE
                    -- with an index: what the planner makes of max() then, written out, so that it is
                    -- planned once (max() is planned twice: with the index and without); t.col, not a
                    -- bare name, which ORDER BY would take for an output column ("i", "v")
                    WHEN q.indexed THEN format('(SELECT %1$s AS i, t.%2$I AS v FROM %3$s AS t WHERE t.%2$I IS NOT NULL '
                                               'ORDER BY t.%2$I %4$s LIMIT 1)',
                                               q.i, q.col, q.tbl::regclass, CASE WHEN q.descending THEN 'ASC' ELSE 'DESC' END)
                    -- without: a sort would cost more than max() over the whole table
                    ELSE format('SELECT %s AS i, %s(%I) AS v FROM %s',
                                q.i, CASE WHEN q.descending THEN 'min' ELSE 'max' END, q.col, q.tbl::regclass)
                END
                FROM unnest(${measure_tbl}::oid[], ${measure_col}::text[], ${measure_desc}::bool[], ${measure_indexed}::bool[])
                     WITH ORDINALITY AS q(tbl, col, descending, indexed, i)
            ), batch AS (
                SELECT q.kind, query_to_xml(string_agg(q.sql, ' UNION ALL '), false, false, '')::text AS x
                FROM pending AS q
                GROUP BY q.kind, (q.i - 1) / {BATCH}
            ), parsed AS (
                SELECT b.kind, split_part(split_part(r.line, '<i>', 2), '</i>', 1)::int8 AS i,
                       NULLIF(split_part(split_part(r.line, '<v>', 2), '</v>', 1), '') AS value,
                       NULLIF(split_part(split_part(r.line, '<c>', 2), '</c>', 1), '')::bool AS called
                FROM batch AS b
                CROSS JOIN LATERAL unnest(string_to_array(b.x, '<row>')) WITH ORDINALITY AS r(line, n)
                WHERE r.n > 1
            )
            SELECT 's' AS kind, s.i, s.lv::text AS value, s.called
            FROM state AS s
            WHERE s.lv IS NOT NULL
            UNION ALL
            SELECT r.kind, r.i, coalesce(again.lv::text, r.value), again.lv IS NOT NULL OR r.called
            FROM parsed AS r
            LEFT JOIN state AS s ON r.kind = 's' AND s.i = r.i
            -- the second look, at the sequences read through their relation only; it names r, so it
            -- runs after that read, and a volatile function keeps it one call for the two uses above
            CROSS JOIN LATERAL (SELECT CASE WHEN r.kind = 's' THEN pg_sequence_last_value(s.seq::regclass) END AS lv)
                AS again
            """.replace("{BATCH}", Integer.toString(BATCH)));

    /**
     * A one-row subquery over {@code q.seq}: {@code lv}, the last value, and {@code called}, with the
     * cheapest function the server has; {@code lv} is NULL where it cannot tell.
     */
    static String fastState(boolean sequenceDataFunction) {
        return sequenceDataFunction ? FAST_SINCE_18 : FAST_BEFORE_18;
    }

    /** The measure statement for a server with or without {@code pg_get_sequence_data} (PostgreSQL 18). */
    static NamedSql measure(boolean sequenceDataFunction) {
        return new NamedSql(MEASURE.text().replace("{FAST}", fastState(sequenceDataFunction)));
    }

    /** Identifies one scan: a table's column, measured for ascending or descending sequences. */
    record ColumnKey(long table, String column, boolean descending) {
        static ColumnKey of(DiscoveredColumn c, DiscoveredSequence s) {
            return new ColumnKey(c.tableOid(), c.column(), s.descending());
        }
    }

    /**
     * States by sequence oid; extremes by column, as PostgreSQL prints them (a missing key: empty
     * table); and the columns whose read failed on another server, with the server's message.
     */
    record Measurements(Map<Long, SequenceState> states, Map<ColumnKey, String> extremes,
                        Map<ColumnKey, String> remoteFailures) {

        /** None yet: {@link #measure} adds to them, one chunk of sequences at a time. */
        static Measurements empty() {
            return new Measurements(new HashMap<>(), new HashMap<>(), new HashMap<>());
        }
    }

    /** SQLSTATE query_canceled: a cancel request, or statement_timeout. */
    static final String QUERY_CANCELED = "57014";

    /**
     * The failures of a read through a foreign table that are the run's, not the column's: a lock
     * not granted in time or a deadlock (the run names who blocked it), a full lock table (the run
     * splits itself), a cancel or statement timeout. Any other failure stays with the column.
     */
    static final List<String> PASSED_ON = List.of(Locks.LOCK_NOT_AVAILABLE, Locks.DEADLOCK_DETECTED,
            LockTableChunks.OUT_OF_SHARED_MEMORY, QUERY_CANCELED);

    private Measurer() {
    }

    /**
     * Measures {@code sequences} in one statement and adds what it read to {@code into}; nothing when
     * the statement fails. A column read through foreign tables is measured in a statement of its own
     * after it, under a savepoint: another server may be down, refuse the role, or lack a file, and that
     * is the column's problem (its sequence is left alone), not the run's.
     *
     * @param sequenceDataFunction whether the server has {@code pg_get_sequence_data} (PostgreSQL 18)
     */
    static void measure(Connection connection, List<ScopedSequence> sequences, boolean sequenceDataFunction,
                        Measurements into) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        Map<ColumnKey, Boolean> local = new LinkedHashMap<>();
        Map<ColumnKey, Boolean> remote = new LinkedHashMap<>();
        for (ScopedSequence s : sequences) {
            if (!s.readable()) {
                continue;
            }
            seqs.add(s.sequence().oid());
            for (DiscoveredColumn c : s.measured()) {
                (c.remote() == null ? local : remote).putIfAbsent(ColumnKey.of(c, s.sequence()), c.indexed());
            }
        }
        if (seqs.isEmpty()) {
            return;
        }
        // filled while the results are read, added only once every statement succeeded
        Measurements read = Measurements.empty();
        run(connection, seqs, local, sequenceDataFunction, read);
        for (Map.Entry<ColumnKey, Boolean> column : remote.entrySet()) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                run(connection, List.of(), Map.of(column.getKey(), column.getValue()), sequenceDataFunction, read);
            } catch (SQLException e) {
                if (PASSED_ON.contains(e.getSQLState())) {
                    throw e;
                }
                try {
                    connection.rollback(savepoint);
                } catch (SQLException broken) {
                    // a connection that cannot go back to the savepoint is broken: that is the run's failure
                    e.addSuppressed(broken);
                    throw e;
                }
                read.remoteFailures().put(column.getKey(), serverMessage(e));
            }
            connection.releaseSavepoint(savepoint);
        }
        into.states().putAll(read.states());
        into.extremes().putAll(read.extremes());
        into.remoteFailures().putAll(read.remoteFailures());
    }

    /** The measure statement over these sequences' states and these columns (each with whether it is indexed). */
    private static void run(Connection connection, List<Long> seqs, Map<ColumnKey, Boolean> columns,
                            boolean sequenceDataFunction, Measurements into) throws SQLException {
        List<ColumnKey> keys = new ArrayList<>(columns.keySet());
        Map<String, Object> values = new HashMap<>();
        values.put("measure_seq", connection.createArrayOf("oid", seqs.toArray()));
        values.put("measure_tbl", connection.createArrayOf("oid", keys.stream().map(ColumnKey::table).toArray()));
        values.put("measure_col", connection.createArrayOf("text", keys.stream().map(ColumnKey::column).toArray()));
        values.put("measure_desc", connection.createArrayOf("bool", keys.stream().map(ColumnKey::descending).toArray()));
        values.put("measure_indexed", connection.createArrayOf("bool", keys.stream().map(columns::get).toArray()));
        try (PreparedStatement ps = measure(sequenceDataFunction).prepare(connection, "", values);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int i = rs.getInt("i") - 1;
                String value = rs.getString("value");
                if (rs.getString("kind").equals("s")) {
                    into.states().put(seqs.get(i), new SequenceState(Long.parseLong(value), rs.getBoolean("called")));
                } else if (value != null) {
                    into.extremes().put(keys.get(i), value);
                }
            }
        }
    }

    /** The server's own message (PL/pgSQL's SQLERRM): the first line, without pgjdbc's "ERROR: ". */
    static String serverMessage(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return message.startsWith("ERROR: ") ? message.substring("ERROR: ".length()) : message;
    }
}

package io.github.sequenceresync;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every sequence's state and every measured column's extreme in one statement, whatever the
 * number of tables: the per-object queries run server-side through {@code query_to_xml}, which
 * executes dynamic SQL inside a single statement (no function to create, works read-only).
 */
final class Measurer {

    /**
     * {@code last_value} and {@code is_called} of the sequence {@code q.seq}, as {@code l} and
     * {@code c}. The {FAST} read is a plain function call: PostgreSQL 18's
     * {@code pg_get_sequence_data} gives both, older servers' {@code pg_sequence_last_value} is NULL
     * while the sequence has not been called (and {@code pg_sequences} with it). Only when it is
     * NULL is the sequence relation itself read, through query_to_xml: some 25 us a sequence,
     * ten times the function call, which is why a fresh load (no sequence called yet) costs more
     * before PostgreSQL 18.
     */
    private static final String STATE_OF = """
            (SELECT coalesce(fast.lv, NULLIF(split_part(split_part(r.x, '<l>', 2), '</l>', 1), '')::int8) AS l,
                    CASE WHEN fast.lv IS NOT NULL THEN fast.called
                         ELSE NULLIF(split_part(split_part(r.x, '<c>', 2), '</c>', 1), '')::bool END AS c
             FROM {FAST} AS fast
             CROSS JOIN LATERAL (
                 SELECT CASE WHEN fast.lv IS NULL
                             THEN query_to_xml(format('SELECT last_value AS l, is_called AS c FROM %s', q.seq::regclass),
                                               false, true, '')::text END AS x) AS r)
            """;

    /** The fast read of a sequence's state before PostgreSQL 18: only once it has been called. */
    private static final String FAST_BEFORE_18 = "(SELECT pg_sequence_last_value(q.seq::regclass) AS lv, true AS called)";

    /** PostgreSQL 18 and later: the whole state, NULL only without the privilege (never asked here). */
    private static final String FAST_SINCE_18 =
            "(SELECT d.last_value AS lv, d.is_called AS called FROM pg_get_sequence_data(q.seq::regclass) AS d)";

    /**
     * Kind 's' rows: state of the i-th sequence; kind 'c' rows: extreme of the i-th column, MAX or
     * MIN (descending sequences) over the table and, with no ONLY, its partitions and children.
     * query_to_xml prints one {@code <row>} whose elements hold numbers and booleans only, so plain
     * text functions take the value out (several times cheaper than xpath). The value stays text so
     * numeric columns keep their digits; NULL: the table is empty.
     */
    private static final String MEASURE = """
            SELECT 's' AS kind, q.i, st.l::text AS value, st.c AS called
            FROM unnest(?::oid[]) WITH ORDINALITY AS q(seq, i)
            CROSS JOIN LATERAL {STATE} AS st
            UNION ALL
            SELECT 'c', q.i,
                   NULLIF(split_part(split_part(
                       query_to_xml(format('SELECT %s(%I)::text AS v FROM %s',
                                           CASE WHEN q.descending THEN 'min' ELSE 'max' END,
                                           q.col, q.tbl::regclass),
                                    false, true, '')::text,
                       '<v>', 2), '</v>', 1), ''),
                   NULL
            FROM unnest(?::oid[], ?::text[], ?::bool[]) WITH ORDINALITY AS q(tbl, col, descending, i)
            """.replace("{STATE}", STATE_OF.strip());

    /**
     * A one-row subquery over {@code q.seq}: {@code lv}, the last value, and {@code called}, with the
     * cheapest function the server has; {@code lv} is NULL where it cannot tell.
     */
    static String fastState(boolean sequenceDataFunction) {
        return sequenceDataFunction ? FAST_SINCE_18 : FAST_BEFORE_18;
    }

    /** Identifies one scan: a table's column, measured for ascending or descending sequences. */
    record ColumnKey(long table, String column, boolean descending) {
        static ColumnKey of(DiscoveredColumn c, DiscoveredSequence s) {
            return new ColumnKey(c.tableOid(), c.column(), s.descending());
        }
    }

    /** States by sequence oid; extremes by column (a missing key: empty table). */
    record Measurements(Map<Long, SequenceState> states, Map<ColumnKey, BigInteger> extremes) {
    }

    private Measurer() {
    }

    /**
     * @param sequenceDataFunction whether the server has {@code pg_get_sequence_data} (PostgreSQL 18)
     */
    static Measurements measure(Connection connection, List<ScopedSequence> sequences, boolean sequenceDataFunction)
            throws SQLException {
        List<Long> seqs = new ArrayList<>();
        Map<ColumnKey, Integer> index = new LinkedHashMap<>();
        for (ScopedSequence s : sequences) {
            if (!s.readable()) {
                continue;
            }
            seqs.add(s.sequence().oid());
            for (DiscoveredColumn c : s.measured()) {
                index.putIfAbsent(ColumnKey.of(c, s.sequence()), index.size());
            }
        }
        List<ColumnKey> keys = new ArrayList<>(index.keySet());
        Map<Long, SequenceState> states = new HashMap<>();
        Map<ColumnKey, BigInteger> extremes = new HashMap<>();
        if (seqs.isEmpty()) {
            return new Measurements(states, extremes);
        }
        try (PreparedStatement ps = connection.prepareStatement(MEASURE.replace("{FAST}", fastState(sequenceDataFunction)))) {
            ps.setArray(1, connection.createArrayOf("oid", seqs.toArray()));
            ps.setArray(2, connection.createArrayOf("oid", keys.stream().map(ColumnKey::table).toArray()));
            ps.setArray(3, connection.createArrayOf("text", keys.stream().map(ColumnKey::column).toArray()));
            ps.setArray(4, connection.createArrayOf("bool", keys.stream().map(ColumnKey::descending).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int i = rs.getInt("i") - 1;
                    String value = rs.getString("value");
                    if (rs.getString("kind").equals("s")) {
                        states.put(seqs.get(i), new SequenceState(Long.parseLong(value), rs.getBoolean("called")));
                    } else if (value != null) {
                        ColumnKey key = keys.get(i);
                        extremes.put(key, integral(new BigDecimal(value), key.descending()));
                    }
                }
            }
        }
        return new Measurements(states, extremes);
    }

    /** A numeric column may hold fractions: round away from the sequence's values already used. */
    private static BigInteger integral(BigDecimal value, boolean descending) {
        return value.setScale(0, descending ? RoundingMode.FLOOR : RoundingMode.CEILING).toBigIntegerExact();
    }
}

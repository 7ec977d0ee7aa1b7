package io.github.sequenceresync;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Takes the optional table locks and applies a plan, each in one statement. */
final class Applier {

    /**
     * Sets every planned sequence in one statement. Forward mode looks at each sequence again right
     * before its setval and skips it when concurrent nextval() calls have carried it to or past the
     * target since it was measured, so that the resync itself never moves a sequence backwards.
     * The look is a plain function call ({FAST}, as in {@link Measurer}): before PostgreSQL 18 it
     * sees nothing of a sequence not yet called, which is then taken as unchanged since measured.
     * Exact mode sets unconditionally: its caller asked for that. setval is not transactional: each
     * value set here stays set even if the surrounding transaction rolls back, and each is a
     * correct value. A sequence set here is left called wherever its bounds allow (see
     * {@link Change}), so that this look, in a resync running at the same time, sees it.
     */
    private static final String APPLY = """
            SELECT q.i,
                   CASE WHEN ?::bool
                          OR (cur.next IS NULL AND NOT q.was_called)
                          OR (cur.next IS NOT NULL AND CASE WHEN q.inc > 0 THEN cur.next < q.target
                                                            ELSE cur.next > q.target END)
                        THEN setval(q.seq::regclass, q.last, q.called) END AS set_to,
                   cur.next::text AS next_now
            FROM unnest(?::oid[], ?::int8[], ?::int8[], ?::bool[], ?::int8[], ?::bool[])
                 WITH ORDINALITY AS q(seq, target, inc, was_called, last, called, i)
            CROSS JOIN LATERAL (SELECT CASE WHEN fast.called THEN fast.lv::numeric + q.inc ELSE fast.lv END AS next
                                FROM {FAST} AS fast) AS cur
            """;

    /**
     * Locks the tables in SHARE mode (blocks INSERT, UPDATE, DELETE; reads go on) in one statement,
     * in oid order, within the run's lock timeout (see {@link RunSettings}). A DO block cannot take
     * parameters, so the oids are written into it as numbers; table names come from regclass, which
     * quotes them.
     */
    private static final String LOCK = """
            DO $resync$
            BEGIN
                EXECUTE 'LOCK TABLE '
                        || (SELECT string_agg(t::regclass::text, ', ' ORDER BY t) FROM unnest('{OIDS}'::oid[]) AS t)
                        || ' IN SHARE MODE';
            END
            $resync$
            """;

    /**
     * One sequence to set: its oid, the value nextval() should return next, its increment, whether
     * it had been called when it was measured, and the setval that gives that next value.
     *
     * @param last   setval's value: {@code target - increment} when {@code called}, else {@code target}
     * @param called setval's is_called: true wherever {@code target - increment} lies within the
     *               sequence's bounds (not when the target is the sequence's first value). Left called,
     *               a sequence's state is visible to {@code pg_sequence_last_value}, the only cheap
     *               look before PostgreSQL 18, so a resync running at the same time sees this one's
     *               value and does not set it back to a lower target of its own
     */
    record Change(long sequence, long target, long increment, boolean wasCalled, long last, boolean called) {

        static Change of(DiscoveredSequence s, long target, boolean wasCalled) {
            // in numeric: target - increment may overflow a long where it is out of bounds anyway
            BigInteger last = BigInteger.valueOf(target).subtract(BigInteger.valueOf(s.increment()));
            boolean called = last.compareTo(BigInteger.valueOf(s.min())) >= 0
                             && last.compareTo(BigInteger.valueOf(s.max())) <= 0;
            return new Change(s.oid(), target, s.increment(), wasCalled, called ? last.longValueExact() : target, called);
        }
    }

    /**
     * What the database did.
     *
     * @param applied  whether setval ran
     * @param nextNow  when not applied: the sequence's next value, as read in the same statement
     */
    record Outcome(boolean applied, String nextNow) {
    }

    private Applier() {
    }

    static void lock(Connection connection, Collection<Long> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        String oids = tables.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        String sql = LOCK.replace("{OIDS}", oids);
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    static Map<Long, Outcome> apply(Connection connection, List<Change> changes, boolean exact,
                                    boolean sequenceDataFunction) throws SQLException {
        Map<Long, Outcome> outcomes = new HashMap<>();
        if (changes.isEmpty()) {
            return outcomes;
        }
        try (PreparedStatement ps = connection.prepareStatement(APPLY.replace("{FAST}", Measurer.fastState(sequenceDataFunction)))) {
            ps.setBoolean(1, exact);
            ps.setArray(2, connection.createArrayOf("oid", changes.stream().map(Change::sequence).toArray()));
            ps.setArray(3, connection.createArrayOf("int8", changes.stream().map(Change::target).toArray()));
            ps.setArray(4, connection.createArrayOf("int8", changes.stream().map(Change::increment).toArray()));
            ps.setArray(5, connection.createArrayOf("bool", changes.stream().map(Change::wasCalled).toArray()));
            ps.setArray(6, connection.createArrayOf("int8", changes.stream().map(Change::last).toArray()));
            ps.setArray(7, connection.createArrayOf("bool", changes.stream().map(Change::called).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Change c = changes.get(rs.getInt("i") - 1);
                    rs.getLong("set_to");
                    boolean applied = !rs.wasNull();
                    outcomes.put(c.sequence(), new Outcome(applied, rs.getString("next_now")));
                }
            }
        }
        return outcomes;
    }
}

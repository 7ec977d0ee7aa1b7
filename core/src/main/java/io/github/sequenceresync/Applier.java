package io.github.sequenceresync;

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

/** Locks the tables to measure and applies a plan, each in one statement. */
final class Applier {

    /**
     * Sets every planned sequence in one statement; the SQL script runs it too. Forward mode looks at
     * each sequence again right before its setval and skips it when concurrent nextval() calls have
     * carried it to or past the target since it was measured, so that the resync itself never moves
     * a sequence backwards. The look is a plain function call ({FAST}, as in {@link Measurer}):
     * before PostgreSQL 18 it sees nothing of a sequence not yet called, which is then taken as
     * unchanged since measured. Exact mode sets unconditionally: its caller asked for that. setval
     * is not transactional: each value set here stays set even if the surrounding transaction rolls
     * back, and each is a correct value.
     * <p>
     * A sequence is set called one step before its target ({@code setval(s, target - increment,
     * true)}) wherever that step lies within its bounds, else not called at the target (its first
     * value). Left called, its state is visible to {@code pg_sequence_last_value}, the only cheap
     * look before PostgreSQL 18, so that this look, in a resync running at the same time, sees it and
     * does not set it back to a lower target of its own. The step is computed in numeric: out of
     * bounds it may lie outside int8.
     */
    static final NamedSql APPLY = new NamedSql("""
            SELECT q.i,
                   CASE WHEN ${exact}::bool
                          OR (cur.next IS NULL AND NOT q.was_called)
                          OR (cur.next IS NOT NULL AND CASE WHEN q.inc > 0 THEN cur.next < q.target
                                                            ELSE cur.next > q.target END)
                        THEN setval(q.seq::regclass, CASE WHEN s.called THEN s.before::int8 ELSE q.target END, s.called)
                   END AS set_to,
                   cur.next::text AS next_now
            FROM unnest(${apply_seq}::oid[], ${apply_target}::int8[], ${apply_inc}::int8[], ${apply_min}::int8[],
                        ${apply_max}::int8[], ${apply_was_called}::bool[])
                 WITH ORDINALITY AS q(seq, target, inc, min, max, was_called, i)
            CROSS JOIN LATERAL (SELECT q.target::numeric - q.inc AS before,
                                       q.target::numeric - q.inc BETWEEN q.min AND q.max AS called) AS s
            CROSS JOIN LATERAL (SELECT CASE WHEN fast.called THEN fast.lv::numeric + q.inc ELSE fast.lv END AS next
                                FROM {FAST} AS fast) AS cur
            """);

    /**
     * The lock a run takes on the tables it measures, in a statement of its own before it measures
     * them: a statement that waits for a lock goes on with the snapshot it took before the wait, so the
     * rows that the holder (a migration, a TRUNCATE and reload) committed meanwhile would go unseen,
     * and a table it rewrote or truncated would look empty (PostgreSQL's MVCC caveats); the
     * measurement that follows takes its snapshot once every lock is held.
     */
    enum TableLock {
        /**
         * lockTables: blocks INSERT, UPDATE and DELETE until the transaction ends; reads go on. LOCK
         * TABLE permits this mode with UPDATE, DELETE or TRUNCATE (or, from PostgreSQL 17, MAINTAIN);
         * a table the role holds none of these on fails the run before anything is locked
         * ({@link #refused}).
         */
        SHARE("SHARE", "CASE WHEN pg_catalog.current_setting('server_version_num')::int >= 170000"
                       + " THEN pg_catalog.has_table_privilege(t, 'UPDATE, DELETE, TRUNCATE, MAINTAIN')"
                       + " ELSE pg_catalog.has_table_privilege(t, 'UPDATE, DELETE, TRUNCATE') END", false),
        /**
         * Otherwise: the lock the measurement takes anyway. LOCK TABLE asks for a table privilege (any
         * of SELECT, INSERT, UPDATE, DELETE, TRUNCATE permits this mode); a table the role reads by
         * column privileges only gets the same lock from a query ({@link #BY_COLUMN_PRIVILEGES}).
         */
        ACCESS_SHARE("ACCESS SHARE",
                "pg_catalog.has_table_privilege(t, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')", true);

        /** As LOCK TABLE writes it. */
        final String sql;
        private final String privileged;
        /**
         * Whether a query takes this mode too, as it reads a table: then a table LOCK TABLE refuses is
         * read instead ({@link #byColumnPrivileges}); otherwise it fails the run ({@link #refused}).
         */
        private final boolean takenByReading;

        TableLock(String sql, String privileged, boolean takenByReading) {
            this.sql = sql;
            this.privileged = privileged;
            this.takenByReading = takenByReading;
        }

        /** The tables of {@code oids} (an oid[] expression) this mode locks, as LOCK TABLE lists them. */
        String lockable(String oids) {
            return LOCKABLE.replace("{PRIVILEGED}", privileged).replace("{OIDS}", oids);
        }

        /**
         * PL/pgSQL that fails the run, naming them, when the role may not lock some tables of
         * {@code oids} in this mode (nothing in ACCESS SHARE mode, where {@link #byColumnPrivileges}
         * reads those it may read), rather than with PostgreSQL's "permission denied for table t".
         *
         * @param variable a text variable of the block, which it overwrites
         */
        String refused(String oids, String variable) {
            return takenByReading ? ""
                    : REFUSED.replace("{PRIVILEGED}", privileged).replace("{OIDS}", oids).replace("{VAR}", variable);
        }

        /**
         * PL/pgSQL that takes this mode on the tables of {@code oids} that the role reads by column
         * privileges only (nothing in SHARE mode), after {@link #lockable}'s LOCK TABLE.
         *
         * @param variable a text variable of the block, which it overwrites
         */
        String byColumnPrivileges(String oids, String variable) {
            return !takenByReading ? ""
                    : BY_COLUMN_PRIVILEGES.replace("{OIDS}", oids).replace("{VAR}", variable);
        }
    }

    /**
     * The tables to lock ({OIDS}, an oid[] expression), as LOCK TABLE lists them, in oid order (table
     * names come from regclass, which quotes them); NULL when none is left. Foreign tables are left
     * out: PostgreSQL cannot lock them, and their rows are written on their own server anyway (a
     * partitioned table locks its local partitions and passes over its foreign ones). {PRIVILEGED}:
     * which tables the mode can lock ({@link TableLock}). The SQL script locks the same lists.
     */
    private static final String LOCKABLE = """
            (SELECT pg_catalog.string_agg(t::regclass::text, ', ' ORDER BY t)
             FROM pg_catalog.unnest({OIDS}) AS t JOIN pg_catalog.pg_class AS c ON c.oid = t
             WHERE c.relkind <> 'f' AND {PRIVILEGED})""";

    /**
     * ACCESS SHARE on the tables of {OIDS} (an oid[] expression) that the role reads by column
     * privileges only, which LOCK TABLE refuses: a query that names none of their columns takes that
     * lock as it is planned, with any column's SELECT privilege, and reads no row (LIMIT 0 rather
     * than WHERE false, which would leave a partitioned table's partitions unlocked). One table at a
     * time, in oid order; {VAR}: a text variable.
     */
    private static final String BY_COLUMN_PRIVILEGES = """
            FOR {VAR} IN SELECT t::regclass::text
                         FROM pg_catalog.unnest({OIDS}) AS t JOIN pg_catalog.pg_class AS c ON c.oid = t
                         WHERE c.relkind <> 'f'
                           AND NOT pg_catalog.has_table_privilege(t, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE')
                           AND pg_catalog.has_any_column_privilege(t, 'SELECT')
                         ORDER BY t LOOP
                EXECUTE 'SELECT FROM ' || {VAR} || ' LIMIT 0';
            END LOOP;""";

    /** See {@link TableLock#refused}; {PRIVILEGED}, {OIDS}, {VAR} as in {@link #LOCKABLE} and {@link #BY_COLUMN_PRIVILEGES}. */
    private static final String REFUSED = """
            {VAR} := (SELECT pg_catalog.string_agg(t::regclass::text, ', ' ORDER BY t)
                      FROM pg_catalog.unnest({OIDS}) AS t JOIN pg_catalog.pg_class AS c ON c.oid = t
                      WHERE c.relkind <> 'f' AND NOT ({PRIVILEGED}));
            IF {VAR} IS NOT NULL THEN
                RAISE EXCEPTION 'lockTables: this role may not lock % in SHARE mode, which needs the UPDATE, DELETE'
                    ' or TRUNCATE privilege on each table (or MAINTAIN, from PostgreSQL 17): grant one, or run'
                    ' without lockTables', {VAR} USING ERRCODE = 'insufficient_privilege';
            END IF;""";

    /**
     * Locks the tables in one statement, in oid order, within the run's lock timeout (see
     * {@link RunSettings}). A DO block cannot take parameters, so the oids are written into it as
     * numbers.
     */
    private static final String LOCK = """
            DO $resync$
            DECLARE
                v_tables text;
            BEGIN
            {REFUSED}
                v_tables := {LOCKABLE};
                IF v_tables IS NOT NULL THEN
                    EXECUTE 'LOCK TABLE ' || v_tables || ' IN {MODE} MODE';
                END IF;
            {BY_COLUMN_PRIVILEGES}
            END
            $resync$
            """;

    /**
     * One sequence to set: its oid, the value nextval() should return next, its increment and bounds,
     * and whether it had been called when it was measured.
     */
    record Change(long sequence, long target, long increment, long min, long max, boolean wasCalled) {

        static Change of(DiscoveredSequence s, long target, boolean wasCalled) {
            return new Change(s.oid(), target, s.increment(), s.min(), s.max(), wasCalled);
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

    static void lock(Connection connection, Collection<Long> tables, TableLock mode) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        String oids = tables.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        String array = "'" + oids + "'::oid[]";
        String sql = LOCK.replace("{MODE}", mode.sql).replace("{LOCKABLE}", mode.lockable(array))
                .replace("{REFUSED}", mode.refused(array, "v_tables").indent(4))
                .replace("{BY_COLUMN_PRIVILEGES}", mode.byColumnPrivileges(array, "v_tables").indent(4));
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
        Map<String, Object> values = new HashMap<>();
        values.put("exact", exact);
        values.put("apply_seq", connection.createArrayOf("oid", changes.stream().map(Change::sequence).toArray()));
        values.put("apply_target", connection.createArrayOf("int8", changes.stream().map(Change::target).toArray()));
        values.put("apply_inc", connection.createArrayOf("int8", changes.stream().map(Change::increment).toArray()));
        values.put("apply_min", connection.createArrayOf("int8", changes.stream().map(Change::min).toArray()));
        values.put("apply_max", connection.createArrayOf("int8", changes.stream().map(Change::max).toArray()));
        values.put("apply_was_called", connection.createArrayOf("bool", changes.stream().map(Change::wasCalled).toArray()));
        try (PreparedStatement ps = apply(sequenceDataFunction).prepare(connection, "", values);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Change c = changes.get(rs.getInt("i") - 1);
                rs.getLong("set_to");
                boolean applied = !rs.wasNull();
                outcomes.put(c.sequence(), new Outcome(applied, rs.getString("next_now")));
            }
        }
        return outcomes;
    }

    /** The apply statement for a server with or without {@code pg_get_sequence_data} (PostgreSQL 18). */
    static NamedSql apply(boolean sequenceDataFunction) {
        return new NamedSql(APPLY.text().replace("{FAST}", Measurer.fastState(sequenceDataFunction)));
    }
}

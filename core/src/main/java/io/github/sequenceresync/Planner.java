package io.github.sequenceresync;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what to do with each sequence, in one statement for any number of them: the rules are
 * written once, in SQL, and the SQL script runs the very same statement over its own variables
 * (the Java rules in the tests' {@code PlannerOracle} check it over generated cases).
 *
 * <p>The target is the value {@code nextval()} should return next: the extreme of its columns plus
 * its increment (MAX for ascending, MIN for descending sequences), or plus a column's own step
 * (Hibernate's optimizers); on a cutover, the source's next value where that lies further. In
 * {@link Mode#FORWARD} a sequence only moves towards its direction and empty tables leave it alone;
 * in {@link Mode#EXACT} it moves to the target either way, and to START when every column is
 * empty. Any value outside MINVALUE..MAXVALUE or outside a column's type becomes a problem, and a
 * problem means: leave the sequence alone. A numeric column's fraction is rounded here, away from
 * the values the sequence gave; the types' ranges live here alone.
 */
final class Planner {

    /**
     * One row per sequence: its action, next value before and after, the problems and warnings
     * planning found (after those found before it; the capacity warning from {@code warn_at} percent
     * used), and its capacity figures ({@link Capacity}: NULL where the state could not be read, the
     * columns' as arrays). Inputs are parallel arrays: one element per
     * sequence ({@code seq_}), one per measured column ({@code col_}, {@code col_seq} the 1-based
     * number of its sequence); {@code seq_last} is NULL where the state could not be read,
     * {@code seq_blocked} whether problems were found before planning,
     * {@code seq_source_last} and {@code seq_source_called} a cutover source's stored state (NULL: none).
     * <p>
     * Values are numeric: a sequence's next value may lie past int8 before it is found out of
     * bounds. A numeric column's extreme may be NaN (above every number in PostgreSQL's order) or,
     * from PostgreSQL 14, an infinity, which no sequence passes; the tie-break by step keeps the
     * furthest of several of those, as if they were numbers.
     */
    static final NamedSql PLAN = new NamedSql(Message.inSql("""
            WITH seq AS (
                SELECT q.i, q.name, q.start::numeric AS start, q.inc::numeric AS inc, q.min::numeric AS min,
                       q.max::numeric AS max, q.cycle, q.last::numeric AS last, q.called, q.updatable, q.used,
                       q.blocked AS blocked_before, q.source_last::numeric AS source_last, q.source_called,
                       q.inc > 0 AS up
                FROM unnest(${seq_name}::text[], ${seq_start}::int8[], ${seq_inc}::int8[], ${seq_min}::int8[],
                            ${seq_max}::int8[], ${seq_cycle}::bool[], ${seq_last}::int8[], ${seq_called}::bool[],
                            ${seq_updatable}::bool[], ${seq_used}::bool[], ${seq_blocked}::bool[],
                            ${seq_source_last}::int8[], ${seq_source_called}::bool[])
                     WITH ORDINALITY AS q(name, start, inc, min, max, cycle, last, called, updatable, used, blocked,
                                          source_last, source_called, i)
            ), col AS (
                -- a numeric column's extreme rounded away from the values the sequence gave; how far
                -- past it the next value lies, in the sequence's direction; the range of its type
                SELECT c.n, c.seq, c.name, c.type, s.up,
                       CASE WHEN s.up THEN ceil(c.extreme::numeric) ELSE floor(c.extreme::numeric) END AS extreme,
                       CASE WHEN c.step = 0 THEN s.inc WHEN s.up THEN c.step ELSE -c.step END AS step,
                       r.type_max, -r.type_max - 1 AS type_min
                FROM unnest(${col_seq}::int8[], ${col_name}::text[], ${col_type}::text[], ${col_base}::text[],
                            ${col_extreme}::text[], ${col_step}::int8[])
                     WITH ORDINALITY AS c(seq, name, type, base, extreme, step, n)
                CROSS JOIN LATERAL (SELECT CASE c.base WHEN 'smallint' THEN 32767 WHEN 'integer' THEN 2147483647
                                                       ELSE 9223372036854775807 END::numeric AS type_max) AS r
                JOIN seq AS s ON s.i = c.seq
            ), top AS (
                -- the column whose values ask for the furthest next value (the first of equals); a
                -- sequence with measured columns only empty ones has one with a NULL extreme
                SELECT DISTINCT ON (c.seq) c.seq, c.name, c.extreme, c.extreme + c.step AS candidate
                FROM col AS c
                ORDER BY c.seq,
                         c.extreme IS NULL,
                         -- NaN lies above everything, so it is never the furthest down
                         NOT c.up AND c.extreme::text = 'NaN',
                         CASE WHEN c.up THEN c.extreme + c.step ELSE -(c.extreme + c.step) END DESC,
                         CASE WHEN c.extreme::text IN ('NaN', 'Infinity', '-Infinity') THEN abs(c.step) END DESC NULLS LAST,
                         c.n
            ), pos AS MATERIALIZED (
                -- where each sequence stands, and on a cutover where the source's of the same definition
                -- stands: the next value a state (last value, called) gives; past a bound a CYCLE sequence
                -- wraps, any other is exhausted. An exhausted source has no value to carry over: a problem
                SELECT s.*, t.name AS top_name, t.extreme AS top_value, t.candidate,
                       t.seq IS NOT NULL AS measured, w.exhausted, w.next,
                       CASE WHEN NOT ws.exhausted THEN ws.next END AS source,
                       coalesce(ws.exhausted, false) AS source_exhausted,
                       s.blocked_before OR coalesce(ws.exhausted, false) AS blocked,
                       CASE WHEN s.up THEN 'above MAXVALUE ' || s.max ELSE 'below MINVALUE ' || s.min END AS beyond,
                       CASE WHEN s.up THEN 'MAXVALUE ' || s.max ELSE 'MINVALUE ' || s.min END AS bound
                FROM seq AS s
                {POSITION(s.last, s.called) AS w}
                {POSITION(s.source_last, s.source_called) AS ws}
                LEFT JOIN top AS t ON t.seq = s.i
            ), aim AS MATERIALIZED (
                -- what the data asks for, or why it cannot be had; then the target (forward or exact)
                SELECT p.*, d.data_problem, d.from_data, o.from_source,
                       CASE WHEN o.from_source THEN p.source WHEN d.from_data IS NOT NULL THEN d.from_data
                            WHEN ${exact}::bool THEN p.start END AS target,
                       CASE WHEN p.last IS NULL OR p.exhausted THEN NULL ELSE p.next END AS stays
                FROM pos AS p
                CROSS JOIN LATERAL (SELECT
                    CASE WHEN p.top_value IS NULL THEN NULL
                         WHEN CASE WHEN p.up THEN p.top_value > p.max ELSE p.top_value < p.min END
                             THEN format({Message.VALUE_OUT_OF_BOUNDS}, p.top_name, p.top_value, p.beyond)
                         WHEN CASE WHEN p.up THEN p.candidate > p.max ELSE p.candidate < p.min END
                             THEN format({Message.NEXT_OUT_OF_BOUNDS}, p.top_name, p.top_value, p.candidate, p.beyond,
                                         CASE WHEN p.cycle
                                              THEN format({Message.WOULD_WRAP}, CASE WHEN p.up THEN p.min ELSE p.max END)
                                              ELSE format({Message.WOULD_EXHAUST}) END)
                    END AS data_problem,
                    -- every value before the sequence's range: nothing to collide with
                    CASE WHEN p.candidate BETWEEN p.min AND p.max THEN p.candidate END AS from_data) AS d
                -- a cutover's source: its next value where that lies further, so that no id it handed
                -- out (whose row it may have deleted since) is handed out again
                CROSS JOIN LATERAL (SELECT p.source IS NOT NULL AND NOT p.blocked AND d.data_problem IS NULL
                                           AND (d.from_data IS NULL OR CASE WHEN p.up THEN p.source > d.from_data
                                                                            ELSE p.source < d.from_data END)
                                           AS from_source) AS o
            ), decided AS MATERIALIZED (
                SELECT a.*, x.action, x.after, x.problem, x.warning
                FROM aim AS a
                CROSS JOIN LATERAL (
                    SELECT CASE
                               WHEN a.last IS NULL THEN CASE WHEN a.blocked THEN 'problem' ELSE 'skipped' END
                               -- nothing measured: left alone, and said why
                               WHEN NOT a.measured AND a.source IS NULL
                                   THEN CASE WHEN a.blocked OR (a.exhausted AND a.used) THEN 'problem' ELSE 'skipped' END
                               WHEN a.blocked OR a.data_problem IS NOT NULL THEN 'problem'
                               WHEN a.exhausted THEN CASE WHEN ${exact}::bool THEN 'reset' ELSE 'problem' END
                               WHEN a.target IS NULL OR a.target = a.next THEN 'unchanged'
                               WHEN CASE WHEN a.up THEN a.target > a.next ELSE a.target < a.next END THEN 'advance'
                               WHEN ${exact}::bool THEN 'reset'
                               ELSE 'unchanged'
                           END AS action) AS k
                CROSS JOIN LATERAL (
                    SELECT k.action,
                           CASE WHEN a.last IS NULL THEN NULL
                                WHEN k.action IN ('advance', 'reset') THEN a.target
                                ELSE a.stays END AS after,
                           CASE WHEN a.last IS NULL THEN NULL
                                WHEN NOT a.measured AND a.source IS NULL
                                    THEN CASE WHEN a.exhausted AND a.used THEN format({Message.EXHAUSTED}, a.last, a.bound) END
                                WHEN a.data_problem IS NOT NULL THEN a.data_problem
                                WHEN a.exhausted AND NOT a.blocked AND NOT ${exact}::bool
                                    THEN format({Message.EXHAUSTED}, a.last, a.bound)
                           END AS problem,
                           CASE WHEN a.last IS NOT NULL AND NOT a.measured AND a.source IS NULL AND a.used
                                     AND k.action = 'skipped' THEN format({Message.NOTHING_TO_MEASURE})
                                WHEN a.from_source AND k.action IN ('advance', 'reset')
                                    THEN CASE WHEN a.from_data IS NULL THEN format({Message.FROM_SOURCE_ONLY}, a.target)
                                              ELSE format({Message.FROM_SOURCE}, a.target, a.from_data) END
                           END AS warning) AS x
            ), narrow AS (
                -- the columns whose type cannot hold the next value
                SELECT c.seq, array_agg(format({Message.TYPE_TOO_NARROW}, c.name, c.type, d.after) ORDER BY c.n) AS problems
                FROM col AS c
                JOIN decided AS d ON d.i = c.seq
                WHERE d.action IN ('advance', 'reset', 'unchanged') AND d.after NOT BETWEEN c.type_min AND c.type_max
                GROUP BY c.seq
            ), planned AS (
                SELECT d.i, f.action, d.stays AS before, f.after, d.last, d.up, d.inc, d.min, d.max, d.cycle,
                       array_remove(ARRAY[CASE WHEN d.source_exhausted THEN format({Message.SOURCE_EXHAUSTED}) END, d.problem],
                                    NULL) || coalesce(n.problems, '{}')
                           || CASE WHEN g.denied AND NOT ${dry_run}::bool THEN ARRAY[g.message] ELSE '{}' END AS problems,
                       array_remove(ARRAY[d.warning, CASE WHEN g.denied AND ${dry_run}::bool THEN g.message END], NULL)
                           AS warnings
                FROM decided AS d
                LEFT JOIN narrow AS n ON n.seq = d.i
                CROSS JOIN LATERAL (SELECT CASE WHEN n.seq IS NULL THEN d.action ELSE 'problem' END AS action,
                                           CASE WHEN n.seq IS NULL THEN d.after ELSE d.stays END AS after) AS e
                -- setval needs UPDATE: without it, a problem (a warning in a dry run)
                CROSS JOIN LATERAL (SELECT e.action IN ('advance', 'reset') AND NOT d.updatable AS denied,
                                           format({Message.UPDATE_DENIED}, d.name, e.after) AS message) AS g
                CROSS JOIN LATERAL (SELECT CASE WHEN g.denied AND NOT ${dry_run}::bool THEN 'problem' ELSE e.action END AS action,
                                           CASE WHEN g.denied AND NOT ${dry_run}::bool THEN d.stays ELSE e.after END AS after)
                    AS f
            ), capacity_limit AS (
                -- Capacity (of a sequence whose state was read): what stops its values first, from the
                -- next value on. For each measured column, its type's end or the sequence's bound,
                -- whichever comes first (an integer column fed by a bigint sequence); for a sequence
                -- without one, its bound. A CYCLE sequence wraps there, onto ids likely taken.
                SELECT p.i, c.n, c.name, p.after, abs(p.inc) AS step, p.up,
                       CASE WHEN t.type_first THEN e.type_end ELSE b.seq_end END AS limit_value,
                       CASE WHEN c.n IS NULL THEN b.seq_origin
                            WHEN p.up THEN greatest(b.seq_origin, c.type_min)
                            ELSE least(b.seq_origin, c.type_max) END AS origin,
                       CASE WHEN t.type_first THEN 'column ' || c.name || ' (' || c.type || ')' ELSE b.bound END AS limited_by
                FROM planned AS p
                CROSS JOIN LATERAL (
                    SELECT CASE WHEN p.up THEN p.max ELSE p.min END AS seq_end,
                           CASE WHEN p.up THEN p.min ELSE p.max END AS seq_origin,
                           CASE WHEN p.up THEN 'MAXVALUE ' || p.max ELSE 'MINVALUE ' || p.min END
                           || CASE WHEN p.cycle THEN ', then CYCLE wraps to ' || CASE WHEN p.up THEN p.min ELSE p.max END
                                   ELSE '' END AS bound) AS b
                LEFT JOIN col AS c ON c.seq = p.i
                CROSS JOIN LATERAL (SELECT CASE WHEN p.up THEN c.type_max ELSE c.type_min END AS type_end) AS e
                CROSS JOIN LATERAL (SELECT c.n IS NOT NULL AND CASE WHEN p.up THEN e.type_end < b.seq_end
                                                                    ELSE e.type_end > b.seq_end END AS type_first) AS t
                WHERE p.last IS NOT NULL
            ), capacity_figure AS (
                -- how many values are left before that limit (0 when the next one fails already, or is
                -- unknown) and the share of the range used, half up to a millionth (an exact integer
                -- division, as Java's BigDecimal rounds)
                SELECT l.i, l.n, l.name, l.limited_by, least(r.remaining, 9223372036854775807) AS remaining,
                       CASE WHEN x.beyond THEN 100
                            ELSE round(div((x.total - r.remaining) * 200000000 + x.total, 2 * x.total) / 1000000, 6)
                       END AS percent
                FROM capacity_limit AS l
                CROSS JOIN LATERAL (SELECT div(abs(l.limit_value - l.origin), l.step) + 1 AS total,
                                           l.after IS NULL OR CASE WHEN l.up THEN l.after > l.limit_value
                                                                   ELSE l.after < l.limit_value END AS beyond) AS x
                CROSS JOIN LATERAL (SELECT CASE WHEN x.beyond THEN 0
                                                ELSE least(div(abs(l.limit_value - l.after), l.step) + 1, x.total)
                                           END AS remaining) AS r
            ), capacity AS (
                -- the sequence's: the column that runs out first (the first of equals), else its own bound
                SELECT DISTINCT ON (f.i) f.i, f.remaining, f.percent, f.limited_by
                FROM capacity_figure AS f
                ORDER BY f.i, f.remaining, f.n
            ), capacity_column AS (
                SELECT f.i, array_agg(f.name ORDER BY f.n) AS columns, array_agg(f.remaining ORDER BY f.n) AS remaining,
                       array_agg(f.percent ORDER BY f.n) AS percent, array_agg(f.limited_by ORDER BY f.n) AS limited_by
                FROM capacity_figure AS f
                WHERE f.n IS NOT NULL
                GROUP BY f.i
            )
            SELECT p.i, p.action, p.before, p.after, p.problems,
                   p.warnings || CASE WHEN k.percent >= ${warn_at}::numeric
                                      THEN ARRAY[format({Message.CAPACITY}, round(k.percent, 1), k.remaining, k.limited_by)]
                                      ELSE '{}' END AS warnings,
                   k.remaining AS capacity_remaining, k.percent AS capacity_percent,
                   k.limited_by AS capacity_limited_by, m.columns AS capacity_columns,
                   m.remaining AS capacity_column_remaining, m.percent AS capacity_column_percent,
                   m.limited_by AS capacity_column_limited_by
            FROM planned AS p
            LEFT JOIN capacity AS k ON k.i = p.i
            LEFT JOIN capacity_column AS m ON m.i = p.i
            ORDER BY p.i
            """).replace("{POSITION(s.last, s.called) AS w}", position("s.last", "s.called", "w"))
            .replace("{POSITION(s.source_last, s.source_called) AS ws}", position("s.source_last", "s.source_called", "ws")));

    /**
     * A join of {@code seq AS s} to where a stored state ({@code last} value, {@code called}, SQL
     * expressions) puts the sequence's next value, as {@code alias}: {@code next}, and
     * {@code exhausted} when past a bound a sequence that does not CYCLE has no next value (one that
     * does wraps); both NULL when {@code last} is. The one place that says so, for the sequence's
     * own state and a cutover source's.
     */
    private static String position(String last, String called, String alias) {
        return """
                LEFT JOIN LATERAL (
                    SELECT x.raw NOT BETWEEN s.min AND s.max AND NOT s.cycle AS exhausted,
                           CASE WHEN x.raw BETWEEN s.min AND s.max OR NOT s.cycle THEN x.raw
                                WHEN s.up THEN s.min ELSE s.max END AS next
                    FROM (SELECT CASE WHEN %2$s THEN %1$s + s.inc ELSE %1$s END AS raw) AS x
                    WHERE %1$s IS NOT NULL) AS %3$s ON true""".formatted(last, called, alias)
                .replace("\n", "\n" + " ".repeat(16));
    }

    private Planner() {
    }

    /**
     * The plan of each sequence, in order, with its capacity.
     *
     * @param warnAt the share of a sequence's range used (0 to 100) from which its report warns
     */
    static List<SequenceReport> plan(Connection connection, List<PlanInput> inputs, Mode mode, boolean dryRun,
                                     double warnAt) throws SQLException {
        List<SequenceReport> reports = new ArrayList<>();
        if (inputs.isEmpty()) {
            return reports;
        }
        try (PreparedStatement ps = PLAN.prepare(connection, "", parameters(connection, inputs, mode, dryRun, warnAt));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                PlanInput in = inputs.get(reports.size());
                List<String> problems = new ArrayList<>(in.problems());
                problems.addAll(List.of((String[]) rs.getArray("problems").getArray()));
                List<String> warnings = new ArrayList<>(in.warnings());
                warnings.addAll(List.of((String[]) rs.getArray("warnings").getArray()));
                Long before = longOrNull(rs.getBigDecimal("before"));
                Long after = longOrNull(rs.getBigDecimal("after"));
                reports.add(new SequenceReport(in.sequence(), in.columns(), in.links(), before, after,
                        Action.valueOf(rs.getString("action").toUpperCase(java.util.Locale.ROOT)), problems, warnings,
                        capacity(rs)));
            }
        }
        return reports;
    }

    /** The capacity figures of the row; null when the sequence's state was not read. */
    private static Capacity capacity(ResultSet rs) throws SQLException {
        BigDecimal remaining = rs.getBigDecimal("capacity_remaining");
        if (remaining == null) {
            return null;
        }
        List<Capacity.ColumnCapacity> columns = new ArrayList<>();
        if (rs.getArray("capacity_columns") != null) {
            String[] names = (String[]) rs.getArray("capacity_columns").getArray();
            BigDecimal[] left = (BigDecimal[]) rs.getArray("capacity_column_remaining").getArray();
            BigDecimal[] used = (BigDecimal[]) rs.getArray("capacity_column_percent").getArray();
            String[] by = (String[]) rs.getArray("capacity_column_limited_by").getArray();
            for (int i = 0; i < names.length; i++) {
                columns.add(new Capacity.ColumnCapacity(names[i], left[i].longValueExact(), used[i].doubleValue(), by[i]));
            }
        }
        return new Capacity(remaining.longValueExact(), rs.getBigDecimal("capacity_percent").doubleValue(),
                rs.getString("capacity_limited_by"), columns);
    }

    private static Map<String, Object> parameters(Connection connection, List<PlanInput> inputs, Mode mode,
                                                  boolean dryRun, double warnAt) throws SQLException {
        int n = inputs.size();
        Object[] name = new Object[n];
        Object[] start = new Object[n];
        Object[] inc = new Object[n];
        Object[] min = new Object[n];
        Object[] max = new Object[n];
        Object[] cycle = new Object[n];
        Object[] last = new Object[n];
        Object[] called = new Object[n];
        Object[] updatable = new Object[n];
        Object[] used = new Object[n];
        Object[] blocked = new Object[n];
        Object[] sourceLast = new Object[n];
        Object[] sourceCalled = new Object[n];
        List<Object> colSeq = new ArrayList<>();
        List<Object> colName = new ArrayList<>();
        List<Object> colType = new ArrayList<>();
        List<Object> colBase = new ArrayList<>();
        List<Object> colExtreme = new ArrayList<>();
        List<Object> colStep = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            PlanInput in = inputs.get(i);
            name[i] = in.sequence();
            start[i] = in.start();
            inc[i] = in.increment();
            min[i] = in.min();
            max[i] = in.max();
            cycle[i] = in.cycle();
            last[i] = in.state() == null ? null : in.state().lastValue();
            called[i] = in.state() != null && in.state().isCalled();
            updatable[i] = in.updatable();
            used[i] = !in.columns().isEmpty();
            blocked[i] = !in.problems().isEmpty();
            sourceLast[i] = in.source() == null ? null : in.source().lastValue();
            sourceCalled[i] = in.source() != null && in.source().isCalled();
            for (PlanInput.MeasuredColumn c : in.measured()) {
                colSeq.add((long) i + 1);
                colName.add(c.name());
                colType.add(c.type());
                colBase.add(c.baseType());
                colExtreme.add(c.extreme());
                colStep.add(c.step());
            }
        }
        Map<String, Object> values = new HashMap<>();
        values.put("seq_name", connection.createArrayOf("text", name));
        values.put("seq_start", connection.createArrayOf("int8", start));
        values.put("seq_inc", connection.createArrayOf("int8", inc));
        values.put("seq_min", connection.createArrayOf("int8", min));
        values.put("seq_max", connection.createArrayOf("int8", max));
        values.put("seq_cycle", connection.createArrayOf("bool", cycle));
        values.put("seq_last", connection.createArrayOf("int8", last));
        values.put("seq_called", connection.createArrayOf("bool", called));
        values.put("seq_updatable", connection.createArrayOf("bool", updatable));
        values.put("seq_used", connection.createArrayOf("bool", used));
        values.put("seq_blocked", connection.createArrayOf("bool", blocked));
        values.put("seq_source_last", connection.createArrayOf("int8", sourceLast));
        values.put("seq_source_called", connection.createArrayOf("bool", sourceCalled));
        values.put("col_seq", connection.createArrayOf("int8", colSeq.toArray()));
        values.put("col_name", connection.createArrayOf("text", colName.toArray()));
        values.put("col_type", connection.createArrayOf("text", colType.toArray()));
        values.put("col_base", connection.createArrayOf("text", colBase.toArray()));
        values.put("col_extreme", connection.createArrayOf("text", colExtreme.toArray()));
        values.put("col_step", connection.createArrayOf("int8", colStep.toArray()));
        values.put("exact", mode == Mode.EXACT);
        values.put("dry_run", dryRun);
        values.put("warn_at", BigDecimal.valueOf(warnAt));
        return values;
    }

    private static Long longOrNull(BigDecimal value) {
        return value == null ? null : value.toBigIntegerExact().longValueExact();
    }
}

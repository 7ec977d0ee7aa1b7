package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The sequences of a source database, for a cutover: after a logical-replication, DMS, pgloader or
 * dump-and-restore move, the new primary has the rows but not the sequence state, and the data alone
 * would hand out again ids whose rows the source deleted (ids that may live on in URLs, e-mails and
 * other systems). With a source ({@link SequenceResync#withSource}), each sequence's target is the
 * larger of what its data requires and the source's next value for the sequence of the same schema
 * and name, in the sequence's direction, forward only as always.
 *
 * <p>The source is only read, in one read-only transaction (a hot standby will do): the catalog,
 * then every sequence's state in one statement. Sequence state is not transactional; each value
 * read is at least what it was when the read began, which errs forward.
 */
public final class SourceSequences {

    /** One source sequence: its definition and its stored position (the planner tells its next value). */
    record Source(String schema, String name, String display, String type, long increment, long min, long max,
                  boolean cycle, SequenceState state) {
    }

    /**
     * Every user sequence with its definition and state, in one statement: one snapshot of the
     * catalog, and each state read as the statement reaches it (query_to_xml runs the read; the
     * name is quoted by format %I). Read-only, and changes no setting: a standby serves it.
     */
    private static final String READ = """
            SELECT n.nspname, c.relname, pg_catalog.format('%I.%I', n.nspname, c.relname) AS display,
                   pg_catalog.format_type(s.seqtypid, NULL) AS type, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle,
                   st.last_value, st.is_called
            FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_sequence s ON s.seqrelid = c.oid
            CROSS JOIN LATERAL (
                SELECT (pg_catalog.xpath('/row/l/text()', x))[1]::text::int8 AS last_value,
                       (pg_catalog.xpath('/row/c/text()', x))[1]::text::bool AS is_called
                FROM pg_catalog.query_to_xml(pg_catalog.format('SELECT last_value AS l, is_called AS c FROM %I.%I',
                                                               n.nspname, c.relname), false, true, '') AS x
            ) AS st
            WHERE c.relkind = 'S' AND c.relpersistence <> 't'
              AND {USER_SCHEMA}
            ORDER BY n.nspname, c.relname
            """.replace("{USER_SCHEMA}", Catalog.userSchema("n.nspname"));

    private final Map<String, Source> byName;

    private SourceSequences(Map<String, Source> byName) {
        this.byName = byName;
    }

    /** Reads every user sequence of the source, matched by the same schema and name. */
    public static SourceSequences read(Connection source) {
        return read(source, Map.of());
    }

    /**
     * Reads every user sequence of the source.
     *
     * @param schemaMap source schema → target schema, for schemas renamed in the move; others keep their name
     * @throws ResyncException naming what failed, with nothing changed on either side
     */
    public static SourceSequences read(Connection source, Map<String, String> schemaMap) {
        Objects.requireNonNull(source, "source");
        Map<String, Source> byName = new LinkedHashMap<>();
        try (PreparedStatement ps = source.prepareStatement(READ); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long inc = rs.getLong("seqincrement");
                long min = rs.getLong("seqmin");
                long max = rs.getLong("seqmax");
                boolean cycle = rs.getBoolean("seqcycle");
                SequenceState state = new SequenceState(rs.getLong("last_value"), rs.getBoolean("is_called"));
                String schema = schemaMap.getOrDefault(rs.getString("nspname"), rs.getString("nspname"));
                String name = rs.getString("relname");
                byName.put(key(schema, name), new Source(schema, name, rs.getString("display"), rs.getString("type"),
                        inc, min, max, cycle, state));
            }
            return new SourceSequences(byName);
        } catch (SQLException e) {
            throw new ResyncException("cannot read the source's sequences: " + e.getMessage(), e);
        }
    }

    private static String key(String schema, String name) {
        return schema + "\u0000" + name;
    }

    /** Of the source's sequences, in order: those in scope, by the catalog query's rules (schemas, exclusions). */
    private static final NamedSql IN_SCOPE = new NamedSql("""
            SELECT x.display
            FROM unnest(${schema}::text[], ${name}::text[], ${display}::text[]) WITH ORDINALITY AS x(schema, name, display, i)
            WHERE {IN_SCHEMAS} AND NOT {EXCLUDES}
            ORDER BY x.i
            """.replace("{IN_SCHEMAS}", Catalog.inSchemas("x.schema"))
            .replace("{EXCLUDES}", NamePattern.excludes("x.schema", "x.name")));

    /**
     * The source's sequences in scope that match none here, as one note (none when all match): one
     * statement on {@code connection}, which decides the scope as the catalog query does.
     */
    List<String> unmatched(Connection connection, List<ScopedSequence> scoped, ResyncOptions options)
            throws SQLException {
        Set<String> here = new HashSet<>();
        scoped.forEach(s -> here.add(key(s.sequence().schema(), s.sequence().name())));
        List<Source> candidates = byName.values().stream()
                .filter(s -> !here.contains(key(s.schema(), s.name())))
                .toList();
        if (candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Object> values = Catalog.scopeParameters(connection, options);
        values.put("schema", connection.createArrayOf("text", candidates.stream().map(Source::schema).toArray()));
        values.put("name", connection.createArrayOf("text", candidates.stream().map(Source::name).toArray()));
        values.put("display", connection.createArrayOf("text", candidates.stream().map(Source::display).toArray()));
        List<String> missing = new ArrayList<>();
        try (PreparedStatement ps = IN_SCOPE.prepare(connection, "", values); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                missing.add(rs.getString(1));
            }
        }
        if (missing.isEmpty()) {
            return List.of();
        }
        return List.of("the source's sequence" + (missing.size() == 1 ? " " : "s ")
                + String.join(", ", missing.subList(0, Math.min(20, missing.size())))
                + (missing.size() > 20 ? " and " + (missing.size() - 20) + " more" : "")
                + (missing.size() == 1 ? " has" : " have") + " no sequence of that schema and name here");
    }

    /**
     * What the source says of a sequence here: the stored position of the sequence there, whose next
     * value the planner works out by the same rule as for the sequences here (an exhausted one is a
     * problem); or null, with a problem (a definition that differs) or a warning (none there).
     */
    SequenceState stateFor(DiscoveredSequence s, List<String> warnings, List<String> problems) {
        Source src = byName.get(key(s.schema(), s.name()));
        if (src == null) {
            warnings.add("the source has no sequence of this schema and name: its data alone decides");
            return null;
        }
        List<String> differ = new ArrayList<>();
        if (!src.type().equals(s.type())) {
            differ.add("AS " + src.type() + " there, " + s.type() + " here");
        }
        if (src.increment() != s.increment()) {
            differ.add("INCREMENT " + src.increment() + " there, " + s.increment() + " here");
        }
        if (src.min() != s.min() || src.max() != s.max()) {
            differ.add("MINVALUE/MAXVALUE " + src.min() + "/" + src.max() + " there, " + s.min() + "/" + s.max() + " here");
        }
        if (src.cycle() != s.cycle()) {
            differ.add((src.cycle() ? "CYCLE" : "NO CYCLE") + " there");
        }
        if (!differ.isEmpty()) {
            problems.add("its definition differs from the source's " + src.display() + " (" + String.join(", ", differ)
                    + "): its state cannot be carried over; make them alike or set it by hand");
            return null;
        }
        return src.state();
    }

    /** How many sequences the source has. */
    public int size() {
        return byName.size();
    }

    @Override
    public String toString() {
        return byName.size() + " sequences of the source";
    }
}

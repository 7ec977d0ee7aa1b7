package io.github.sequenceresync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, without I/O, which discovered sequences are in scope and which of their columns are
 * measured: excluded objects go, columns whose values cannot tell the sequence's position are
 * skipped with a warning, partitions and inheritance children already covered by an ancestor's
 * scan are not scanned again, and missing read privileges become problems.
 */
final class Scope {

    private static final Set<String> MEASURABLE_TYPES = Set.of("smallint", "integer", "bigint", "numeric");

    private Scope() {
    }

    /**
     * @param mappings the column mappings, whose problems (an optimizer whose next value cannot be
     *                 computed) become their sequences' problems
     */
    static List<ScopedSequence> select(List<DiscoveredSequence> discovered, List<String> exclude,
                                       List<Catalog.ResolvedMapping> mappings) {
        List<NamePattern> patterns = NamePattern.compile(exclude);
        List<ScopedSequence> result = new ArrayList<>();
        for (DiscoveredSequence s : discovered) {
            if (!excluded(s, patterns)) {
                ScopedSequence scoped = scope(s);
                List<String> problems = new ArrayList<>(scoped.problems());
                mappings.stream().filter(m -> m.sequence() == s.oid() && m.problem() != null)
                        .map(m -> m.linkedBy() + ": " + m.problem()).distinct().forEach(problems::add);
                result.add(new ScopedSequence(s, scoped.measured(), scoped.warnings(), problems));
            }
        }
        return result;
    }

    /**
     * The sequences again, those that read a relation in {@code blocked} (a measured table, or the
     * sequence itself) with a problem saying who blocked it, so that they are left alone.
     *
     * @param blocked who blocks each table or sequence, by oid (see {@link Locks#blockers})
     */
    static List<ScopedSequence> blocked(List<ScopedSequence> scoped, Map<Long, String> blocked, String lockTimeout) {
        List<ScopedSequence> result = new ArrayList<>();
        for (ScopedSequence s : scoped) {
            List<String> why = new ArrayList<>();
            if (s.readable()) {
                if (blocked.containsKey(s.sequence().oid())) {
                    why.add(blocked.get(s.sequence().oid()));
                }
                s.measured().stream().map(DiscoveredColumn::tableOid).distinct()
                        .filter(blocked::containsKey).forEach(t -> why.add(blocked.get(t)));
            }
            if (why.isEmpty()) {
                result.add(s);
            } else {
                List<String> problems = new ArrayList<>(s.problems());
                problems.add(Locks.BLOCKED + " (" + lockTimeout + "): " + String.join("; ", why));
                result.add(new ScopedSequence(s.sequence(), s.measured(), s.warnings(), problems));
            }
        }
        return result;
    }

    private static boolean excluded(DiscoveredSequence s, List<NamePattern> patterns) {
        for (NamePattern p : patterns) {
            if (p.matches(s.schema(), s.name())) {
                return true;
            }
            for (DiscoveredColumn c : s.columns()) {
                if (p.matches(c.schema(), c.table())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ScopedSequence scope(DiscoveredSequence s) {
        List<String> warnings = new ArrayList<>();
        List<DiscoveredColumn> candidates = new ArrayList<>();
        for (DiscoveredColumn c : s.columns()) {
            String reason = skipReason(c);
            if (reason == null) {
                candidates.add(c);
                if (c.view()) {
                    warnings.add(viewWarning(c.displayName()));
                }
            } else {
                warnings.add("column " + c.displayName() + " skipped: " + reason);
            }
        }
        // A scan of a parent (no ONLY) covers its partitions and inheritance children.
        Set<String> scanned = new HashSet<>();
        for (DiscoveredColumn c : candidates) {
            scanned.add(c.tableOid() + "/" + c.column());
        }
        List<DiscoveredColumn> measured = new ArrayList<>();
        for (DiscoveredColumn c : candidates) {
            if (c.ancestors().stream().noneMatch(a -> scanned.contains(a + "/" + c.column()))) {
                measured.add(c);
            }
        }
        warnings.addAll(s.hints());
        return new ScopedSequence(s, measured, warnings, readProblems(s, measured));
    }

    /** The SQL script words it the same way. */
    private static String viewWarning(String column) {
        return "column " + column + " belongs to a view and is measured through it: rows the view does not show"
                + " are not seen; if it filters its table, map the table's column as well (column mapping)";
    }

    /** Why a column's values cannot tell where the sequence stands, or null when they can. */
    static String skipReason(DiscoveredColumn c) {
        if (!MEASURABLE_TYPES.contains(c.baseType())) {
            return "it is " + c.type() + ", not an integer type, so its values cannot tell the sequence's position";
        }
        if (c.defaultUsesSequence() && !c.identity() && !c.plainDefault()) {
            return "its default " + c.defaultExpression()
                    + " wraps nextval() in an expression, so its values cannot tell the sequence's position";
        }
        return null;
    }

    private static List<String> readProblems(DiscoveredSequence s, List<DiscoveredColumn> measured) {
        List<String> problems = new ArrayList<>();
        if (!s.schemaUsage()) {
            problems.add("permission denied: USAGE on schema " + s.schemaDisplayName()
                    + " is needed to read the sequence");
        } else if (!s.canSelect()) {
            problems.add("permission denied: SELECT on sequence " + s.displayName() + " is needed to read its state");
        }
        for (DiscoveredColumn c : measured) {
            if (!c.schemaUsage()) {
                problems.add("permission denied: USAGE on schema " + c.schemaDisplayName()
                        + " is needed to read table " + c.tableDisplayName());
            } else if (!c.canSelect()) {
                problems.add("permission denied: SELECT on table " + c.tableDisplayName()
                        + " (column " + c.displayName() + ") is needed to measure it");
            } else if (c.rowSecurity()) {
                // max() would see only the rows the policies let through, and plan too low a value
                problems.add("row-level security applies to this role on table " + c.tableDisplayName()
                        + ": its policies would hide rows from the measurement; run as the table's owner (without"
                        + " FORCE ROW LEVEL SECURITY), a superuser or a role with BYPASSRLS");
            }
        }
        return problems;
    }
}

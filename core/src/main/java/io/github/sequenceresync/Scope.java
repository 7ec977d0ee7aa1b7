package io.github.sequenceresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gathers, without I/O, what the catalog query decided of each sequence in scope (excluded
 * objects are not discovered at all): which of its columns are measured, the warnings (columns
 * skipped or measured through a view, the catalog's hints) and the problems (missing read
 * privileges, row-level security; a column mapping's). The rules live in {@link Catalog#DISCOVER},
 * which the SQL script runs too.
 */
final class Scope {

    private Scope() {
    }

    /**
     * @param mappings the column mappings, whose problems (an optimizer whose next value cannot be
     *                 computed) become their sequences' problems
     */
    static List<ScopedSequence> select(List<DiscoveredSequence> discovered, List<Catalog.ResolvedMapping> mappings) {
        List<ScopedSequence> result = new ArrayList<>();
        for (DiscoveredSequence s : discovered) {
            List<String> warnings = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            List<DiscoveredColumn> measured = new ArrayList<>();
            if (s.problem() != null) {
                problems.add(s.problem());
            }
            for (DiscoveredColumn c : s.columns()) {
                if (c.warning() != null) {
                    warnings.add(c.warning());
                }
                if (c.measured()) {
                    measured.add(c);
                }
                if (c.problem() != null) {
                    problems.add(c.problem());
                }
            }
            warnings.addAll(s.hints());
            mappings.stream().filter(m -> m.sequence() == s.oid() && m.problem() != null)
                    .map(m -> m.linkedBy() + ": " + m.problem()).distinct().forEach(problems::add);
            result.add(new ScopedSequence(s, measured, warnings, problems));
        }
        return result;
    }

    /**
     * The sequences again, those that read a relation in {@code blocked} (a measured table, or the
     * sequence itself) with a problem saying who blocked it, so that they are left alone.
     *
     * @param blocked who blocks each table or sequence, by oid (see {@link Locks#blockers})
     * @param why     the problem, naming the timeout that ended the wait ({@link Message#BLOCKED} or
     *                {@link Message#BLOCKED_PAST_STATEMENT_TIMEOUT})
     * @param timeout that timeout's value, as PostgreSQL shows it
     */
    static List<ScopedSequence> blocked(List<ScopedSequence> scoped, Map<Long, String> blocked, Message why,
                                        String timeout) {
        List<ScopedSequence> result = new ArrayList<>();
        for (ScopedSequence s : scoped) {
            List<String> holders = new ArrayList<>();
            if (s.readable()) {
                if (blocked.containsKey(s.sequence().oid())) {
                    holders.add(blocked.get(s.sequence().oid()));
                }
                s.measured().stream().map(DiscoveredColumn::tableOid).distinct()
                        .filter(blocked::containsKey).forEach(t -> holders.add(blocked.get(t)));
            }
            if (holders.isEmpty()) {
                result.add(s);
            } else {
                List<String> problems = new ArrayList<>(s.problems());
                problems.add(why.format(timeout, String.join("; ", holders)));
                result.add(new ScopedSequence(s.sequence(), s.measured(), s.warnings(), problems));
            }
        }
        return result;
    }
}

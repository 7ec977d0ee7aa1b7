package io.github.sequenceresync;

import java.util.List;

/**
 * A sequence as the catalog describes it, with every column that uses it.
 *
 * @param hints   warnings the catalog query words: that no column uses it (with the candidates the
 *                database shows), triggers that call it in a form not trusted
 * @param problem the privilege missing to read it, or null
 */
record DiscoveredSequence(
        long oid,
        String schema,
        String name,
        String displayName,
        long start,
        long increment,
        long min,
        long max,
        boolean cycle,
        String type,
        boolean canUpdate,
        String problem,
        List<String> hints,
        List<DiscoveredColumn> columns) {

    DiscoveredSequence {
        hints = List.copyOf(hints);
        columns = List.copyOf(columns);
    }

    /** The same sequence with the columns that use it. */
    DiscoveredSequence withColumns(List<DiscoveredColumn> uses) {
        return new DiscoveredSequence(oid, schema, name, displayName, start, increment, min, max, cycle, type,
                canUpdate, problem, hints, uses);
    }

    boolean descending() {
        return increment < 0;
    }
}

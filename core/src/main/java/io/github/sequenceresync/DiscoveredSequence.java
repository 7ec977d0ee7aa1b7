package io.github.sequenceresync;

import java.util.List;

/**
 * A sequence as the catalog describes it, with every column that uses it.
 *
 * @param hints warnings the catalog query words: that no column uses it (with the candidates the
 *              database shows), triggers that call it in a form not trusted
 */
record DiscoveredSequence(
        long oid,
        String schema,
        String name,
        String schemaDisplayName,
        String displayName,
        long start,
        long increment,
        long min,
        long max,
        boolean cycle,
        String type,
        boolean canSelect,
        boolean canUpdate,
        boolean schemaUsage,
        List<String> hints,
        List<DiscoveredColumn> columns) {

    DiscoveredSequence {
        hints = List.copyOf(hints);
        columns = List.copyOf(columns);
    }

    /** The same sequence with the columns that use it. */
    DiscoveredSequence withColumns(List<DiscoveredColumn> uses) {
        return new DiscoveredSequence(oid, schema, name, schemaDisplayName, displayName, start, increment, min, max,
                cycle, type, canSelect, canUpdate, schemaUsage, hints, uses);
    }

    boolean descending() {
        return increment < 0;
    }
}

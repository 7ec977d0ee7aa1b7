package io.github.sequenceresync;

import java.util.List;

/** A sequence as the catalog describes it, with every column that uses it. */
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
        boolean canSelect,
        boolean canUpdate,
        boolean schemaUsage,
        List<DiscoveredColumn> columns) {

    DiscoveredSequence {
        columns = List.copyOf(columns);
    }

    /** The same sequence with the columns that use it. */
    DiscoveredSequence withColumns(List<DiscoveredColumn> uses) {
        return new DiscoveredSequence(oid, schema, name, schemaDisplayName, displayName, start, increment, min, max,
                cycle, canSelect, canUpdate, schemaUsage, uses);
    }

    boolean descending() {
        return increment < 0;
    }
}

package io.github.sequenceresync;

import java.util.List;

/** A sequence as the catalog describes it, with every column that uses it. */
record DiscoveredSequence(
        long oid,
        String schema,
        String name,
        String schemaDisplayName,
        String displayName,
        String dataType,
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

    boolean descending() {
        return increment < 0;
    }
}

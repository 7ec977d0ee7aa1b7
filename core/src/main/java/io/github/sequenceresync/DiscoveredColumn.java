package io.github.sequenceresync;

import java.util.List;

/**
 * A column that uses a sequence: its owner (SERIAL, OWNED BY), its identity column, a column whose
 * default mentions it, or a column the caller mapped to it.
 *
 * @param defaultExpression the column's default as PostgreSQL prints it when it is not plain, else null
 * @param plainDefault      whether the default is just {@code nextval()} of this sequence (maybe cast)
 * @param rowSecurity       whether row-level security policies apply to the current role on the table
 * @param view              whether the "table" is a view (a default set with ALTER VIEW)
 * @param indexed           whether an ordered index leads with the column (its extreme is one probe)
 * @param ancestors         oids of the tables this one inherits from or is a partition of, at any depth
 * @param link              what links it when the catalog does not (a column mapping, a link rule, a
 *                          trigger, Hibernate), else null
 * @param step              how far past its values the next value must lie (Hibernate's optimizers), 0: the increment
 */
record DiscoveredColumn(
        long tableOid,
        String schema,
        String table,
        String column,
        String schemaDisplayName,
        String tableDisplayName,
        String displayName,
        String type,
        String baseType,
        boolean identity,
        boolean defaultUsesSequence,
        String defaultExpression,
        boolean plainDefault,
        boolean canSelect,
        boolean schemaUsage,
        boolean rowSecurity,
        boolean view,
        boolean indexed,
        List<Long> ancestors,
        String link,
        long step) {

    DiscoveredColumn {
        ancestors = List.copyOf(ancestors);
    }
}

package io.github.sequenceresync;

/**
 * A column that uses a sequence: its owner (SERIAL, OWNED BY), its identity column, a column whose
 * default mentions it, or a column the caller mapped or a rule or trigger links to it; with what
 * the catalog query decided of it (see {@link Catalog#DISCOVER}).
 *
 * @param indexed  whether an ordered index leads with the column (its extreme is one probe)
 * @param remote   the foreign tables its measurement reads ("foreign table x.t (server s)"), else null
 * @param link     what links it when the catalog does not (a column mapping, a link rule, a
 *                 trigger, Hibernate), or when its own default does not say it (its domain's
 *                 default, a default naming the sequence by text), else null
 * @param step     how far past its values the next value must lie (Hibernate's optimizers), 0: the increment
 * @param measured whether its values are read: they tell the sequence's position, and no ancestor's
 *                 scan (partitions, inheritance) reads them already
 * @param warning  why it is skipped, or that it is measured through a view; else null
 * @param problem  the read privilege it lacks (or row-level security), when measured; else null
 */
record DiscoveredColumn(
        long tableOid,
        String schema,
        String table,
        String column,
        String displayName,
        String type,
        String baseType,
        boolean indexed,
        String remote,
        String link,
        long step,
        boolean measured,
        String warning,
        String problem) {
}

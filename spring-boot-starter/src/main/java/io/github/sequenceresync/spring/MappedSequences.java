package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncOptions;

/**
 * Sequences that an application's mapping (Hibernate's id generators, Spring Data's
 * {@code @Sequence} ids) links to a table while the catalog links them to no column, for the
 * resyncs that follow data loaded after the application started ({@code @Sql} scripts). An
 * interface so that those resyncs load neither Hibernate's nor Spring Data's classes.
 */
interface MappedSequences {

    /** {@code options} with the links the mapping gives added to its column mappings. */
    ResyncOptions withLinks(ResyncOptions options);
}

package io.github.sequenceresync.spring;

/**
 * The sequences of Hibernate's id generators, which the catalog links to no column, for the
 * resyncs that follow data loaded after the EntityManagerFactory was built. An interface so that
 * those resyncs do not load Hibernate's classes in applications without them.
 */
interface HibernateSequences extends MappedSequences {

    /**
     * Resyncs them again, each factory on a connection of its own: data that SQL initialization
     * loads after the EntityManagerFactory ({@code spring.jpa.defer-datasource-initialization=true})
     * came after their first resync.
     *
     * @param after what loaded the data, for the log and the report
     */
    void again(String after);
}

package io.github.sequenceresync.spring;

/**
 * Told when data was loaded after a resync it ran (SQL initialization deferred until after the
 * EntityManagerFactory): resyncs again. An interface so that the SQL initialization's resync does
 * not load Hibernate's classes in applications without them.
 */
interface DataReloaded {

    /** @param after what loaded the data, for the log and the report */
    void again(String after);
}

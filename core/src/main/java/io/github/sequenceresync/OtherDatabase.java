package io.github.sequenceresync;

/**
 * What an adapter says of a database that is not PostgreSQL, where the same migrations also run on
 * H2 or HSQLDB in unit tests: by default one warning that nothing was done; with the adapter's
 * failOnOtherDatabase setting on, a failure. Both name that setting as the adapter's users write it,
 * so that the Flyway callback, the Liquibase change, Hibernate and the Spring Boot starter word them
 * alike.
 */
public final class OtherDatabase {

    private OtherDatabase() {
    }

    /**
     * The warning: {@code sequence-resync: nothing done after flyway: <reason> (set
     * sequence-resync.fail-on-other-database=true to fail instead)}.
     *
     * @param reason  why the database is not one this library works on ({@link SequenceResync#notPostgres})
     * @param what    what was not done, after "nothing done" ({@code "after flyway"}); null for nothing more
     * @param failing the setting that makes it fail, as its users write it ({@code resync_fail_on_other_database=true})
     */
    public static String leftAlone(String reason, String what, String failing) {
        return Message.LOG_PREFIX.format("") + "nothing done" + (what == null ? "" : " " + what) + ": " + reason
               + " (set " + failing + " to fail instead)";
    }

    /**
     * The failure with that setting on: {@code <reason> (resync_fail_on_other_database=true)}.
     *
     * @param failing the setting, as its users write it
     */
    public static String refused(String reason, String failing) {
        return reason + " (" + failing + ")";
    }
}

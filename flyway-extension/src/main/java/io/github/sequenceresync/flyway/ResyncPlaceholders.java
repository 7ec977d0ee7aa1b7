package io.github.sequenceresync.flyway;

import io.github.sequenceresync.ResyncOption;

/**
 * The Flyway placeholders that configure {@link ResyncSequencesCallback}, for every place Flyway is
 * configured: {@code flyway.placeholders.resync_mode=exact} in flyway.conf, {@code resync_mode =
 * "exact"} under {@code [flyway.placeholders]} in flyway.toml, {@code FLYWAY_PLACEHOLDERS_RESYNC_MODE}
 * in the environment, {@code <placeholders>} in the Maven plugin, {@code
 * spring.flyway.placeholders.resync_mode} in Spring Boot. Keys are lower case because Flyway
 * lower-cases the keys it reads from environment variables. The resync's options are the option
 * table's ({@link ResyncOption#placeholder()}); enabled, event and failOnOtherDatabase are the
 * callback's own.
 */
public final class ResyncPlaceholders {

    /** {@code true} (default) or {@code false}: whether the callback does anything. */
    public static final String ENABLED = "resync_enabled";
    /** Comma-separated schemas; default: Flyway's {@code schemas}, else its default schema. */
    public static final String SCHEMAS = ResyncOption.SCHEMAS.placeholder();
    /** Comma-separated glob patterns of sequences or tables to leave alone. */
    public static final String EXCLUDE = ResyncOption.EXCLUDE.placeholder();
    /** {@code false} (default) or {@code true}: lock the measured tables in SHARE mode first. */
    public static final String LOCK_TABLES = ResyncOption.LOCK_TABLES.placeholder();
    /** How long to wait for those locks: milliseconds, or a number with {@code ms}, {@code s}, {@code m}. */
    public static final String LOCK_TIMEOUT = ResyncOption.LOCK_TIMEOUT.placeholder();
    /** {@code forward} (default) or {@code exact}. */
    public static final String MODE = ResyncOption.MODE.placeholder();
    /** {@code after_migrate} (default), {@code after_migrate_applied} or {@code after_each_migrate}. */
    public static final String EVENT = "resync_event";
    /** {@code false} (default) or {@code true}: report what would change, change nothing. */
    public static final String DRY_RUN = ResyncOption.DRY_RUN.placeholder();
    /** {@code true} (default) or {@code false}: whether a problem fails the migrate. */
    public static final String FAIL_ON_PROBLEM = ResyncOption.FAIL_ON_PROBLEM.placeholder();
    /**
     * {@code false} (default) or {@code true}: whether a database that is not PostgreSQL (H2 or
     * HSQLDB in unit tests) fails the migrate; by default the callback logs one warning there and
     * does nothing.
     */
    public static final String FAIL_ON_OTHER_DATABASE = "resync_fail_on_other_database";
    /** Comma-separated {@code sequence=table.column} links the catalog does not record. */
    public static final String COLUMN_MAPPINGS = ResyncOption.COLUMN_MAPPINGS.placeholder();
    /** A percentage (default 85): warn when a sequence has used that much of its range. */
    public static final String WARN_AT = ResyncOption.WARN_AT.placeholder();
    /** Comma-separated naming rules {@code sequence->table.column}, e.g. {@code {table}_seq->{table}.id}. */
    public static final String LINK_RULES = ResyncOption.LINK_RULES.placeholder();

    private ResyncPlaceholders() {
    }
}

package io.github.sequenceresync.flyway;

import io.github.sequenceresync.ResyncOption;

/**
 * The Flyway placeholders that configure {@link ResyncSequencesCallback}, for every place Flyway is
 * configured: {@code flyway.placeholders.resync_mode=exact} in flyway.conf, {@code resync_mode =
 * "exact"} under {@code [flyway.placeholders]} in flyway.toml, {@code FLYWAY_PLACEHOLDERS_RESYNC_MODE}
 * in the environment, {@code <placeholders>} in the Maven plugin, {@code
 * spring.flyway.placeholders.resync_mode} in Spring Boot. Keys are lower case because Flyway
 * lower-cases the keys it reads from environment variables. The resync's options are the option
 * table's ({@link ResyncOption#placeholder()}), which says what each means and its default; a
 * callback's schemas default to Flyway's {@code schemas}, else its default schema. Enabled, event
 * and failOnOtherDatabase are the callback's own.
 */
public final class ResyncPlaceholders {

    /** {@code true} (default) or {@code false}: whether the callback does anything. */
    public static final String ENABLED = "resync_enabled";
    /** {@link ResyncOption#SCHEMAS}. */
    public static final String SCHEMAS = ResyncOption.SCHEMAS.placeholder();
    /** {@link ResyncOption#EXCLUDE}. */
    public static final String EXCLUDE = ResyncOption.EXCLUDE.placeholder();
    /** {@link ResyncOption#LOCK_TABLES}. */
    public static final String LOCK_TABLES = ResyncOption.LOCK_TABLES.placeholder();
    /** {@link ResyncOption#LOCK_TIMEOUT}. */
    public static final String LOCK_TIMEOUT = ResyncOption.LOCK_TIMEOUT.placeholder();
    /** {@link ResyncOption#MODE}. */
    public static final String MODE = ResyncOption.MODE.placeholder();
    /** {@code after_migrate} (default), {@code after_migrate_applied} or {@code after_each_migrate}. */
    public static final String EVENT = "resync_event";
    /** {@link ResyncOption#DRY_RUN}. */
    public static final String DRY_RUN = ResyncOption.DRY_RUN.placeholder();
    /** {@link ResyncOption#FAIL_ON_PROBLEM}. */
    public static final String FAIL_ON_PROBLEM = ResyncOption.FAIL_ON_PROBLEM.placeholder();
    /**
     * {@code false} (default) or {@code true}: whether a database that is not PostgreSQL (H2 or
     * HSQLDB in unit tests) fails the migrate; by default the callback logs one warning there and
     * does nothing.
     */
    public static final String FAIL_ON_OTHER_DATABASE = "resync_fail_on_other_database";
    /** {@link ResyncOption#COLUMN_MAPPINGS}. */
    public static final String COLUMN_MAPPINGS = ResyncOption.COLUMN_MAPPINGS.placeholder();
    /** {@link ResyncOption#WARN_AT}. */
    public static final String WARN_AT = ResyncOption.WARN_AT.placeholder();
    /** {@link ResyncOption#LINK_RULES}. */
    public static final String LINK_RULES = ResyncOption.LINK_RULES.placeholder();

    private ResyncPlaceholders() {
    }
}

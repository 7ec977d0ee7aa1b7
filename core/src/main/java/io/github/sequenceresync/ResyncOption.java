package io.github.sequenceresync;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every option of a resync, defined once: its name, its default, what it means and how its text is
 * read. Each entry point spells it its own way and reads it here, so that all take the same values
 * with the same units: {@link #placeholder()} for Flyway, {@link #attribute()} for Liquibase,
 * {@link #flag()} for the command line, {@link #property()} for Spring Boot and Hibernate; the Java
 * API is {@link ResyncOptions.Builder}. {@link Spelling} names them so in what a run says.
 */
public enum ResyncOption {

    /** Schemas whose sequences are resynced. */
    SCHEMAS("schemas", Kind.LIST, "every non-system schema",
            "comma-separated schemas whose sequences are resynced (exact names, not quoted), with the sequences"
            + " their tables take ids from in other schemas; columns that use them count in whatever schema they are",
            (b, v) -> b.schemas(list(v))),
    /** Sequences or tables to leave alone. */
    EXCLUDE("exclude", Kind.LIST, "none",
            "comma-separated glob patterns (*, ?) of sequences or tables to leave alone, matched against"
            + " schema.name and the bare name",
            (b, v) -> b.exclude(list(v))),
    /** Forward only, or exact. */
    MODE("mode", Kind.TEXT, "forward",
            "forward: a sequence only ever moves forward; exact (test databases only): to the value right after"
            + " the data even if lower, START for empty tables",
            (b, v) -> b.mode(Mode.parse(v, "mode"))),
    /** Report, change nothing. */
    DRY_RUN("dryRun", Kind.BOOLEAN, "false", "report what would change, change nothing",
            (b, v) -> b.dryRun(bool(v, "dryRun"))),
    /** SHARE locks on the measured tables. */
    LOCK_TABLES("lockTables", Kind.BOOLEAN, "false",
            "lock the measured tables in SHARE mode (blocks writes, not reads) until the transaction ends, so"
            + " that no writer slips in an id the resync misses",
            (b, v) -> b.lockTables(bool(v, "lockTables"))),
    /** The bound of every lock wait. */
    LOCK_TIMEOUT("lockTimeout", Kind.TEXT, "10s",
            "the longest any lock wait of the run may take (a lower lock_timeout of the session wins):"
            // qualified: a constant, which an enum constant may name before its declaration only so
            + " milliseconds, or " + ResyncOption.DURATION_UNITS,
            (b, v) -> b.lockTimeout(duration(v, "lockTimeout"))),
    /** Whether a problem stops everything. */
    FAIL_ON_PROBLEM("failOnProblem", Kind.BOOLEAN, "true",
            "true: any problem fails the run before anything changes; false: problems are reported and the"
            + " other sequences resynced",
            (b, v) -> b.failOnProblem(bool(v, "failOnProblem"))),
    /** Links the catalog does not record. */
    COLUMN_MAPPINGS("columnMappings", Kind.LIST, "none",
            "comma-separated sequence=table.column links the catalog does not record (a Hibernate pooled"
            + " sequence)",
            (b, v) -> list(v).forEach(m -> b.columnMapping(ColumnMapping.parse(m, "columnMappings")))),
    /** From how much of its range used a sequence's report warns. */
    WARN_AT("warnAt", Kind.TEXT, "85",
            "warn when a sequence has used this percentage of its range, up to its MAXVALUE (MINVALUE) or the"
            + " largest value a column it feeds can hold, whichever comes first",
            (b, v) -> b.warnAt(percent(v, "warnAt"))),
    /** Naming rules that make links. */
    LINK_RULES("linkRules", Kind.LIST, "none",
            "comma-separated naming rules sequence->table.column that link each sequence whose name matches to"
            + " that column of the table in its schema, e.g. {table}_seq->{table}.id (Hibernate's default)",
            (b, v) -> list(v).forEach(r -> b.linkRule(LinkRule.parse(r, "linkRules"))));

    /** The shape of an option's value, for entry points that type their settings. */
    public enum Kind {
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** Comma-separated values; entry points with lists of their own may give several. */
        LIST,
        /** One value. */
        TEXT
    }

    private final String key;
    private final Kind kind;
    private final String defaultValue;
    private final String description;
    private final BiConsumer<ResyncOptions.Builder, String> reader;

    ResyncOption(String key, Kind kind, String defaultValue, String description,
                 BiConsumer<ResyncOptions.Builder, String> reader) {
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.description = description;
        this.reader = reader;
    }

    /** The option's name: {@code lockTimeout}. */
    public String key() {
        return key;
    }

    /** The shape of its value. */
    public Kind kind() {
        return kind;
    }

    /** Its default, as text: {@code 10s}. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What it means, in one sentence. */
    public String description() {
        return description;
    }

    /**
     * What tools show of it, the same everywhere (command-line help, Liquibase's change metadata,
     * Spring Boot's configuration metadata): the description and the default.
     */
    public String help() {
        return description + " (default: " + defaultValue + ")";
    }

    /** The Flyway placeholder: {@code resync_lock_timeout} (lower case, as Flyway reads environment variables). */
    public String placeholder() {
        return "resync_" + words("_");
    }

    /** The Liquibase attribute: {@code lockTimeout}. */
    public String attribute() {
        return key;
    }

    /** The command-line flag: {@code --lock-timeout}. */
    public String flag() {
        return "--" + words("-");
    }

    /** The Spring Boot property: {@code sequence-resync.lock-timeout}. */
    public String property() {
        return "sequence-resync." + words("-");
    }

    /**
     * Reads {@code value} into {@code builder}; a blank value leaves the default. The first entry point
     * that reads an option into the builder gives its spelling to the options built, for what the run
     * says about them ({@link ResyncOptions#spelling()}).
     *
     * @param spelling how the entry point spells the options, for the error message and the run's
     * @throws IllegalArgumentException naming the option as {@code spelling} spells it when the value
     *                                  cannot be read or is out of range ({@code warnAt} 150, a lock timeout of 0)
     */
    public void apply(ResyncOptions.Builder builder, String value, Spelling spelling) {
        builder.spelledIfUnset(spelling);
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            reader.accept(builder, value.trim());
            // the ranges build() checks, here, where the error can name the option as the entry point
            // spells it (the options read before this one passed them already)
            builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("option " + key, "option " + spelling.of(this)), e);
        }
    }

    private String words(String separator) {
        return key.replaceAll("([A-Z])", separator + "$1").toLowerCase(Locale.ROOT);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean bool(String value, String key) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("invalid value '" + value + "' for option " + key
                    + ": expected true or false");
        };
    }

    /** A percentage, with or without {@code %}. */
    static double percent(String value, String key) {
        try {
            return Double.parseDouble(value.trim().replace("%", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for option " + key
                    + ": expected a percentage from 0 to 100, e.g. 85");
        }
    }

    /** What a duration may be besides a number of milliseconds, for the description and the error. */
    private static final String DURATION_UNITS = "a number with ms, s, m (or min) or h, or ISO-8601 (PT10S)";

    /** The units of a duration, by suffix; ms before s, which it ends with. */
    private static final List<Map.Entry<String, ChronoUnit>> UNITS = List.of(Map.entry("ms", ChronoUnit.MILLIS),
            Map.entry("s", ChronoUnit.SECONDS), Map.entry("min", ChronoUnit.MINUTES), Map.entry("m", ChronoUnit.MINUTES),
            Map.entry("h", ChronoUnit.HOURS));

    /**
     * Milliseconds, or a number with a unit as Spring Boot ({@code 10s}, {@code 2m}) and PostgreSQL's
     * lock_timeout ({@code 1min}, {@code 1h}) write it, or ISO-8601 as Java does ({@code PT10S}).
     */
    static Duration duration(String value, String key) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("p") || v.startsWith("-p")) {
                return Duration.parse(v);
            }
            for (Map.Entry<String, ChronoUnit> unit : UNITS) {
                if (v.endsWith(unit.getKey())) {
                    return Duration.of(Long.parseLong(v.substring(0, v.length() - unit.getKey().length()).trim()),
                            unit.getValue());
                }
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for option " + key
                    + ": expected milliseconds or " + DURATION_UNITS + ", e.g. 10s");
        }
    }
}

package io.github.sequenceresync;

import java.util.Locale;

/**
 * The report's words that both the Java path and the SQL script say, each written once as a
 * template whose {@code %s} are filled by Java's {@link String#format} and by PostgreSQL's
 * {@code format()} alike (the script names each as {@code {Message.NAME}}, see {@link Script}).
 * Numbers go in as decimal digits on both sides.
 */
enum Message {

    /** The sequence (last value, "MAXVALUE n" or "MINVALUE n") cannot give another value. */
    EXHAUSTED("the sequence is exhausted: after its last value %s the next step passes %s and it does not CYCLE,"
              + " so the next insert would fail"),
    /** Every column that uses it is skipped. */
    NOTHING_TO_MEASURE("no column whose values tell its position uses it; left alone"),
    /** A column (name, value, "above MAXVALUE n" or "below MINVALUE n") holds what the sequence cannot pass. */
    VALUE_OUT_OF_BOUNDS("column %s holds %s, %s: these rows did not come from the sequence and it cannot pass them"),
    /** A column (name, value, next value, "above MAXVALUE n" or ..., then WOULD_WRAP or WOULD_EXHAUST). */
    NEXT_OUT_OF_BOUNDS("column %s holds %s and the next value %s would be %s: %s"),
    /** The value a CYCLE sequence would wrap to. */
    WOULD_WRAP("the CYCLE sequence would wrap to %s, where ids are likely taken"),
    WOULD_EXHAUST("the sequence is exhausted"),
    /** A column (name, type) cannot hold the next value. */
    TYPE_TOO_NARROW("column %s is %s: the next value %s does not fit, so the next insert would fail"),
    /** A column's measurement failed on another server (column, the foreign tables read, the server's message). */
    REMOTE_UNREADABLE("column %s could not be measured: reading %s failed: %s"),
    /** The role may not setval (sequence, value). */
    UPDATE_DENIED("permission denied: UPDATE on sequence %s is needed to set its next value to %s"),
    /** A cutover: the target comes from the source (its next value), the data asks for none. */
    FROM_SOURCE_ONLY("next value from the source: %s (no row here asks for one)"),
    /** A cutover: the target comes from the source (its next value), further than the data's (the rows' next value). */
    FROM_SOURCE("next value from the source: %s (the rows here ask for %s)"),
    /** A cutover: the source's sequence of the same definition cannot give another value. */
    SOURCE_EXHAUSTED("the source's sequence is exhausted: it hands out no next value to carry over"),
    /**
     * failOnProblem: "n problem(s)", then each problem on a line of its own, then the option set to
     * false as the entry point spells it ({@link Spelling#setting}).
     */
    PROBLEMS_FOUND("sequences not resynced, nothing changed: %s found\n  %s\n"
                   + "(set %s to resync the other sequences anyway)"),
    /** Forward mode: concurrent nextval() calls carried it (to next value n) at or past the target n. */
    ADVANCED_MEANWHILE("left alone: other sessions advanced it to next value %s while the resync ran, at or past"
                       + " the target %s"),
    SET_MEANWHILE("left alone: another session reset it with setval() while the resync ran; run again"),
    /** The share used reached warnAt (percent to a tenth, values left, what runs out: see Capacity). */
    CAPACITY("capacity: %s%% used, %s values left before %s runs out"),
    /** A sequence moved (name, "advanced", "reset", "would advance", "would reset", before, after, columns). */
    CHANGED("%s %s from next value %s to %s (%s)"),
    /** How many more sequences moved than the deploy log lists at info level, each at debug level. */
    MORE_CHANGED("... and %s more (each at debug level)"),
    /** A sequence not moved (name, action, next value). */
    LEFT("%s %s, next value %s"),
    /**
     * The report in one line: "n sequence(s)", "n advanced" (", n reset" in exact mode; "to advance",
     * "to reset" when nothing was applied), unchanged, skipped, "n problem(s)", and " (dry run: nothing
     * changed)", or " (nothing changed)" when the run stopped before changing anything.
     */
    SUMMARY("%s: %s, %s unchanged, %s skipped, %s%s"),
    /**
     * The problem a sequence gets when one of its relations stayed locked (with failOnProblem false):
     * the lock timeout, as PostgreSQL shows it, and who held them.
     */
    BLOCKED("left alone: its relations stayed locked past the lock timeout (%s): %s"),
    /** {@link #BLOCKED}, when the caller's statement_timeout ended the wait before the lock timeout did. */
    BLOCKED_PAST_STATEMENT_TIMEOUT("left alone: its relations stayed locked past statement_timeout (%s): %s"),
    /** In the summary: how many moved, and how (count, ADVANCED or RESET_DONE). */
    COUNTED("%s %s"),
    /** In the summary of a run that applied nothing: how many would move (count, action label). */
    TO("%s to %s"),
    /** What was done to a sequence that moved forward, in its line and the summary. */
    ADVANCED("advanced"),
    /** What was done to a sequence moved back (exact mode). */
    RESET_DONE("reset"),
    /** What would be done, where nothing was applied (action label): "would advance". */
    WOULD("would %s"),
    /** The summary's end in a dry run. */
    DRY_RUN_NOTHING_CHANGED(" (dry run: nothing changed)"),
    /** The summary's end of a run that stopped before changing anything. */
    NOTHING_CHANGED(" (nothing changed)"),
    /** Every line of the deploy log starts so (DRY_RUN_MARK in a dry run, else nothing). */
    LOG_PREFIX("sequence-resync%s: "),
    DRY_RUN_MARK(" (dry run)"),
    /** A problem or a warning after the name of its sequence (sequence, text). */
    OF_SEQUENCE("%s: %s"),
    /** A link the catalog does not record (sequence, "table.column by what declared it"). */
    LINKED("linked: %s -> %s"),
    /** A problem's line in the log and the text report. */
    PROBLEM_LINE("problem: %s"),
    /** A warning's line in the text report. */
    WARNING_LINE("warning: %s"),
    /** The run failed before this sequence's setval was done. */
    NOT_SET("not set: the run failed before it was done (it may have been set just before); run again"),
    /** The server's version, as it gives it. */
    OLD_SERVER("sequence-resync needs PostgreSQL " + ServerVersion.MINIMUM + " or later; this server is version %s"),
    /** A note: the server's version, as it gives it. */
    NEWER_THAN_TESTED("PostgreSQL %s is newer than " + ServerVersion.NEWEST_TESTED + ", the newest version"
                      + " sequence-resync is tested on: column defaults it cannot read are skipped with a warning,"
                      + " never measured"),
    /** The option (as the entry point spells it) names schemas that do not exist. */
    MISSING_SCHEMA("option %s: schema %s does not exist"),
    /**
     * A column mapping a user wrote names what does not exist (the option as the entry point spells
     * it, NO_..., then "how declared: the mapping").
     */
    MAPPING_MISSING("option %s: %s (%s)"),
    /** A note: a link read from an application's mapping names what does not exist (the same values). */
    LINK_LEFT_OUT("link left out: %s (%s)"),
    /** What a column mapping names that does not exist (followed by the mapping, in parentheses). */
    NO_SEQUENCE("sequence %s does not exist"),
    NO_TABLE("table %s does not exist"),
    NO_COLUMN("column %s does not exist in table %s");

    private final String template;

    Message(String template) {
        this.template = template;
    }

    /** The template, as both sides read it. */
    String template() {
        return template;
    }

    /** The message with its values. */
    String format(Object... values) {
        return String.format(Locale.ROOT, template, values);
    }

    /** {@code sql} with each {@code {Message.NAME}} replaced by that message's template, an escape string literal. */
    static String inSql(String sql) {
        for (Message m : values()) {
            sql = sql.replace("{Message." + m.name() + "}", Script.literal(m.template()));
        }
        return sql;
    }

    /** "1 problem", "2 problems": as the report counts things. */
    static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** {@link #count} in SQL, over the SQL expression {@code n} (evaluated twice: keep it cheap). */
    static String countInSql(String n, String thing) {
        return "(" + n + ") || CASE WHEN (" + n + ") = 1 THEN " + Script.literal(" " + thing) + " ELSE "
               + Script.literal(" " + thing + "s") + " END";
    }

    /** What was done to a sequence that moved: {@link #ADVANCED} or {@link #RESET_DONE}. */
    static Message done(Action action) {
        return action == Action.ADVANCE ? ADVANCED : RESET_DONE;
    }
}

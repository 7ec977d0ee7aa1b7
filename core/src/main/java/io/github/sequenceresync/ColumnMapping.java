package io.github.sequenceresync;

import java.util.Objects;

/**
 * Declares that a sequence feeds a column although the catalog does not say so, for instance a
 * Hibernate pooled sequence ({@code orders_seq}, INCREMENT 50) whose ids the application fetches
 * itself. Without a mapping such a sequence is reported as skipped.
 *
 * @param sequence the sequence as SQL names it, optionally schema-qualified and quoted, resolved with
 *                 the session's search_path: {@code orders_seq}, {@code sales."Orders_Seq"}
 * @param table    the table, written the same way
 * @param column   the column's exact name, not quoted
 * @param linkedBy what declared the link, shown in the report: {@code column mapping} for one a
 *                 user wrote, {@code Hibernate entity com.example.Order (pooled, allocation size 50)}
 * @param step     how far past the largest id the next value must lie: 0 for the sequence's increment
 *                 (the value is the id, the catalog's rule); Hibernate's "pooled" optimizer hands out
 *                 {@code v - size + 1 .. v} for a value v, so its allocation size; "pooled-lo" hands out
 *                 {@code v .. v + size - 1}, so 1
 * @param problem  why no correct next value can be computed for what fills the column (Hibernate's
 *                 hilo optimizer, a custom one): the sequence becomes a problem and is left alone;
 *                 null when it can
 * @param optional whether a link whose sequence, table or column does not exist is left out with a
 *                 note (links read from an application's mapping) instead of failing the run (links a
 *                 user wrote)
 */
public record ColumnMapping(String sequence, String table, String column, String linkedBy, long step,
                            String problem, boolean optional) {

    /** Validates the parts; the message names the one missing. */
    public ColumnMapping {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(linkedBy, "linkedBy");
        if (step < 0) {
            throw new IllegalArgumentException("mapping " + sequence + "=" + table + "." + column
                    + ": step must not be negative, was " + step);
        }
    }

    /** A link a user declares: each value {@code nextval} returns is an id. */
    public ColumnMapping(String sequence, String table, String column) {
        this(sequence, table, column, "column mapping", 0, null, false);
    }

    /**
     * A link that {@code linkedBy} declares, with how far past the data the next value must lie (see
     * {@code step}); optional: left out with a note where its objects do not exist.
     */
    public static ColumnMapping linked(String sequence, String table, String column, String linkedBy, long step) {
        return new ColumnMapping(sequence, table, column, linkedBy, step, null, true);
    }

    /** A link whose next value cannot be computed: the sequence is reported as a problem and left alone. */
    public static ColumnMapping unsupported(String sequence, String table, String column, String linkedBy,
                                            String problem) {
        return new ColumnMapping(sequence, table, column, linkedBy, 0, Objects.requireNonNull(problem, "problem"),
                true);
    }

    /**
     * Parses {@code sequence=table.column}, the form used in configuration files, for instance
     * {@code orders_seq=public.orders.id}. The column is the part after the last dot.
     */
    public static ColumnMapping parse(String text, String option) {
        int eq = text == null ? -1 : text.indexOf('=');
        int dot = text == null ? -1 : text.lastIndexOf('.');
        if (eq <= 0 || dot <= eq + 1 || dot == text.length() - 1) {
            throw new IllegalArgumentException("invalid value '" + text + "' for option " + option
                    + ": expected sequence=table.column, e.g. orders_seq=public.orders.id");
        }
        return new ColumnMapping(text.substring(0, eq).trim(), text.substring(eq + 1, dot).trim(),
                text.substring(dot + 1).trim());
    }

    @Override
    public String toString() {
        return sequence + "=" + table + "." + column;
    }
}

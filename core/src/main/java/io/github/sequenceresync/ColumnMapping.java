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
 * @param poolSize how many ids the application hands out for each value {@code nextval} returns, that
 *                 value being the last of them (Hibernate's "pooled" optimizer: its allocation size),
 *                 so that the next value must lie that far past the data; 1 when the value is the id
 */
public record ColumnMapping(String sequence, String table, String column, String linkedBy, long poolSize) {

    /** Validates the parts; the message names the one missing. */
    public ColumnMapping {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(linkedBy, "linkedBy");
        if (poolSize < 1) {
            throw new IllegalArgumentException("mapping " + sequence + "=" + table + "." + column
                    + ": poolSize must be at least 1, was " + poolSize);
        }
    }

    /** A link a user declares: each value {@code nextval} returns is an id. */
    public ColumnMapping(String sequence, String table, String column) {
        this(sequence, table, column, "column mapping", 1);
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

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
 */
public record ColumnMapping(String sequence, String table, String column) {

    public ColumnMapping {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
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

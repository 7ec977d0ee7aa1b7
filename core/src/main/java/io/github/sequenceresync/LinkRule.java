package io.github.sequenceresync;

import java.util.Objects;

/**
 * A naming rule that links sequences to columns the catalog does not connect them to, written
 * {@code {table}_seq->{table}.id}: every sequence whose name matches the left side feeds the
 * column on the right, in the table of that name in the sequence's own schema, where that table
 * and column exist. Hibernate's default ({@code order_lines_seq} feeds {@code order_lines.id}) is
 * {@code {table}_seq->{table}.id}; a legacy schema may follow {@code seq_{table}->{table}.{table}_id}.
 * Links a rule makes are reported as such.
 *
 * @param sequence the sequence's name with {@code {table}} once where the table's name stands
 * @param table    the table's name, {@code {table}} or a name built around it
 * @param column   the column's name, which may use {@code {table}} as well
 */
public record LinkRule(String sequence, String table, String column) {

    private static final String TABLE = "{table}";

    /** Validates the three parts; the message names what is wrong. */
    public LinkRule {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        int at = sequence.indexOf(TABLE);
        if (at < 0 || sequence.indexOf(TABLE, at + 1) >= 0 || sequence.equals(TABLE)) {
            throw new IllegalArgumentException("link rule " + sequence + "->" + table + "." + column
                    + ": the sequence side must hold {table} once, beside other text, e.g. {table}_seq");
        }
        if (table.isBlank() || column.isBlank()) {
            throw new IllegalArgumentException("link rule " + sequence + "->" + table + "." + column
                    + ": expected sequence->table.column, e.g. {table}_seq->{table}.id");
        }
    }

    /**
     * Parses {@code sequence->table.column}, e.g. {@code {table}_seq->{table}.id}.
     *
     * @param option how the entry point names the option, for the error message
     * @throws IllegalArgumentException naming the option and the expected form
     */
    public static LinkRule parse(String text, String option) {
        int arrow = text == null ? -1 : text.indexOf("->");
        int dot = text == null ? -1 : text.lastIndexOf('.');
        if (arrow <= 0 || dot <= arrow + 2 || dot == text.length() - 1) {
            throw new IllegalArgumentException("invalid value '" + text + "' for option " + option
                    + ": expected sequence->table.column with {table} in the sequence's name, e.g. {table}_seq->{table}.id");
        }
        try {
            return new LinkRule(text.substring(0, arrow).trim(), text.substring(arrow + 2, dot).trim(),
                    text.substring(dot + 1).trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid value '" + text + "' for option " + option + ": "
                    + e.getMessage().substring(e.getMessage().indexOf(": ") + 2), e);
        }
    }

    /** The sequence side as an anchored PostgreSQL regular expression whose one group is the table's name. */
    String sequencePattern() {
        int at = sequence.indexOf(TABLE);
        return "^" + literal(sequence.substring(0, at)) + "(.+)" + literal(sequence.substring(at + TABLE.length())) + "$";
    }

    /** The table's name as a regexp_replace replacement of {@link #sequencePattern()}. */
    String tableReplacement() {
        return replacement(table);
    }

    /** The column's name as a regexp_replace replacement of {@link #sequencePattern()}. */
    String columnReplacement() {
        return replacement(column);
    }

    private static String replacement(String template) {
        return template.replace("\\", "\\\\").replace(TABLE, "\\1");
    }

    /** Every character but letters and digits escaped: an escaped one is itself in an ARE. */
    private static String literal(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (!Character.isLetterOrDigit(c)) {
                sb.append('\\');
            }
            sb.appendCodePoint(c);
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return sequence + "->" + table + "." + column;
    }
}

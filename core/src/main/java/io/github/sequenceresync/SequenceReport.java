package io.github.sequenceresync;

import java.util.List;
import java.util.Objects;

/**
 * The outcome for one sequence.
 *
 * @param sequence        schema-qualified name, quoted where SQL needs it ({@code public.orders_id_seq},
 *                        {@code "Sales"."Order Id"})
 * @param columns         the columns that use it, as {@code schema.table.column}
 * @param links           for each of those the catalog does not link to it: the column, "by", and what
 *                        links it ({@code public.orders.id by column mapping}, {@code ... by link rule
 *                        {table}_seq->{table}.id}, {@code ... by trigger orders_id (public.orders_id())},
 *                        {@code ... by Hibernate entity com.example.Order (pooled, allocation size 50)})
 * @param nextValueBefore the value {@code nextval()} returned before the resync; null when unknown
 *                        (sequence not readable) or exhausted
 * @param nextValueAfter  the value it returns after the resync (or would, in a dry run); equals
 *                        {@code nextValueBefore} when nothing changes
 * @param action          what was (or would be) done
 * @param problems        why a correct value cannot be set; each names the objects involved
 * @param warnings        things worth knowing that do not stop the resync (a skipped column, ...)
 * @param capacity        how many values it hands out from {@code nextValueAfter} before an insert
 *                        fails; null when its state could not be read
 */
public record SequenceReport(
        String sequence,
        List<String> columns,
        List<String> links,
        Long nextValueBefore,
        Long nextValueAfter,
        Action action,
        List<String> problems,
        List<String> warnings,
        Capacity capacity) {

    public SequenceReport {
        Objects.requireNonNull(sequence, "sequence");
        Objects.requireNonNull(action, "action");
        columns = List.copyOf(columns);
        links = List.copyOf(links);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** The same report with one more warning. */
    SequenceReport withWarning(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new SequenceReport(sequence, columns, links, nextValueBefore, nextValueAfter, action, problems, all,
                capacity);
    }

    /** The same report for a sequence the apply left alone: unchanged, now at {@code after}, and why. */
    SequenceReport leftAlone(Long after, String why) {
        return new SequenceReport(sequence, columns, links, nextValueBefore, after, Action.UNCHANGED, problems,
                withWarning(why).warnings(), capacity);
    }

    /** Whether the sequence moved (or would move, in a dry run). */
    public boolean changed() {
        return action == Action.ADVANCE || action == Action.RESET;
    }
}

package io.github.sequenceresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The outcome for one sequence. Immutable; made by the resync only (its constructor is not API, so
 * that a later version can add to it). Lists are never null, and empty when there is nothing to say.
 */
public final class SequenceReport {

    private final String sequence;
    private final List<String> columns;
    private final List<String> links;
    private final Long nextValueBefore;
    private final Long nextValueAfter;
    private final Action action;
    private final List<String> problems;
    private final List<String> warnings;
    private final Capacity capacity;

    SequenceReport(String sequence, List<String> columns, List<String> links, Long nextValueBefore,
                   Long nextValueAfter, Action action, List<String> problems, List<String> warnings,
                   Capacity capacity) {
        this.sequence = Objects.requireNonNull(sequence, "sequence");
        this.action = Objects.requireNonNull(action, "action");
        this.columns = List.copyOf(columns);
        this.links = List.copyOf(links);
        this.problems = List.copyOf(problems);
        this.warnings = List.copyOf(warnings);
        this.nextValueBefore = nextValueBefore;
        this.nextValueAfter = nextValueAfter;
        this.capacity = capacity;
    }

    /**
     * The sequence's schema-qualified name, quoted where SQL needs it ({@code public.orders_id_seq},
     * {@code "Sales"."Order Id"}).
     */
    public String sequence() {
        return sequence;
    }

    /** The columns that use it, as {@code schema.table.column}. */
    public List<String> columns() {
        return columns;
    }

    /**
     * For each of its columns the catalog does not link to it: the column, "by", and what links it
     * ({@code public.orders.id by column mapping}, {@code ... by link rule {table}_seq->{table}.id},
     * {@code ... by trigger orders_id (public.orders_id())}, {@code ... by Hibernate entity
     * com.example.Order (pooled, allocation size 50)}).
     */
    public List<String> links() {
        return links;
    }

    /**
     * The value {@code nextval()} returned before the resync; null when unknown (sequence not
     * readable) or exhausted.
     */
    public Long nextValueBefore() {
        return nextValueBefore;
    }

    /**
     * The value it returns after the resync (or would, in a dry run); equals {@link #nextValueBefore()}
     * when nothing changes; null when unknown or exhausted.
     */
    public Long nextValueAfter() {
        return nextValueAfter;
    }

    /** What was (or would be) done; never null. */
    public Action action() {
        return action;
    }

    /** Why a correct value cannot be set; each names the objects involved. */
    public List<String> problems() {
        return problems;
    }

    /** Things worth knowing that do not stop the resync (a skipped column, ...). */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * How many values it hands out from {@link #nextValueAfter()} before an insert fails; null when
     * its state could not be read.
     */
    public Capacity capacity() {
        return capacity;
    }

    /** Whether the sequence moved (or would move, in a dry run). */
    public boolean changed() {
        return action == Action.ADVANCE || action == Action.RESET;
    }

    /** The same report with one more warning. */
    SequenceReport withWarning(String warning) {
        List<String> all = new ArrayList<>(warnings);
        all.add(warning);
        return new SequenceReport(sequence, columns, links, nextValueBefore, nextValueAfter, action, problems, all,
                capacity);
    }

    /** The same report for a sequence the apply left alone: unchanged, now at {@code after}, and why. */
    SequenceReport leftAlone(Long after, String why) {
        return new SequenceReport(sequence, columns, links, nextValueBefore, after, Action.UNCHANGED, problems,
                withWarning(why).warnings(), capacity);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceReport r && sequence.equals(r.sequence) && columns.equals(r.columns)
                && links.equals(r.links) && Objects.equals(nextValueBefore, r.nextValueBefore)
                && Objects.equals(nextValueAfter, r.nextValueAfter) && action == r.action
                && problems.equals(r.problems) && warnings.equals(r.warnings) && Objects.equals(capacity, r.capacity);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, columns, links, nextValueBefore, nextValueAfter, action, problems, warnings,
                capacity);
    }

    @Override
    public String toString() {
        return "SequenceReport[sequence=" + sequence + ", columns=" + columns + ", links=" + links
                + ", nextValueBefore=" + nextValueBefore + ", nextValueAfter=" + nextValueAfter + ", action=" + action
                + ", problems=" + problems + ", warnings=" + warnings + ", capacity=" + capacity + "]";
    }
}

package io.github.sequenceresync;

import java.util.List;
import java.util.Objects;

/**
 * How many values a sequence hands out before an insert fails: it passes its own MAXVALUE (MINVALUE
 * when descending), or a column it feeds cannot hold the value (an {@code integer} column fed by a
 * {@code bigint} sequence fails at 2,147,483,647 while the sequence looks fine). Counted from the
 * next value after the resync, in steps of the increment (the planner's statement computes it, see
 * {@code Planner}). Immutable; made by the resync only (its
 * constructor is not API, so that a later version can add to it).
 */
public final class Capacity {

    private final long remaining;
    private final double percentUsed;
    private final String limitedBy;
    private final List<ColumnCapacity> columns;

    Capacity(long remaining, double percentUsed, String limitedBy, List<ColumnCapacity> columns) {
        this.remaining = remaining;
        this.percentUsed = percentUsed;
        this.limitedBy = Objects.requireNonNull(limitedBy, "limitedBy");
        this.columns = List.copyOf(columns);
    }

    /** Values left before the first limit, 0 when the next one fails already. */
    public long remaining() {
        return remaining;
    }

    /** The share of the range from the sequence's start side to that limit already used, 0 to 100. */
    public double percentUsed() {
        return percentUsed;
    }

    /**
     * What runs out first: {@code column public.orders.id (integer)} or {@code MAXVALUE 1000} (with
     * {@code , then CYCLE wraps to 1} for a cycling sequence).
     */
    public String limitedBy() {
        return limitedBy;
    }

    /** The same figures for each measured column, with its own type's limit; empty when none is. */
    public List<ColumnCapacity> columns() {
        return columns;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capacity c && remaining == c.remaining
                && Double.compare(percentUsed, c.percentUsed) == 0 && limitedBy.equals(c.limitedBy)
                && columns.equals(c.columns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(remaining, percentUsed, limitedBy, columns);
    }

    @Override
    public String toString() {
        return "Capacity[remaining=" + remaining + ", percentUsed=" + percentUsed + ", limitedBy=" + limitedBy
                + ", columns=" + columns + "]";
    }

    /**
     * One column's figures: how many values the sequence hands out before this column cannot hold
     * them. Immutable; made by the resync only.
     */
    public static final class ColumnCapacity {

        private final String column;
        private final long remaining;
        private final double percentUsed;
        private final String limitedBy;

        ColumnCapacity(String column, long remaining, double percentUsed, String limitedBy) {
            this.column = column;
            this.remaining = remaining;
            this.percentUsed = percentUsed;
            this.limitedBy = Objects.requireNonNull(limitedBy, "limitedBy");
        }

        /** The column's display name ({@code public.orders.id}); null in the figures of a sequence with none. */
        public String column() {
            return column;
        }

        /** Values left for it. */
        public long remaining() {
            return remaining;
        }

        /** The share of its range used, 0 to 100. */
        public double percentUsed() {
            return percentUsed;
        }

        /** Its type, or the sequence's bound when that comes first. */
        public String limitedBy() {
            return limitedBy;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ColumnCapacity c && Objects.equals(column, c.column) && remaining == c.remaining
                    && Double.compare(percentUsed, c.percentUsed) == 0 && limitedBy.equals(c.limitedBy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(column, remaining, percentUsed, limitedBy);
        }

        @Override
        public String toString() {
            return "ColumnCapacity[column=" + column + ", remaining=" + remaining + ", percentUsed=" + percentUsed
                    + ", limitedBy=" + limitedBy + "]";
        }
    }
}

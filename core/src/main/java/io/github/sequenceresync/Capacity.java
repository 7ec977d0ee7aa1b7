package io.github.sequenceresync;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * How many values a sequence hands out before an insert fails: it passes its own MAXVALUE (MINVALUE
 * when descending), or a column it feeds cannot hold the value (an {@code integer} column fed by a
 * {@code bigint} sequence fails at 2,147,483,647 while the sequence looks fine). Counted from the
 * next value after the resync, in steps of the increment.
 *
 * @param remaining   values left before the first limit, 0 when the next one fails already
 * @param percentUsed share of the range from the sequence's start side to that limit already used, 0 to 100
 * @param limitedBy   what runs out first: {@code column public.orders.id (integer)} or {@code MAXVALUE 1000}
 *                    (with {@code , then CYCLE wraps to 1} for a cycling sequence)
 * @param columns     the same figures for each measured column, with its own type's limit
 */
public record Capacity(long remaining, double percentUsed, String limitedBy, List<ColumnCapacity> columns) {

    /** Validates the figures. */
    public Capacity {
        columns = List.copyOf(columns);
    }

    /**
     * One column's figures: how many values the sequence hands out before this column cannot hold them.
     *
     * @param column      display name
     * @param remaining   values left for it
     * @param percentUsed share of its range used
     * @param limitedBy   its type, or the sequence's bound when that comes first
     */
    public record ColumnCapacity(String column, long remaining, double percentUsed, String limitedBy) {
    }

    /** A one-line warning when {@code percentUsed} reached {@code warnAt}, for reports and logs. */
    String warning() {
        return String.format(Locale.ROOT, "capacity: %.1f%% used, %d values left before %s runs out", percentUsed,
                remaining, limitedBy);
    }

    /**
     * The figures of a sequence whose next value is {@code next} (null: exhausted).
     *
     * @param columns the measured columns (their types' ranges)
     */
    static Capacity of(PlanInput in, Long next) {
        boolean ascending = in.increment() > 0;
        BigInteger step = BigInteger.valueOf(in.increment()).abs();
        BigInteger seqLimit = BigInteger.valueOf(ascending ? in.max() : in.min());
        BigInteger seqOrigin = BigInteger.valueOf(ascending ? in.min() : in.max());
        String seqBound = (ascending ? "MAXVALUE " + in.max() : "MINVALUE " + in.min())
                + (in.cycle() ? ", then CYCLE wraps to " + (ascending ? in.min() : in.max()) : "");
        List<ColumnCapacity> perColumn = new ArrayList<>();
        for (PlanInput.MeasuredColumn c : in.measured()) {
            BigInteger typeLimit = ascending ? c.typeMax() : c.typeMin();
            boolean typeFirst = ascending ? typeLimit.compareTo(seqLimit) < 0 : typeLimit.compareTo(seqLimit) > 0;
            BigInteger limit = typeFirst ? typeLimit : seqLimit;
            BigInteger origin = ascending ? seqOrigin.max(c.typeMin()) : seqOrigin.min(c.typeMax());
            String by = typeFirst ? "column " + c.name() + " (" + c.type() + ")" : seqBound;
            perColumn.add(figures(c.name(), next, limit, origin, step, ascending, by));
        }
        ColumnCapacity first = perColumn.stream().min(Comparator.comparingLong(ColumnCapacity::remaining))
                .orElseGet(() -> figures(null, next, seqLimit, seqOrigin, step, ascending, seqBound));
        return new Capacity(first.remaining(), first.percentUsed(), first.limitedBy(), perColumn);
    }

    private static ColumnCapacity figures(String column, Long next, BigInteger limit, BigInteger origin,
                                          BigInteger step, boolean ascending, String by) {
        BigInteger total = limit.subtract(origin).abs().divide(step).add(BigInteger.ONE);
        if (next == null || (ascending ? BigInteger.valueOf(next).compareTo(limit) > 0
                : BigInteger.valueOf(next).compareTo(limit) < 0)) {
            return new ColumnCapacity(column, 0, 100.0, by);
        }
        BigInteger remaining = limit.subtract(BigInteger.valueOf(next)).abs().divide(step).add(BigInteger.ONE)
                .min(total);
        double used = new BigDecimal(total.subtract(remaining)).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(total), 6, RoundingMode.HALF_UP).doubleValue();
        return new ColumnCapacity(column, remaining.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact(),
                Math.max(0, Math.min(100, used)), by);
    }
}

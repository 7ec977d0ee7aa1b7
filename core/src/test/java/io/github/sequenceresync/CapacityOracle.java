package io.github.sequenceresync;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The capacity rules in Java, for the tests only: the planner's statement computes a sequence's
 * {@link Capacity} and warning, {@code PlannerEquivalenceIT} checks it against this.
 */
final class CapacityOracle {

    private CapacityOracle() {
    }

    /** The smallest and largest value a column of this base type holds; numeric as bigint (the sequence bounds it). */
    static BigInteger[] typeRange(String baseType) {
        long limit = switch (baseType) {
            case "smallint" -> Short.MAX_VALUE;
            case "integer" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        return new BigInteger[] {BigInteger.valueOf(-limit - 1), BigInteger.valueOf(limit)};
    }

    /** The warning a report carries once {@code percentUsed} reached warnAt. */
    static String warning(Capacity c) {
        return Message.CAPACITY.format(BigDecimal.valueOf(c.percentUsed()).setScale(1, RoundingMode.HALF_UP)
                .toPlainString(), c.remaining(), c.limitedBy());
    }

    /** The figures of a sequence whose next value is {@code next} (null: exhausted or unknown). */
    static Capacity of(PlanInput in, Long next) {
        boolean ascending = in.increment() > 0;
        BigInteger step = BigInteger.valueOf(in.increment()).abs();
        BigInteger seqLimit = BigInteger.valueOf(ascending ? in.max() : in.min());
        BigInteger seqOrigin = BigInteger.valueOf(ascending ? in.min() : in.max());
        String seqBound = (ascending ? "MAXVALUE " + in.max() : "MINVALUE " + in.min())
                + (in.cycle() ? ", then CYCLE wraps to " + (ascending ? in.min() : in.max()) : "");
        List<Capacity.ColumnCapacity> perColumn = new ArrayList<>();
        for (PlanInput.MeasuredColumn c : in.measured()) {
            BigInteger[] range = typeRange(c.baseType());
            BigInteger typeLimit = ascending ? range[1] : range[0];
            boolean typeFirst = ascending ? typeLimit.compareTo(seqLimit) < 0 : typeLimit.compareTo(seqLimit) > 0;
            BigInteger limit = typeFirst ? typeLimit : seqLimit;
            BigInteger origin = ascending ? seqOrigin.max(range[0]) : seqOrigin.min(range[1]);
            String by = typeFirst ? "column " + c.name() + " (" + c.type() + ")" : seqBound;
            perColumn.add(figures(c.name(), next, limit, origin, step, ascending, by));
        }
        Capacity.ColumnCapacity first = perColumn.stream()
                .min(Comparator.comparingLong(Capacity.ColumnCapacity::remaining))
                .orElseGet(() -> figures(null, next, seqLimit, seqOrigin, step, ascending, seqBound));
        return new Capacity(first.remaining(), first.percentUsed(), first.limitedBy(), perColumn);
    }

    private static Capacity.ColumnCapacity figures(String column, Long next, BigInteger limit, BigInteger origin,
                                                   BigInteger step, boolean ascending, String by) {
        BigInteger total = limit.subtract(origin).abs().divide(step).add(BigInteger.ONE);
        if (next == null || (ascending ? BigInteger.valueOf(next).compareTo(limit) > 0
                : BigInteger.valueOf(next).compareTo(limit) < 0)) {
            return new Capacity.ColumnCapacity(column, 0, 100.0, by);
        }
        BigInteger remaining = limit.subtract(BigInteger.valueOf(next)).abs().divide(step).add(BigInteger.ONE)
                .min(total);
        double used = new BigDecimal(total.subtract(remaining)).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(total), 6, RoundingMode.HALF_UP).doubleValue();
        return new Capacity.ColumnCapacity(column, remaining.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact(),
                Math.max(0, Math.min(100, used)), by);
    }
}

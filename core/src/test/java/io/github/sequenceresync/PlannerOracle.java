package io.github.sequenceresync;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The test oracle: {@link Planner}'s rules written again in Java, as a pure function, for the tests
 * that check the SQL planner against it over generated cases and for properties that need no
 * database. Decides what to do with one sequence. The target is the value
 * {@code nextval()} should return next: the extreme of its columns plus its increment (MAX for
 * ascending, MIN for descending sequences). In {@link Mode#FORWARD} a sequence only moves towards
 * its direction and empty tables leave it alone; in {@link Mode#EXACT} it moves to the target
 * either way, and to START when every column is empty. Any value outside MINVALUE..MAXVALUE or
 * outside a column's type becomes a problem, and a problem means: leave the sequence alone.
 */
final class PlannerOracle {

    /*
     * A numeric column may hold NaN and (PostgreSQL 14 on) infinities, which no sequence can pass.
     * They stand here as integers beyond anything numeric holds (less than 10^131072, which is
     * below 2^435412), in PostgreSQL's order (NaN above everything), so that the comparisons treat
     * them as values outside every sequence's range and the messages can still name them.
     */
    static final BigInteger INFINITY = BigInteger.ONE.shiftLeft(435412);
    /** Beyond Infinity by more than any step, as NaN lies beyond Infinity + anything in PostgreSQL. */
    static final BigInteger NAN = INFINITY.shiftLeft(1);
    static final BigInteger MINUS_INFINITY = INFINITY.negate();

    private PlannerOracle() {
    }

    /** A measured value as PostgreSQL prints it. */
    static String show(BigInteger value) {
        if (NAN.equals(value)) {
            return "NaN";
        }
        if (INFINITY.equals(value)) {
            return "Infinity";
        }
        return MINUS_INFINITY.equals(value) ? "-Infinity" : value.toString();
    }

    /**
     * A column's extreme as PostgreSQL printed it, as an integer: a fraction rounded away from the
     * values the sequence gave (up for an ascending sequence, down for a descending one).
     */
    static BigInteger integral(String value, boolean descending) {
        return switch (value) {
            case "NaN" -> NAN;
            case "Infinity" -> INFINITY;
            case "-Infinity" -> MINUS_INFINITY;
            default -> new java.math.BigDecimal(value)
                    .setScale(0, descending ? java.math.RoundingMode.FLOOR : java.math.RoundingMode.CEILING)
                    .toBigIntegerExact();
        };
    }

    /** The column's extreme as an integer, for a sequence of this increment; null when empty. */
    static BigInteger extreme(PlanInput.MeasuredColumn c, long increment) {
        return c.extreme() == null ? null : integral(c.extreme(), increment < 0);
    }

    /** The plan, with no capacity warning. */
    static SequenceReport plan(PlanInput in, Mode mode, boolean dryRun) {
        return plan(in, mode, dryRun, Double.POSITIVE_INFINITY);
    }

    /** The plan, with the capacity warning from {@code warnAt} percent used. */
    static SequenceReport plan(PlanInput in, Mode mode, boolean dryRun, double warnAt) {
        SequenceReport report = decide(in, mode, dryRun);
        Capacity capacity = report.capacity();
        return capacity != null && capacity.percentUsed() >= warnAt
                ? report.withWarning(CapacityOracle.warning(capacity)) : report;
    }

    /**
     * The value a stored position hands out next, of a sequence of {@code in}'s definition: past a
     * bound a CYCLE sequence wraps; null when one that does not is exhausted.
     */
    static BigInteger nextOf(SequenceState state, PlanInput in) {
        BigInteger last = BigInteger.valueOf(state.lastValue());
        BigInteger next = state.isCalled() ? last.add(BigInteger.valueOf(in.increment())) : last;
        BigInteger min = BigInteger.valueOf(in.min());
        BigInteger max = BigInteger.valueOf(in.max());
        if (within(next, min, max)) {
            return next;
        }
        return in.cycle() ? (in.increment() > 0 ? min : max) : null;
    }

    /** On a cutover, the source's next value; null without a source, or when the source's is exhausted. */
    static BigInteger sourceNext(PlanInput in) {
        return in.source() == null ? null : nextOf(in.source(), in);
    }

    private static SequenceReport decide(PlanInput in, Mode mode, boolean dryRun) {
        List<String> problems = new ArrayList<>(in.problems());
        List<String> warnings = new ArrayList<>(in.warnings());
        BigInteger sourceNext = sourceNext(in);
        if (in.source() != null && sourceNext == null) {
            problems.add(Message.SOURCE_EXHAUSTED.format());
        }
        if (in.state() == null) {
            return report(in, null, null, problems.isEmpty() ? Action.SKIPPED : Action.PROBLEM, problems, warnings);
        }
        BigInteger min = BigInteger.valueOf(in.min());
        BigInteger max = BigInteger.valueOf(in.max());
        boolean ascending = in.increment() > 0;

        BigInteger last = BigInteger.valueOf(in.state().lastValue());
        BigInteger next = nextOf(in.state(), in);
        boolean exhausted = next == null;
        Long before = exhausted ? null : next.longValueExact();

        if (in.measured().isEmpty() && sourceNext == null) {
            if (exhausted && !in.columns().isEmpty()) {
                problems.add(exhaustedMessage(in, last));
            }
            if (in.columns().isEmpty() || !problems.isEmpty()) {
                return report(in, before, before, problems.isEmpty() ? Action.SKIPPED : Action.PROBLEM,
                        problems, warnings);
            }
            warnings.add(Message.NOTHING_TO_MEASURE.format());
            return report(in, before, before, Action.SKIPPED, problems, warnings);
        }

        // null target: nothing in the data to catch up with
        PlanInput.MeasuredColumn top = furthest(in.measured(), in.increment());
        BigInteger target = null;
        if (top != null) {
            BigInteger value = extreme(top, in.increment());
            BigInteger candidate = value.add(step(top, in.increment()));
            BigInteger bound = ascending ? max : min;
            if (beyond(value, bound, ascending)) {
                problems.add(Message.VALUE_OUT_OF_BOUNDS.format(top.name(), show(value),
                        ascending ? "above MAXVALUE " + max : "below MINVALUE " + min));
            } else if (beyond(candidate, bound, ascending)) {
                problems.add(Message.NEXT_OUT_OF_BOUNDS.format(top.name(), value, candidate,
                        ascending ? "above MAXVALUE " + max : "below MINVALUE " + min,
                        in.cycle() ? Message.WOULD_WRAP.format(ascending ? min : max) : Message.WOULD_EXHAUST.format()));
            } else if (within(candidate, min, max)) {
                target = candidate;
            }
            // otherwise every value lies before the sequence's range: nothing to collide with
        }
        // a cutover's source: its next value where that lies further, so that no id it handed out
        // (whose row it may have deleted since) is handed out again
        BigInteger fromData = target;
        boolean fromSource = sourceNext != null && problems.isEmpty()
                && (target == null || beyond(sourceNext, target, ascending));
        if (fromSource) {
            target = sourceNext;
        }
        if (target == null && mode == Mode.EXACT) {
            target = BigInteger.valueOf(in.start());
        }

        Action action;
        BigInteger after = exhausted ? null : next;
        if (!problems.isEmpty()) {
            action = Action.PROBLEM;
        } else if (exhausted) {
            if (mode == Mode.EXACT) {
                action = Action.RESET;
                after = target;
            } else {
                problems.add(exhaustedMessage(in, last));
                action = Action.PROBLEM;
            }
        } else if (target == null || target.equals(next)) {
            action = Action.UNCHANGED;
        } else if (beyond(target, next, ascending)) {
            action = Action.ADVANCE;
            after = target;
        } else if (mode == Mode.EXACT) {
            action = Action.RESET;
            after = target;
        } else {
            action = Action.UNCHANGED;
        }

        if (fromSource && (action == Action.ADVANCE || action == Action.RESET)) {
            warnings.add(fromData == null ? Message.FROM_SOURCE_ONLY.format(target)
                    : Message.FROM_SOURCE.format(target, fromData));
        }
        if (action != Action.PROBLEM) {
            for (PlanInput.MeasuredColumn c : in.measured()) {
                BigInteger[] range = CapacityOracle.typeRange(c.baseType());
                if (!within(after, range[0], range[1])) {
                    problems.add(Message.TYPE_TOO_NARROW.format(c.name(), c.type(), after));
                }
            }
            if (!problems.isEmpty()) {
                action = Action.PROBLEM;
                after = exhausted ? null : next;
            }
        }
        if ((action == Action.ADVANCE || action == Action.RESET) && !in.updatable()) {
            String message = Message.UPDATE_DENIED.format(in.sequence(), after);
            if (dryRun) {
                warnings.add(message);
            } else {
                problems.add(message);
                action = Action.PROBLEM;
                after = exhausted ? null : next;
            }
        }
        return report(in, before, after == null ? null : after.longValueExact(), action, problems, warnings);
    }

    private static String exhaustedMessage(PlanInput in, BigInteger last) {
        return Message.EXHAUSTED.format(last, in.increment() > 0 ? "MAXVALUE " + in.max() : "MINVALUE " + in.min());
    }

    /**
     * The column whose values ask for the furthest next value: the largest (ascending) or smallest
     * (descending) value plus its step; null if all are empty.
     */
    private static PlanInput.MeasuredColumn furthest(List<PlanInput.MeasuredColumn> columns, long increment) {
        PlanInput.MeasuredColumn best = null;
        for (PlanInput.MeasuredColumn c : columns) {
            if (c.extreme() != null && (best == null || beyond(extreme(c, increment).add(step(c, increment)),
                    extreme(best, increment).add(step(best, increment)), increment > 0))) {
                best = c;
            }
        }
        return best;
    }

    /**
     * How far past a column's extreme the next value lies: the increment, the next point of the
     * sequence's stride; or where the application makes ids of a value itself (Hibernate's
     * optimizers), as far as its next ids need: a whole pool for "pooled", one for "pooled-lo".
     */
    private static BigInteger step(PlanInput.MeasuredColumn c, long increment) {
        if (c.step() == 0) {
            return BigInteger.valueOf(increment);
        }
        return increment > 0 ? BigInteger.valueOf(c.step()) : BigInteger.valueOf(c.step()).negate();
    }

    /** Whether {@code a} lies further in the sequence's direction than {@code b} (null: never). */
    private static boolean beyond(BigInteger a, BigInteger b, boolean ascending) {
        if (b == null) {
            return false;
        }
        int cmp = a.compareTo(b);
        return ascending ? cmp > 0 : cmp < 0;
    }

    private static boolean within(BigInteger v, BigInteger min, BigInteger max) {
        return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
    }

    private static SequenceReport report(PlanInput in, Long before, Long after, Action action,
                                         List<String> problems, List<String> warnings) {
        return new SequenceReport(in.sequence(), in.columns(), in.links(), before, after, action, problems, warnings,
                in.state() == null ? null : CapacityOracle.of(in, after));
    }
}

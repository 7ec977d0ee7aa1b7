package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the pure planner over random sequences, states and column data. */
class PlannerPropertyTest {

    @Property(tries = 2000)
    void forwardModeNeverMovesASequenceBackwards(@ForAll("inputs") PlanInput in) {
        SequenceReport r = Planner.plan(in, Mode.FORWARD, false);
        assertThat(r.action()).isNotEqualTo(Action.RESET);
        if (r.action() == Action.ADVANCE) {
            assertThat(in.increment() > 0 ? r.nextValueAfter() > r.nextValueBefore()
                    : r.nextValueAfter() < r.nextValueBefore()).isTrue();
        } else {
            assertThat(r.nextValueAfter()).isEqualTo(r.nextValueBefore());
        }
    }

    @Property(tries = 2000)
    void afterAChangeTheNextValueIsPastEveryRowAndInRange(@ForAll("inputs") PlanInput in,
                                                         @ForAll Mode mode) {
        SequenceReport r = Planner.plan(in, mode, false);
        if (!r.changed()) {
            return;
        }
        long next = r.nextValueAfter();
        assertThat(next).isBetween(in.min(), in.max());
        for (PlanInput.MeasuredColumn c : in.measured()) {
            if (c.extreme() != null && within(c.extreme(), in)) {
                BigInteger n = BigInteger.valueOf(next);
                assertThat(in.increment() > 0 ? n.compareTo(c.extreme()) > 0 : n.compareTo(c.extreme()) < 0)
                        .as("next %s past %s of %s", next, c.extreme(), c.name()).isTrue();
            }
        }
    }

    @Property(tries = 2000)
    void aSecondPlanAfterApplyingChangesNothing(@ForAll("inputs") PlanInput in, @ForAll Mode mode) {
        SequenceReport first = Planner.plan(in, mode, false);
        if (!first.changed()) {
            return;
        }
        // what setval(seq, after, false) leaves behind
        PlanInput applied = withState(in, new SequenceState(first.nextValueAfter(), false));
        SequenceReport second = Planner.plan(applied, mode, false);
        assertThat(second.action()).isEqualTo(Action.UNCHANGED);
        assertThat(second.nextValueAfter()).isEqualTo(first.nextValueAfter());
    }

    @Property(tries = 2000)
    void problemsLeaveTheSequenceAlone(@ForAll("inputs") PlanInput in, @ForAll Mode mode) {
        SequenceReport r = Planner.plan(in, mode, false);
        if (!r.problems().isEmpty()) {
            assertThat(r.action()).isEqualTo(Action.PROBLEM);
            assertThat(r.nextValueAfter()).isEqualTo(r.nextValueBefore());
        }
    }

    @Property(tries = 2000)
    void calledAndNotCalledFormsOfTheSamePositionPlanAlike(@ForAll("inputs") PlanInput in, @ForAll Mode mode) {
        SequenceState s = in.state();
        long next = s.lastValue() + in.increment();
        if (!s.isCalled() || next < in.min() || next > in.max()) {
            return;
        }
        SequenceReport called = Planner.plan(in, mode, false);
        SequenceReport notCalled = Planner.plan(withState(in, new SequenceState(next, false)), mode, false);
        assertThat(notCalled.nextValueAfter()).isEqualTo(called.nextValueAfter());
        assertThat(notCalled.action()).isEqualTo(called.action());
    }

    @Property(tries = 1000)
    void exactModeLandsRightAfterTheDataOrOnStart(@ForAll("inputs") PlanInput in) {
        SequenceReport r = Planner.plan(in, Mode.EXACT, false);
        if (r.action() == Action.PROBLEM || r.action() == Action.SKIPPED) {
            return;
        }
        boolean ascending = in.increment() > 0;
        BigInteger extreme = in.measured().stream().map(PlanInput.MeasuredColumn::extreme)
                .filter(e -> e != null).reduce(ascending ? BigInteger::max : BigInteger::min).orElse(null);
        BigInteger expected = extreme == null ? BigInteger.valueOf(in.start()) : extreme.add(BigInteger.valueOf(in.increment()));
        if (extreme != null && !within(expected, in)) {
            expected = BigInteger.valueOf(in.start()); // every row lies before the sequence's range
        }
        assertThat(BigInteger.valueOf(r.nextValueAfter())).isEqualTo(expected);
    }

    private static boolean within(BigInteger v, PlanInput in) {
        return v.compareTo(BigInteger.valueOf(in.min())) >= 0 && v.compareTo(BigInteger.valueOf(in.max())) <= 0;
    }

    private static PlanInput withState(PlanInput in, SequenceState state) {
        return new PlanInput(in.sequence(), in.columns(), in.start(), in.increment(), in.min(), in.max(),
                in.cycle(), state, in.measured(), in.updatable(), in.warnings(), in.problems());
    }

    @Provide
    Arbitrary<PlanInput> inputs() {
        Arbitrary<long[]> bounds = Arbitraries.longs().between(-1_000, 1_000).tuple2()
                .filter(t -> !t.get1().equals(t.get2()))
                .map(t -> new long[] {Math.min(t.get1(), t.get2()), Math.max(t.get1(), t.get2())});
        Arbitrary<Long> increment = Arbitraries.longs().between(-20, 20).filter(i -> i != 0);
        return Combinators.combine(bounds, increment, Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 1000), Arbitraries.of(true, false), Arbitraries.of(true, false),
                        Arbitraries.integers().between(-1_100, 1_100).injectNull(0.3).list().ofMaxSize(3))
                .as((b, inc, startPick, lastPick, called, cycle, extremes) -> {
                    long min = b[0];
                    long max = b[1];
                    long start = min + startPick % (max - min + 1);
                    long last = min + lastPick % (max - min + 1);
                    List<PlanInput.MeasuredColumn> columns = new ArrayList<>();
                    for (int i = 0; i < extremes.size(); i++) {
                        Integer e = extremes.get(i);
                        columns.add(PlanInput.MeasuredColumn.of("s.t" + i + ".id", "bigint", "bigint",
                                e == null ? null : BigInteger.valueOf(e)));
                    }
                    return new PlanInput("s.seq", columns.stream().map(PlanInput.MeasuredColumn::name).toList(),
                            start, inc, min, max, cycle, new SequenceState(last, called), columns, true,
                            List.of(), List.of());
                });
    }
}

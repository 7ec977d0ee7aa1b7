package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import io.github.sequenceresync.testing.Generator;
import io.github.sequenceresync.testing.PropertyTest;

/** Properties of the pure planner over random sequences, states and column data (a seed each). */
class PlannerPropertyTest {

    @PropertyTest(tries = 2000)
    void forwardModeNeverMovesASequenceBackwards(long seed) {
        PlanInput in = input(new Generator(seed));
        SequenceReport r = PlannerOracle.plan(in, Mode.FORWARD, false);
        assertThat(r.action()).isNotEqualTo(Action.RESET);
        if (r.action() == Action.ADVANCE) {
            assertThat(in.increment() > 0 ? r.nextValueAfter() > r.nextValueBefore()
                    : r.nextValueAfter() < r.nextValueBefore()).isTrue();
        } else {
            assertThat(r.nextValueAfter()).isEqualTo(r.nextValueBefore());
        }
    }

    /** With a step (Hibernate pooled), the ids handed out for the next value are all past the rows. */
    @PropertyTest(tries = 2000)
    void afterAChangeTheNextValueIsPastEveryRowAndInRange(long seed) {
        Generator g = new Generator(seed);
        PlanInput in = input(g);
        Mode mode = g.oneOf(Mode.class);
        SequenceReport r = PlannerOracle.plan(in, mode, false);
        if (!r.changed()) {
            return;
        }
        long next = r.nextValueAfter();
        assertThat(next).isBetween(in.min(), in.max());
        for (PlanInput.MeasuredColumn c : in.measured()) {
            BigInteger extreme = PlannerOracle.extreme(c, in.increment());
            if (extreme != null && within(extreme, in)) {
                BigInteger pool = BigInteger.valueOf(Math.max(c.step(), 1) - 1);
                BigInteger firstId = in.increment() > 0 ? BigInteger.valueOf(next).subtract(pool)
                        : BigInteger.valueOf(next).add(pool);
                assertThat(in.increment() > 0 ? firstId.compareTo(extreme) > 0 : firstId.compareTo(extreme) < 0)
                        .as("first id %s of next value %s past %s of %s", firstId, next, extreme, c.name()).isTrue();
            }
        }
    }

    /** A cutover never leaves a sequence before its source's next value: no id the source handed out comes again. */
    @PropertyTest(tries = 2000)
    void withASourceTheNextValueIsNeverBeforeTheSources(long seed) {
        PlanInput in = input(new Generator(seed));
        SequenceReport r = PlannerOracle.plan(in, Mode.FORWARD, false);
        BigInteger sourceNext = PlannerOracle.sourceNext(in);
        if (sourceNext == null || r.action() == Action.PROBLEM || r.nextValueAfter() == null) {
            return;
        }
        BigInteger after = BigInteger.valueOf(r.nextValueAfter());
        assertThat(in.increment() > 0 ? after.compareTo(sourceNext) >= 0 : after.compareTo(sourceNext) <= 0)
                .as("next %s, source's next %s", after, sourceNext).isTrue();
    }

    @PropertyTest(tries = 2000)
    void aSecondPlanAfterApplyingChangesNothing(long seed) {
        Generator g = new Generator(seed);
        PlanInput in = input(g);
        Mode mode = g.oneOf(Mode.class);
        SequenceReport first = PlannerOracle.plan(in, mode, false);
        if (!first.changed()) {
            return;
        }
        // what setval(seq, after, false) leaves behind
        PlanInput applied = withState(in, new SequenceState(first.nextValueAfter(), false));
        SequenceReport second = PlannerOracle.plan(applied, mode, false);
        assertThat(second.action()).isEqualTo(Action.UNCHANGED);
        assertThat(second.nextValueAfter()).isEqualTo(first.nextValueAfter());
    }

    @PropertyTest(tries = 2000)
    void problemsLeaveTheSequenceAlone(long seed) {
        Generator g = new Generator(seed);
        PlanInput in = input(g);
        Mode mode = g.oneOf(Mode.class);
        SequenceReport r = PlannerOracle.plan(in, mode, false);
        if (!r.problems().isEmpty()) {
            assertThat(r.action()).isEqualTo(Action.PROBLEM);
            assertThat(r.nextValueAfter()).isEqualTo(r.nextValueBefore());
        }
    }

    @PropertyTest(tries = 2000)
    void calledAndNotCalledFormsOfTheSamePositionPlanAlike(long seed) {
        Generator g = new Generator(seed);
        PlanInput in = input(g);
        Mode mode = g.oneOf(Mode.class);
        SequenceState s = in.state();
        long next = s.lastValue() + in.increment();
        if (!s.isCalled() || next < in.min() || next > in.max()) {
            return;
        }
        SequenceReport called = PlannerOracle.plan(in, mode, false);
        SequenceReport notCalled = PlannerOracle.plan(withState(in, new SequenceState(next, false)), mode, false);
        assertThat(notCalled.nextValueAfter()).isEqualTo(called.nextValueAfter());
        assertThat(notCalled.action()).isEqualTo(called.action());
    }

    @PropertyTest(tries = 1000)
    void exactModeLandsRightAfterTheDataOrOnStart(long seed) {
        PlanInput in = input(new Generator(seed));
        SequenceReport r = PlannerOracle.plan(in, Mode.EXACT, false);
        if (r.action() == Action.PROBLEM || r.action() == Action.SKIPPED) {
            return;
        }
        boolean ascending = in.increment() > 0;
        BigInteger expected = in.measured().stream().filter(c -> c.extreme() != null)
                .map(c -> PlannerOracle.extreme(c, in.increment()).add(BigInteger.valueOf(c.step() == 0 ? in.increment()
                        : ascending ? c.step() : -c.step())))
                .reduce(ascending ? BigInteger::max : BigInteger::min).orElse(null);
        if (expected != null && !within(expected, in)) {
            expected = null; // every row lies before the sequence's range
        }
        BigInteger sourceNext = PlannerOracle.sourceNext(in);
        if (sourceNext != null && (expected == null
                || (ascending ? sourceNext.compareTo(expected) > 0 : sourceNext.compareTo(expected) < 0))) {
            expected = sourceNext;
        }
        if (expected == null) {
            expected = BigInteger.valueOf(in.start());
        }
        assertThat(BigInteger.valueOf(r.nextValueAfter())).isEqualTo(expected);
    }

    private static boolean within(BigInteger v, PlanInput in) {
        return v.compareTo(BigInteger.valueOf(in.min())) >= 0 && v.compareTo(BigInteger.valueOf(in.max())) <= 0;
    }

    private static PlanInput withState(PlanInput in, SequenceState state) {
        return new PlanInput(in.sequence(), in.columns(), in.links(), in.start(), in.increment(), in.min(), in.max(),
                in.cycle(), state, in.measured(), in.updatable(), in.warnings(), in.problems(), in.source());
    }

    /** A sequence (bounds, start, increment, state, cycle) and up to three columns' extremes. */
    static PlanInput input(Generator g) {
        long a = g.between(-1_000L, 1_000L);
        long b = g.between(-1_000L, 1_000L);
        if (a == b) {
            b = a == 1_000 ? a - 1 : a + 1;
        }
        long min = Math.min(a, b);
        long max = Math.max(a, b);
        long increment = g.bool() ? g.between(1L, 20L) : g.between(-20L, -1L);
        long start = min + g.between(0, 1000) % (max - min + 1);
        long last = min + g.between(0, 1000) % (max - min + 1);
        boolean called = g.bool();
        boolean cycle = g.bool();
        List<Integer> extremes = g.list(0, 3, () -> g.orNull(0.3, () -> g.between(-1_100, 1_100)));
        List<PlanInput.MeasuredColumn> columns = new ArrayList<>();
        for (int i = 0; i < extremes.size(); i++) {
            Integer e = extremes.get(i);
            // most columns take the value itself as the id (step 0: the increment); some give a step
            // of their own (Hibernate's optimizers: pooled a pool of ids ending at the value)
            long step = g.bool() ? 0 : g.between(1L, 60L);
            columns.add(new PlanInput.MeasuredColumn("s.t" + i + ".id", "bigint", "bigint",
                    e == null ? null : e.toString(), step));
        }
        return new PlanInput("s.seq", columns.stream().map(PlanInput.MeasuredColumn::name).toList(), List.of(),
                start, increment, min, max, cycle, new SequenceState(last, called), columns, true,
                List.of(), List.of(),
                // a cutover's source, sometimes: the same sequence's position there
                g.bool() ? null : new SequenceState(min + g.between(0, 1000) % (max - min + 1), g.bool()));
    }
}

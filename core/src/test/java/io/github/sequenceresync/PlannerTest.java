package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's decisions for the cases that are easy to get wrong, without a database. */
class PlannerTest {

    private static PlanInput input(long start, long inc, long min, long max, boolean cycle, long last, boolean called,
                                   Long... extremes) {
        List<PlanInput.MeasuredColumn> columns = Arrays.stream(extremes)
                .map(e -> new PlanInput.MeasuredColumn("s.t.id", "bigint", "bigint", e == null ? null : e.toString(), 0))
                .toList();
        return new PlanInput("s.seq", List.of("s.t.id"), List.of(), start, inc, min, max, cycle,
                new SequenceState(last, called), columns, true, List.of(), List.of(), null);
    }

    @Test
    void notANumberAndInfinitiesLieBeyondEveryValueANumericColumnHolds() {
        BigInteger largestNumeric = BigInteger.TEN.pow(131072).subtract(BigInteger.ONE);
        assertThat(PlannerOracle.INFINITY).isGreaterThan(largestNumeric);
        assertThat(PlannerOracle.NAN).isGreaterThan(PlannerOracle.INFINITY);
        assertThat(PlannerOracle.MINUS_INFINITY).isLessThan(largestNumeric.negate());
        assertThat(PlannerOracle.show(PlannerOracle.integral("NaN", false))).isEqualTo("NaN");
        assertThat(PlannerOracle.show(largestNumeric)).isEqualTo(largestNumeric.toString());
        assertThat(PlannerOracle.integral("41.2", false)).isEqualTo(42);
        assertThat(PlannerOracle.integral("-41.2", true)).isEqualTo(-42);
    }

    @Test
    void notCalledSequenceAtTheMaximumMovesOnePast() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, 100, false, 5, false, 5L), Mode.FORWARD, false);
        assertThat(r.nextValueBefore()).isEqualTo(5);
        assertThat(r.nextValueAfter()).isEqualTo(6);
        assertThat(r.action()).isEqualTo(Action.ADVANCE);
    }

    @Test
    void calledSequenceAtTheMaximumIsInStep() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, 100, false, 5, true, 5L), Mode.FORWARD, false);
        assertThat(r.action()).isEqualTo(Action.UNCHANGED);
        assertThat(r.nextValueAfter()).isEqualTo(6);
    }

    @Test
    void emptyColumnsLeaveTheSequenceAloneInForwardMode() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, 100, false, 40, true, (Long) null), Mode.FORWARD, false);
        assertThat(r.action()).isEqualTo(Action.UNCHANGED);
        assertThat(r.nextValueAfter()).isEqualTo(41);
    }

    @Test
    void emptyColumnsResetToStartInExactMode() {
        SequenceReport r = PlannerOracle.plan(input(10, 1, 1, 100, false, 40, true, (Long) null), Mode.EXACT, false);
        assertThat(r.action()).isEqualTo(Action.RESET);
        assertThat(r.nextValueAfter()).isEqualTo(10);
    }

    @Test
    void descendingSequenceGoesBelowTheMinimum() {
        SequenceReport r = PlannerOracle.plan(input(-1, -2, -100, -1, false, -1, false, -9L, -3L), Mode.FORWARD, false);
        assertThat(r.nextValueAfter()).isEqualTo(-11);
    }

    @Test
    void valueExactlyAtMaxvalueIsAProblem() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, 100, false, 1, false, 100L), Mode.FORWARD, false);
        assertThat(r.action()).isEqualTo(Action.PROBLEM);
        assertThat(r.problems()).singleElement().asString().contains("s.t.id holds 100").contains("exhausted");
    }

    @Test
    void exhaustedSequenceWithoutDataToPassIsAProblem() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, 100, false, 100, true, 3L), Mode.FORWARD, false);
        assertThat(r.nextValueBefore()).isNull();
        assertThat(r.problems()).singleElement().asString().contains("exhausted");
    }

    @Test
    void exhaustedSequenceIsRepairedInExactMode() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, 100, false, 100, true, 3L), Mode.EXACT, false);
        assertThat(r.action()).isEqualTo(Action.RESET);
        assertThat(r.nextValueAfter()).isEqualTo(4);
    }

    @Test
    void cycleSequencePastItsMaximumWrapsToMinvalue() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, 100, true, 100, true, (Long) null), Mode.FORWARD, false);
        assertThat(r.nextValueBefore()).isEqualTo(1);
        assertThat(r.action()).isEqualTo(Action.UNCHANGED);
    }

    @Test
    void smallintColumnPastItsRangeIsAProblem() {
        PlanInput.MeasuredColumn c = new PlanInput.MeasuredColumn("s.t.id", "smallint", "smallint", "32767", 0);
        PlanInput in = new PlanInput("s.seq", List.of("s.t.id"), List.of(), 1, 1, 1, Long.MAX_VALUE, false,
                new SequenceState(1, false), List.of(c), true, List.of(), List.of(), null);
        SequenceReport r = PlannerOracle.plan(in, Mode.FORWARD, false);
        assertThat(r.problems()).singleElement().asString().contains("s.t.id is smallint").contains("32768");
    }

    @Test
    void bigintExtremesNearTheLimitDoNotOverflow() {
        SequenceReport r = PlannerOracle.plan(input(1, 1, 1, Long.MAX_VALUE, false, 1, false, Long.MAX_VALUE), Mode.FORWARD,
                false);
        assertThat(r.action()).isEqualTo(Action.PROBLEM);
    }

    @Test
    void unreadableSequenceKeepsItsProblem() {
        PlanInput in = new PlanInput("s.seq", List.of("s.t.id"), List.of(), 1, 1, 1, 100, false, null, List.of(), true,
                List.of(), List.of("permission denied: SELECT on sequence s.seq is needed to read its state"), null);
        SequenceReport r = PlannerOracle.plan(in, Mode.FORWARD, false);
        assertThat(r.action()).isEqualTo(Action.PROBLEM);
        assertThat(r.nextValueBefore()).isNull();
    }
}

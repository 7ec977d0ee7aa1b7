package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How many values a sequence has left: the limit is its own bound or the type of a column it feeds,
 * whichever comes first; descending sequences count down; CYCLE is named. Known answers for the
 * oracle ({@link CapacityOracle}) that {@code PlannerEquivalenceIT} holds the planner's statement to.
 */
class CapacityTest {

    private static PlanInput sequence(long inc, long min, long max, boolean cycle, PlanInput.MeasuredColumn... columns) {
        return new PlanInput("s.seq", List.of(), List.of(), inc > 0 ? min : max, inc, min, max, cycle,
                new SequenceState(1, false), List.of(columns), true, List.of(), List.of(), null);
    }

    private static PlanInput.MeasuredColumn column(String name, String type) {
        return new PlanInput.MeasuredColumn(name, type, type, "1", 0);
    }

    @Test
    void anIntegerColumnFedByABigintSequenceRunsOutAtItsTypesMaximum() {
        Capacity c = CapacityOracle.of(sequence(1, 1, Long.MAX_VALUE, false, column("s.t.id", "integer")), 2_000_000_000L);
        assertThat(c.remaining()).isEqualTo(147_483_648L);
        assertThat(c.limitedBy()).isEqualTo("column s.t.id (integer)");
        assertThat(c.percentUsed()).isBetween(93.13, 93.14);
    }

    @Test
    void theColumnThatRunsOutFirstLimitsASharedSequence() {
        Capacity c = CapacityOracle.of(sequence(10, 1, Long.MAX_VALUE, false, column("s.big.id", "bigint"),
                column("s.small.id", "smallint")), 32_001L);
        assertThat(c.remaining()).isEqualTo(77); // 32001, 32011, ..., 32761
        assertThat(c.limitedBy()).isEqualTo("column s.small.id (smallint)");
        assertThat(c.columns()).extracting(Capacity.ColumnCapacity::column).containsExactly("s.big.id", "s.small.id");
        assertThat(c.columns().get(0).limitedBy()).isEqualTo("MAXVALUE " + Long.MAX_VALUE);
    }

    @Test
    void aDescendingSequenceCountsDownToItsMinvalue() {
        Capacity c = CapacityOracle.of(sequence(-1, -1000, -1, false, column("s.t.id", "integer")), -901L);
        assertThat(c.remaining()).isEqualTo(100);
        assertThat(c.limitedBy()).isEqualTo("MINVALUE -1000");
        assertThat(c.percentUsed()).isEqualTo(90.0);
    }

    @Test
    void aCyclingSequenceSaysWhereItWraps() {
        Capacity c = CapacityOracle.of(sequence(1, 1, 1000, true, column("s.t.id", "bigint")), 951L);
        assertThat(c.remaining()).isEqualTo(50);
        assertThat(c.limitedBy()).isEqualTo("MAXVALUE 1000, then CYCLE wraps to 1");
        assertThat(c.percentUsed()).isEqualTo(95.0);
    }

    @Test
    void anExhaustedSequenceHasNothingLeft() {
        Capacity c = CapacityOracle.of(sequence(1, 1, 1000, false), null);
        assertThat(c.remaining()).isZero();
        assertThat(c.percentUsed()).isEqualTo(100.0);
        assertThat(c.limitedBy()).isEqualTo("MAXVALUE 1000");
    }

    @Test
    void aFreshSequenceHasUsedNothing() {
        Capacity c = CapacityOracle.of(sequence(1, 1, Long.MAX_VALUE, false, column("s.t.id", "bigint")), 1L);
        assertThat(c.percentUsed()).isZero();
        assertThat(c.remaining()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void theWarningSaysHowMuchIsLeftAndWhatRunsOut() {
        Capacity c = CapacityOracle.of(sequence(1, 1, Long.MAX_VALUE, false, column("s.t.id", "integer")), 2_000_000_000L);
        assertThat(CapacityOracle.warning(c)).isEqualTo("capacity: 93.1% used, 147483648 values left before column s.t.id (integer)"
                                          + " runs out");
    }
}

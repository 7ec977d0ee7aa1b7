package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The setval a change makes: the sequence left called wherever its bounds allow. */
class ApplierChangeTest {

    private static DiscoveredSequence sequence(long increment, long min, long max) {
        return new DiscoveredSequence(1, "s", "q", "s.q", increment > 0 ? min : max, increment, min, max,
                false, "bigint", true, null, List.of(), List.of());
    }

    @Test
    void ascendingTargetIsSetAsCalledOneStepBefore() {
        Applier.Change c = Applier.Change.of(sequence(10, 1, 1000), 51, false);
        assertThat(c.last()).isEqualTo(41);
        assertThat(c.called()).isTrue();
    }

    @Test
    void targetAtTheFirstValueIsSetNotCalled() {
        Applier.Change c = Applier.Change.of(sequence(1, 1, 1000), 1, true);
        assertThat(c.last()).isEqualTo(1);
        assertThat(c.called()).isFalse();
    }

    @Test
    void descendingTargetIsSetAsCalledOneStepAbove() {
        assertThat(Applier.Change.of(sequence(-2, -100, -1), -7, false))
                .extracting(Applier.Change::last, Applier.Change::called).containsExactly(-5L, true);
        assertThat(Applier.Change.of(sequence(-2, -100, -1), -1, false))
                .extracting(Applier.Change::last, Applier.Change::called).containsExactly(-1L, false);
    }

    @Test
    void stepBeforeOutsideTheBigintRangeIsSetNotCalled() {
        Applier.Change c = Applier.Change.of(sequence(5, Long.MIN_VALUE, -1), Long.MIN_VALUE + 2, false);
        assertThat(c.last()).isEqualTo(Long.MIN_VALUE + 2);
        assertThat(c.called()).isFalse();
    }
}

package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How the work is split when the lock table is full: the transactions it ends and what it runs. */
class LockTableChunksTest {

    private static final List<Integer> TEN = IntStream.range(0, 10).boxed().toList();

    private final List<String> log = new ArrayList<>();

    /** Work that fails like a full lock table on chunks larger than {@code fits}. */
    private LockTableChunks.Work<Integer> fitting(int fits, String state) {
        return chunk -> {
            if (chunk.size() > fits) {
                log.add("failed " + chunk.size());
                throw new SQLException("out of shared memory", state);
            }
            log.add("ran " + chunk.get(0) + ".." + chunk.get(chunk.size() - 1));
        };
    }

    private int run(List<Integer> items, int size, boolean shrink, LockTableChunks.Work<Integer> work)
            throws SQLException {
        return LockTableChunks.run(items, size, shrink, () -> log.add("rollback"), () -> log.add("end"), work);
    }

    @Test
    void allInOneStatementWhenItFitsAndNoTransactionEnded() throws SQLException {
        assertThat(run(TEN, 10, true, fitting(10, "53200"))).isEqualTo(10);
        assertThat(log).containsExactly("ran 0..9");
    }

    @Test
    void aFullLockTableHalvesTheChunkUntilItFitsAndEndsTheTransactionAfterEachChunk() throws SQLException {
        assertThat(run(TEN, 10, true, fitting(3, "53200"))).isEqualTo(3);
        assertThat(log).containsExactly("failed 10", "rollback", "failed 5", "rollback",
                "ran 0..2", "end", "ran 3..5", "end", "ran 6..8", "end", "ran 9..9", "end");
    }

    @Test
    void aGivenChunkSizeSmallerThanTheItemsEndsEachChunk() throws SQLException {
        run(TEN, 4, false, fitting(10, "53200"));
        assertThat(log).containsExactly("ran 0..3", "end", "ran 4..7", "end", "ran 8..9", "end");
    }

    @Test
    void otherErrorsWorkThatMayNotBeRetriedAndASingleItemThatDoesNotFitFailAtOnce() {
        assertThatThrownBy(() -> run(TEN, 10, true, fitting(3, "57014"))).hasMessage("out of shared memory");
        assertThat(log).containsExactly("failed 10");
        log.clear();
        assertThatThrownBy(() -> run(TEN, 10, false, fitting(3, "53200"))).isInstanceOf(SQLException.class);
        assertThat(log).containsExactly("failed 10");
        log.clear();
        assertThatThrownBy(() -> run(TEN, 10, true, fitting(0, "53200"))).isInstanceOf(SQLException.class);
        assertThat(log).containsExactly("failed 10", "rollback", "failed 5", "rollback", "failed 3", "rollback",
                "failed 2", "rollback", "failed 1");
    }
}

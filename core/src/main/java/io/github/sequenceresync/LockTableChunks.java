package io.github.sequenceresync;

import java.sql.SQLException;
import java.util.List;

/**
 * Runs a statement over many sequences within the server's lock table. Every table, index and
 * sequence a statement reads stays locked until the transaction ends, and the lock table is shared
 * and fixed in size ({@code max_locks_per_transaction} times the number of connections: some 2,000
 * tables with PostgreSQL's defaults). When it runs out (SQLSTATE 53200) in a run that has a
 * transaction of its own, that transaction is rolled back (only reads were done) and the work goes
 * on in smaller chunks, each in a transaction of its own: a chunk's results are read before its
 * transaction ends, and setval is not transactional, so ending it frees the locks and loses nothing.
 * A savepoint would not do: sequence functions hold their locks until the top transaction ends.
 */
final class LockTableChunks {

    /** SQLSTATE out_of_memory: PostgreSQL's "out of shared memory" when the lock table is full. */
    static final String OUT_OF_SHARED_MEMORY = "53200";

    /** One statement over a chunk of the sequences. */
    interface Work<T> {
        void run(List<T> chunk) throws SQLException;
    }

    /** Ends the current transaction: commits or rolls back. */
    interface TransactionEnd {
        void run() throws SQLException;
    }

    private LockTableChunks() {
    }

    /**
     * Runs {@code work} over {@code items} in chunks of {@code size}. When a chunk fails because the
     * lock table is full and {@code shrink} is set, the transaction is rolled back and the chunk
     * tried again in halves, down to one item. Once chunked, each chunk is followed by {@code end}.
     *
     * @param shrink   whether a failed chunk may be rolled back and tried again: only for a run with a
     *                 transaction of its own, and only for work that changes nothing (a failed apply
     *                 statement may have set some of its sequences already)
     * @param rollback rolls the transaction back
     * @param end      ends a chunk's transaction once chunked: a rollback after reads, a commit after setval
     * @return the chunk size that fitted: {@code items.size()} when one statement did
     */
    static <T> int run(List<T> items, int size, boolean shrink, TransactionEnd rollback, TransactionEnd end,
                       Work<T> work) throws SQLException {
        boolean chunked = size < items.size();
        int from = 0;
        while (from < items.size()) {
            int to = Math.min(items.size(), from + size);
            try {
                work.run(items.subList(from, to));
            } catch (SQLException e) {
                if (!shrink || !OUT_OF_SHARED_MEMORY.equals(e.getSQLState()) || to - from == 1) {
                    throw e;
                }
                rollback.run();
                size = (to - from + 1) / 2;
                chunked = true;
                continue;
            }
            if (chunked) {
                end.run();
            }
            from = to;
        }
        return size;
    }
}

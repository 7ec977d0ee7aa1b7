package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Right after a migration has created many tables, the catalogs' statistics still describe the
 * empty database until autovacuum analyzes them, and the planner believes there are a handful
 * of sequences. That is exactly when the Flyway and Liquibase adapters run. The discovery query
 * must stay linear in the number of tables then: counted as the rows its plan nodes produce and
 * discard, over all their loops (work, not time), for 3 times as many tables.
 */
@PostgresTest
class StaleStatisticsIT {

    @Test
    void discoveryWorkGrowsLinearlyRightAfterTablesAreCreated() throws Exception {
        long small = discoveryWork("stale_small", 150);
        long large = discoveryWork("stale_large", 450);
        assertThat((double) large / small).as("work for 450 tables against 150: %d vs %d", large, small)
                .isLessThan(4.5);
    }

    /** Creates a database with {@code tables} serial tables in one transaction and measures discovery right away. */
    private static long discoveryWork(String name, int tables) throws Exception {
        TestDatabase db = TestDatabase.create(name);
        try {
            db.execute("""
                    DO $$ BEGIN
                        FOR i IN 1..%d LOOP
                            EXECUTE format('CREATE TABLE t%%s (id serial PRIMARY KEY); INSERT INTO t%%s VALUES (1)', i, i);
                        END LOOP;
                    END $$""".formatted(tables));
            try (Connection c = db.connect();
                 PreparedStatement ps = Catalog.DISCOVER.prepare(c, "EXPLAIN (ANALYZE, FORMAT JSON) ",
                         Catalog.discoverParameters(c, ResyncOptions.builder().schemas("public").build(),
                                 List.of("public"), List.of()))) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rowsTouched(rs.getString(1));
                }
            }
        } finally {
            db.drop();
        }
    }

    private static final Pattern FIELD = Pattern.compile(
            "\"(Actual Rows|Actual Loops|Rows Removed by Filter|Rows Removed by Join Filter|Rows Removed by Index Recheck)\": ([0-9.]+)|([{}])");

    /**
     * Sums (rows produced + rows removed) x loops over every plan node. EXPLAIN prints per-loop
     * averages, so each node's figures are multiplied by its own loops.
     */
    static long rowsTouched(String jsonPlan) {
        Deque<double[]> nodes = new ArrayDeque<>(); // per object: {rows, loops}
        double total = 0;
        Matcher m = FIELD.matcher(jsonPlan);
        while (m.find()) {
            if ("{".equals(m.group(3))) {
                nodes.push(new double[] {0, 0});
            } else if ("}".equals(m.group(3))) {
                double[] node = nodes.pop();
                total += node[0] * node[1];
            } else {
                double value = Double.parseDouble(m.group(2));
                if (m.group(1).equals("Actual Loops")) {
                    nodes.peek()[1] = value;
                } else {
                    nodes.peek()[0] += value;
                }
            }
        }
        return Math.round(total);
    }
}

package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.Generator;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.PropertyTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.math.BigInteger;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * The planner's SQL decides as its Java oracle does, word for word (action, next values, problems,
 * warnings, capacity and its warning), over generated sequences: small ranges and ranges at the types' ends, both
 * directions, CYCLE, states called and not, unreadable states and problems found before planning,
 * columns of every integer type and numeric (with NaN, and infinities from PostgreSQL 14), empty,
 * beyond either bound, Hibernate steps, a cutover's source, missing UPDATE; both modes, with and
 * without dry run. Each seed plans a batch in one statement per mode.
 */
@PostgresTest
class PlannerEquivalenceIT {

    private static final int BATCH = 150;

    private final TestDatabase db;

    PlannerEquivalenceIT(TestDatabase db) {
        this.db = db;
    }

    @PropertyTest(tries = 60)
    void theSqlPlannerDecidesAsItsOracle(long seed) throws Exception {
        try (Connection c = db.connect()) {
            boolean infinities = c.getMetaData().getDatabaseMajorVersion() >= 14;
            Generator g = new Generator(seed);
            List<PlanInput> inputs = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                inputs.add(input(g, i, infinities));
            }
            double warnAt = g.oneOf(0.0, 50.0, 85.0, 99.5, 100.0);
            for (Mode mode : Mode.values()) {
                for (boolean dryRun : new boolean[] {false, true}) {
                    List<SequenceReport> planned = Planner.plan(c, inputs, mode, dryRun, warnAt);
                    assertThat(planned).hasSize(inputs.size());
                    for (int i = 0; i < inputs.size(); i++) {
                        assertThat(planned.get(i)).as("%s, %s, dry run %s, warn at %s", inputs.get(i), mode, dryRun,
                                        warnAt)
                                .isEqualTo(PlannerOracle.plan(inputs.get(i), mode, dryRun, warnAt));
                    }
                }
            }
        }
    }

    private static PlanInput input(Generator g, int n, boolean infinities) {
        boolean up = g.bool();
        long min;
        long max;
        switch (g.between(0, 3)) {
            case 0 -> {
                long a = g.between(-1_000L, 1_000L);
                long b = g.between(-1_000L, 1_000L);
                min = Math.min(a, b);
                max = Math.max(a, b) == min ? min + 1 : Math.max(a, b);
            }
            case 1 -> {
                min = up ? 1 : Long.MIN_VALUE;
                max = up ? Long.MAX_VALUE : -1;
            }
            case 2 -> {
                min = up ? 1 : Integer.MIN_VALUE;
                max = up ? Integer.MAX_VALUE : -1;
            }
            default -> {
                min = up ? 1 : -32768;
                max = up ? 32767 : -1;
            }
        }
        long increment = (up ? 1 : -1) * g.oneOf(1L, 1L, 2L, 10L, 50L);
        long start = up ? min : max;
        long last = nearEnds(g, min, max);
        boolean cycle = g.chance(0.3);
        List<PlanInput.MeasuredColumn> columns = new ArrayList<>();
        int count = g.between(0, 3);
        for (int i = 0; i < count; i++) {
            String base = g.oneOf("smallint", "integer", "bigint", "numeric");
            String extreme = g.orNull(0.2, () -> extreme(g, base, min, max, infinities));
            long step = g.bool() ? 0 : g.oneOf(1L, 20L, 50L);
            columns.add(new PlanInput.MeasuredColumn("s.t" + i + ".id", base.equals("numeric") ? "numeric(20,0)" : base,
                    base, extreme, step));
        }
        List<String> names = new ArrayList<>(columns.stream().map(PlanInput.MeasuredColumn::name).toList());
        if (columns.isEmpty() && g.bool()) {
            names.add("s.skipped.code"); // uses it, but cannot be measured
        }
        // a cutover's source, sometimes: the position there, often at an end (exhausted once called)
        SequenceState source = g.chance(0.25) ? new SequenceState(nearEnds(g, min, max), g.bool()) : null;
        return new PlanInput("s.seq" + n, names, List.of(), start, increment, min, max, cycle,
                g.chance(0.05) ? null : new SequenceState(last, g.bool()), columns, g.chance(0.9),
                g.chance(0.2) ? List.of("found before planning") : List.of(),
                g.chance(0.1) ? List.of("blocked before planning") : List.of(), source);
    }

    /** A value in min..max, often at or near either end. */
    private static long nearEnds(Generator g, long min, long max) {
        return switch (g.between(0, 3)) {
            case 0 -> min + g.between(0L, Math.min(3L, max - min));
            case 1 -> max - g.between(0L, Math.min(3L, max - min));
            default -> min + Math.floorMod(g.between(0L, Long.MAX_VALUE), max - min + 1 <= 0 ? Long.MAX_VALUE : max - min + 1);
        };
    }

    /**
     * A column's extreme as PostgreSQL prints it: in the sequence's range, near its ends, beyond them,
     * near the type's ends; a numeric column's with a fraction, or NaN and infinities.
     */
    private static String extreme(Generator g, String base, long min, long max, boolean infinities) {
        if (base.equals("numeric") && g.chance(0.15)) {
            return infinities ? g.oneOf("NaN", "Infinity", "-Infinity") : "NaN";
        }
        if (base.equals("numeric") && g.chance(0.3)) {
            return integer(g, min, max) + g.oneOf(".5", ".01", ".99", ".000001");
        }
        return integer(g, min, max).toString();
    }

    private static BigInteger integer(Generator g, long min, long max) {
        BigInteger value = BigInteger.valueOf(nearEnds(g, min, max));
        return switch (g.between(0, 4)) {
            case 0 -> value.add(BigInteger.valueOf(g.between(-60L, 60L)));
            case 1 -> BigInteger.valueOf(g.oneOf(32767L, 2147483647L, Long.MAX_VALUE, -32768L, Long.MIN_VALUE));
            case 2 -> BigInteger.valueOf(max).add(BigInteger.valueOf(g.between(-2L, 100L)));
            default -> value;
        };
    }
}

package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The apply statement leaves a sequence called one step before its target wherever its bounds
 * allow (so that a resync running at the same time sees it before PostgreSQL 18), else not called
 * at its target; either way nextval() returns the target next.
 */
@PostgresTest
class ApplierIT {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestDatabase db;

    ApplierIT(TestDatabase db) {
        this.db = db;
    }

    @ParameterizedTest(name = "INCREMENT {0} MINVALUE {1} MAXVALUE {2}, target {3}: last value {4}, called {5}")
    @CsvSource({
        "10, 1, 1000, 51, 41, true",
        "1, 1, 1000, 1, 1, false",
        "-2, -100, -1, -7, -5, true",
        "-2, -100, -1, -1, -1, false",
        // the step before lies below int8: computed in numeric, set not called
        "5, -9223372036854775808, -1, -9223372036854775806, -9223372036854775806, false"})
    void setsTheTargetCalledOneStepBeforeWhereTheBoundsAllow(long increment, long min, long max, long target,
                                                             long lastValue, boolean called) throws Exception {
        String name = "applier.s" + COUNTER.incrementAndGet();
        db.execute("CREATE SCHEMA IF NOT EXISTS applier; CREATE SEQUENCE " + name + " INCREMENT " + increment
                + " MINVALUE " + min + " MAXVALUE " + max + " START " + (increment > 0 ? min : max));
        long oid = db.queryLong("SELECT ?::regclass::oid::int8", name);
        try (Connection c = db.connect()) {
            Applier.apply(c, List.of(new Applier.Change(oid, target, increment, min, max, false)), false,
                    c.getMetaData().getDatabaseMajorVersion() >= 18);
        }
        assertThat(db.queryLong("SELECT last_value FROM " + name)).isEqualTo(lastValue);
        assertThat(db.queryString("SELECT is_called::text FROM " + name)).isEqualTo(String.valueOf(called));
        assertThat(db.queryLong("SELECT nextval(?)", name)).isEqualTo(target);
    }
}

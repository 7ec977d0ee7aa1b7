package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.Generator;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.PropertyTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where an ordered index leads with a column, the measurement reads its extreme as
 * {@code ORDER BY .. LIMIT 1} instead of {@code max()}/{@code min()}: random columns (integer and
 * numeric types, NULLs, negatives, fractions, NaN; ascending and descending sequences; plain,
 * partitioned and inheritance tables; column names that are also the measurement's output names)
 * are built twice, once with an index of a random kind and once without, and resync to the same
 * result. Whether the index counts (btree, whole, leading with the column) is checked on the way,
 * so that both forms are really compared.
 */
@PostgresTest
class IndexedExtremePropertyIT {

    private static final AtomicInteger TRIES = new AtomicInteger();
    private final TestDatabase db;

    IndexedExtremePropertyIT(TestDatabase db) {
        this.db = db;
    }

    /** How the table holds its rows. */
    enum Layout { PLAIN, PARTITIONED, INHERITED }

    /** The index the indexed copy gets, and whether it lets the extreme be read through it. */
    enum IndexKind {
        BTREE("(%s)", true),
        BTREE_DESC("(%s DESC NULLS LAST)", true),
        LEADING_OF_TWO("(%s, k)", true),
        SECOND_OF_TWO("(k, %s)", false),
        PARTIAL("(%s) WHERE k > 0", false),
        HASH("USING hash (%s)", false),
        BRIN("USING brin (%s)", false);

        final String definition;
        final boolean counts;

        IndexKind(String definition, boolean counts) {
            this.definition = definition;
            this.counts = counts;
        }
    }

    @PropertyTest(tries = 40)
    void anIndexChangesNothingButHowTheExtremeIsRead(long seed) throws Exception {
        Generator g = new Generator(seed);
        String type = g.oneOf("smallint", "integer", "bigint", "numeric", "numeric(12,2)");
        boolean descending = g.bool();
        Layout layout = g.oneOf(Layout.class);
        IndexKind index = g.oneOf(IndexKind.class);
        // names the measurement's own query uses for its output columns and table alias, too
        String column = g.oneOf("id", "i", "v", "t", "k2");
        List<Optional<BigDecimal>> values = g.list(0, 12, () -> g.chance(0.2) ? Optional.<BigDecimal>empty()
                : Optional.of(g.bool() ? BigDecimal.valueOf(g.between(-30_000, 30_000))
                        : BigDecimal.valueOf(g.between(-3_000_000L, 3_000_000L), 2)));
        boolean notANumber = g.bool();
        int n = TRIES.incrementAndGet();
        boolean numeric = type.startsWith("numeric");
        // rows (value, k): k spreads them over the partitions and is the second column of two-column indexes
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i).map(v -> numeric ? v.toPlainString() : v.toBigInteger().toString())
                    .orElse("NULL");
            rows.add("(" + value + ", " + (i % 2 + 1) + ")");
        }
        if (numeric && notANumber) {
            rows.add("('NaN', 1)");
        }
        SequenceReport plain = resync("no" + n, type, descending, layout, null, column, rows);
        SequenceReport indexed = resync("ix" + n, type, descending, layout, index, column, rows);

        assertThat(indexed.nextValueAfter()).isEqualTo(plain.nextValueAfter());
        assertThat(indexed.action()).isEqualTo(plain.action());
        assertThat(indexed.problems()).hasSameSizeAs(plain.problems());
        assertThat(db.nextValue("ix" + n + ".s")).isEqualTo(db.nextValue("no" + n + ".s"));
    }

    private SequenceReport resync(String schema, String type, boolean descending, Layout layout,
                                         IndexKind index, String column, List<String> rows) throws Exception {
        String col = '"' + column + '"';
        String table = switch (layout) {
            case PLAIN -> "CREATE TABLE %1$s.t (%2$s %3$s DEFAULT nextval('%1$s.s'), k int DEFAULT 1);";
            case PARTITIONED -> """
                    CREATE TABLE %1$s.t (%2$s %3$s DEFAULT nextval('%1$s.s'), k int DEFAULT 1) PARTITION BY LIST (k);
                    CREATE TABLE %1$s.t1 PARTITION OF %1$s.t FOR VALUES IN (1);
                    CREATE TABLE %1$s.t2 PARTITION OF %1$s.t DEFAULT;""";
            case INHERITED -> """
                    CREATE TABLE %1$s.t (%2$s %3$s DEFAULT nextval('%1$s.s'), k int DEFAULT 1);
                    CREATE TABLE %1$s.child () INHERITS (%1$s.t);""";
        };
        String insert = rows.isEmpty() ? ""
                : "INSERT INTO " + schema + ".t (" + col + ", k) VALUES " + String.join(", ", rows) + ";\n";
        db.execute("CREATE SCHEMA " + schema + ";\n"
                + "CREATE SEQUENCE " + schema + ".s" + (descending ? " INCREMENT -1" : "") + ";\n"
                + table.formatted(schema, col, type) + "\n"
                + (index == null ? "" : "CREATE INDEX ON " + schema + ".t " + index.definition.formatted(col) + ";\n")
                + insert
                // the child's rows count through the parent, and the child has no index of its own
                + (layout == Layout.INHERITED && !rows.isEmpty()
                   ? "INSERT INTO " + schema + ".child SELECT * FROM " + schema + ".t;\n" : "")
                + "ANALYZE " + schema + ".t;");
        ResyncOptions options = ResyncOptions.builder().schemas(schema).failOnProblem(false).build();
        try (Connection c = db.connect()) {
            if (index != null) {
                DiscoveredColumn measured = Catalog.discover(c, options, Catalog.preflight(c, options)).get(0).columns().stream()
                        .filter(dc -> dc.table().equals("t")).findFirst().orElseThrow();
                assertThat(measured.indexed()).as("index %s counts", index).isEqualTo(index.counts);
            }
            return SequenceResync.with(options).run(c).sequences().get(0);
        }
    }
}

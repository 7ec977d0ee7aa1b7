package io.github.sequenceresync.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.EdgeCases;
import io.github.sequenceresync.testing.EdgeCases.EdgeCase;
import io.github.sequenceresync.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Applies every approach to every case of the catalog that can be fixed ({@link EdgeCases}), each in a fresh database, and records: correct
 * (every ordinary insert afterwards succeeds and no sequence moved backwards), wrong (duplicate
 * key, moved backwards) or error (the approach or the insert failed otherwise). Writes the Markdown
 * table to target/correctness-matrix.md; the README shows it. Our column must be all correct.
 */
class CorrectnessMatrixIT {

    /** The catalog's cases that can be fixed: those with ordinary inserts that must work afterwards. */
    static final List<EdgeCase> FIXTURES = EdgeCases.ALL.stream().filter(c -> !c.inserts().isEmpty()).toList();

    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Test
    void everyApproachOnEveryFixture() throws Exception {
        Map<String, Map<Approach, String>> results = new LinkedHashMap<>();
        for (EdgeCase f : FIXTURES) {
            Map<Approach, String> row = new LinkedHashMap<>();
            for (Approach a : Approach.values()) {
                row.put(a, outcome(f, a));
            }
            results.put(f.title(), row);
        }
        String table = markdown(results);
        Path out = Path.of("target", "correctness-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println(table);
        for (Map.Entry<String, Map<Approach, String>> r : results.entrySet()) {
            assertThat(r.getValue().get(Approach.SEQUENCE_RESYNC)).as(r.getKey()).isEqualTo("correct");
        }
        assertThat(results.values().stream().filter(r -> !r.get(Approach.WIKI).equals("correct")).count())
                .as("the fixtures tell the approaches apart").isGreaterThan(3);
    }

    private static String outcome(EdgeCase f, Approach a) throws Exception {
        TestDatabase db = TestDatabase.create("matrix_" + COUNTER.incrementAndGet());
        try {
            db.execute(f.setup("m"));
            Map<String, Long> before = nextValues(db);
            try (Connection c = db.connect()) {
                a.run(c);
            } catch (Exception e) {
                return "error";
            }
            Map<String, Long> after = nextValues(db);
            Map<String, Long> increments = increments(db);
            for (Map.Entry<String, Long> e : before.entrySet()) {
                long increment = increments.get(e.getKey());
                Long now = after.get(e.getKey());
                if (now != null && (increment > 0 ? now < e.getValue() : now > e.getValue())) {
                    return "wrong: moved backwards";
                }
            }
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String insert : f.inserts("m")) {
                    s.execute(insert);
                }
            } catch (SQLException e) {
                return "23505".equals(e.getSQLState()) ? "wrong: duplicate key" : "error on insert";
            }
            return "correct";
        } finally {
            db.drop();
        }
    }

    /** Every sequence's next value, on one connection (one per sequence took a third of this test's time). */
    private static Map<String, Long> nextValues(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT nspname FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " AND nspname NOT LIKE 'pg\\_%'")) {
            List<String> schemas = new ArrayList<>();
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
            return TestDatabase.nextValues(c, schemas);
        }
    }

    /** Every sequence's increment, keyed as {@link TestDatabase#nextValues} keys them. */
    private static Map<String, Long> increments(TestDatabase db) throws SQLException {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT n.nspname || '.' || c.relname, p.seqincrement FROM pg_sequence p"
                        + " JOIN pg_class c ON c.oid = p.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace")) {
            while (rs.next()) {
                values.put(rs.getString(1), rs.getLong(2));
            }
        }
        return values;
    }

    private static String markdown(Map<String, Map<Approach, String>> results) {
        StringBuilder sb = new StringBuilder("| fixture |");
        for (Approach a : Approach.values()) {
            sb.append(' ').append(a.label()).append(" |");
        }
        sb.append("\n|---|");
        sb.append("---|".repeat(Approach.values().length)).append('\n');
        for (Map.Entry<String, Map<Approach, String>> r : results.entrySet()) {
            sb.append("| ").append(r.getKey()).append(" |");
            for (String cell : r.getValue().values()) {
                sb.append(' ').append(switch (cell) {
                    case "correct" -> "✅";
                    case "error", "error on insert" -> "⚠️ " + cell;
                    default -> "❌ " + cell.substring("wrong: ".length());
                }).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}

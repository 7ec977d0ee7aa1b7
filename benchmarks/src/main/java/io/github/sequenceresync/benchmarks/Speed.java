package io.github.sequenceresync.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;

/**
 * Every approach side by side on the same server, in one run: N tables of R rows whose sequences
 * are behind (never called, as after a load with explicit ids), with 0, 1 and 5 ms added to every
 * round trip by a loopback proxy; one table of many rows, with and without an index on the column;
 * and the time each adds to a {@code flyway migrate} that has nothing to apply. Reports the
 * median wall time, the round trips and how many sequences each left right, as a Markdown table,
 * and a PNG chart (time against N, one line per approach).
 */
public final class Speed {

    private Speed() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream(args[0].split(",")).mapToInt(Integer::parseInt).toArray();
        int rows = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        long[] latencies = Arrays.stream(args[3].split(",")).mapToLong(Long::parseLong).toArray();
        int latencyMaxTables = Integer.parseInt(args[4]);
        long bigRows = Long.parseLong(args[5]);
        int migrateTables = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]);
        Files.createDirectories(out);

        StringBuilder table = new StringBuilder();
        Map<Approach, Map<Integer, Double>> chart = new LinkedHashMap<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_locks_per_transaction", "4096").start();
             Connection admin = pg.getPostgresDatabase().getConnection()) {
            String version = admin.getMetaData().getDatabaseProductVersion();
            table.append("PostgreSQL ").append(version).append(" (embedded), ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, sequences never called, median of ")
                    .append(runs).append(" runs. Right: sequences whose next value is above their column's maximum")
                    .append(" after the approach ran.\n\n## Tables of ").append(rows).append(" rows\n\n")
                    .append(HEADER);
            for (int n : sizes) {
                String db = "speed_" + n;
                create(admin, db);
                build(pg.getPort(), db, n, rows);
                for (long latency : latencies) {
                    if (latency > 0 && n > latencyMaxTables) {
                        continue;
                    }
                    Map<Approach, Double> medians = compare(pg.getPort(), db, latency, runs, n + " | " + latency + " ms", table);
                    if (latency == 0) {
                        medians.forEach((a, t) -> chart.computeIfAbsent(a, k -> new LinkedHashMap<>()).put(n, t));
                    }
                }
            }

            table.append("\n## One table of ").append(String.format("%,d", bigRows))
                    .append(" rows, with and without an index on the column the sequence feeds\n\n").append(HEADER);
            create(admin, "speed_big");
            build(pg.getPort(), "speed_big", 1, bigRows);
            compare(pg.getPort(), "speed_big", 0, runs, "1 (indexed) | 0 ms", table);
            dropPrimaryKeys(pg.getPort(), "speed_big", 1);
            compare(pg.getPort(), "speed_big", 0, runs, "1 (no index) | 0 ms", table);

            table.append("\n## Time added to a `flyway migrate` with nothing to apply\n\n");
            create(admin, "speed_flyway");
            FlywayMigrate.compare(pg.getPort(), "speed_flyway", migrateTables, rows, runs, table);
        }
        Files.writeString(out.resolve("speed.md"), table, StandardCharsets.UTF_8);
        draw(chart, out.resolve("speed.png").toFile());
        System.out.println("\n" + table + "\nwritten: " + out.resolve("speed.md") + ", " + out.resolve("speed.png"));
    }

    private static final String HEADER = "| tables | added latency | approach | median | round trips | right after |\n"
            + "|---|---|---|---|---|---|\n";

    /**
     * Runs every approach on {@code db} through a proxy adding {@code latency} ms per round trip,
     * appends one table row each, and returns the medians. Sequences are reset before every run;
     * which ones the approach got right is counted after its last run. Neither is timed.
     */
    private static Map<Approach, Double> compare(int port, String db, long latency, int runs, String caseColumns,
                                                 StringBuilder table) throws Exception {
        Map<Approach, Double> medians = new LinkedHashMap<>();
        try (LatencyProxy proxy = new LatencyProxy(port, latency)) {
            for (Approach a : Approach.values()) {
                double[] times = new double[runs];
                long trips = 0;
                for (int i = 0; i < runs; i++) {
                    reset(port, db);
                    try (Connection c = connect(proxy.port(), db)) {
                        proxy.resetCount();
                        long t0 = System.nanoTime();
                        a.run(c);
                        times[i] = (System.nanoTime() - t0) / 1e6;
                        trips = proxy.roundTrips();
                    }
                }
                String right = right(port, db);
                double median = median(times);
                medians.put(a, median);
                table.append("| ").append(caseColumns).append(" | ").append(a.label())
                        .append(" | ").append(String.format("%.0f ms", median)).append(" | ").append(trips)
                        .append(" | ").append(right).append(" |\n");
                System.out.printf("%-22s %-28s %9.1f ms %7d round trips, right: %s%n", caseColumns.replace(" | ", ", +"),
                        a.label(), median, trips, right);
            }
        }
        return medians;
    }

    private static Connection connect(int port, String db) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, p);
    }

    private static void create(Connection admin, String db) throws Exception {
        try (Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
    }

    /** N tables t1..tN of R rows with explicit ids, their sequences never called. */
    private static void build(int port, String db, int tables, long rows) throws Exception {
        try (Connection c = connect(port, db); Statement s = c.createStatement()) {
            s.execute(Fixture.loadTables("", tables, rows));
            s.execute("VACUUM ANALYZE");
        }
    }

    /** Drops the primary key of tables t1..tN, and with it the index max() would read. */
    private static void dropPrimaryKeys(int port, String db, int tables) throws Exception {
        try (Connection c = connect(port, db); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                        FOR i IN 1..%d LOOP
                            EXECUTE format('ALTER TABLE t%%s DROP CONSTRAINT t%%s_pkey', i, i);
                        END LOOP;
                    END $$""".formatted(tables));
            s.execute("VACUUM ANALYZE");
        }
    }

    /** How many sequences have their next value above their column's maximum (or an empty table), of how many. */
    private static String right(int port, String db) throws Exception {
        try (Connection c = connect(port, db); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("""
                     SELECT count(*) FILTER (WHERE mx IS NULL OR nv > mx) || '/' || count(*)
                     FROM pg_depend d
                     JOIN pg_class q ON q.oid = d.objid AND q.relkind = 'S'
                     JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                     CROSS JOIN LATERAL (
                         SELECT (xpath('/row/m/text()', query_to_xml(format('SELECT max(%I) AS m FROM %s',
                                 a.attname, d.refobjid::regclass), false, true, '')))[1]::text::bigint AS mx,
                                (xpath('/row/n/text()', query_to_xml(format(
                                 'SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END AS n FROM %s',
                                 d.objid::regclass), false, true, '')))[1]::text::bigint AS nv) AS v
                     WHERE d.deptype IN ('a', 'i') AND d.refobjsubid > 0""")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every sequence back to a fresh, never-called state. Not timed. */
    private static void reset(int port, String db) throws Exception {
        try (Connection c = connect(port, db); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ DECLARE q regclass; BEGIN
                        FOR q IN SELECT oid FROM pg_class WHERE relkind = 'S' LOOP PERFORM setval(q, 1, false); END LOOP;
                    END $$""");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** A plain line chart, log-scaled on both axes, drawn with the JDK alone. */
    private static void draw(Map<Approach, Map<Integer, Double>> series, File file) throws Exception {
        int w = 900;
        int h = 560;
        int left = 80;
        int right = 260;
        int top = 40;
        int bottom = 60;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        series.values().forEach(m -> m.forEach((n, t) -> {
            xs.add(Math.log10(n));
            ys.add(Math.log10(Math.max(t, 1)));
        }));
        double x0 = xs.stream().min(Double::compare).orElse(0.0);
        double x1 = Math.max(x0 + 1, xs.stream().max(Double::compare).orElse(1.0));
        double y0 = Math.floor(ys.stream().min(Double::compare).orElse(0.0));
        double y1 = Math.ceil(ys.stream().max(Double::compare).orElse(1.0));
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawRect(left, top, plotW, plotH);
        for (double y = y0; y <= y1; y++) {
            int py = top + plotH - (int) ((y - y0) / (y1 - y0) * plotH);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left, py, left + plotW, py);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%.0f ms", Math.pow(10, y)), 10, py + 4);
        }
        for (double x : xs.stream().distinct().toList()) {
            int px = left + (int) ((x - x0) / (x1 - x0) * plotW);
            g.drawString(String.format("%.0f", Math.pow(10, x)), px - 12, top + plotH + 20);
        }
        g.drawString("tables (log scale); time: whole resync, median, no added latency (log scale)", left, h - 20);
        Color[] colors = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
                          new Color(148, 103, 189), new Color(140, 86, 75), new Color(127, 127, 127), Color.BLACK};
        int i = 0;
        for (Map.Entry<Approach, Map<Integer, Double>> e : series.entrySet()) {
            Color color = colors[i % colors.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(e.getKey() == Approach.SEQUENCE_RESYNC ? 3.5f : 1.8f));
            int[] prev = null;
            for (Map.Entry<Integer, Double> p : e.getValue().entrySet()) {
                int px = left + (int) ((Math.log10(p.getKey()) - x0) / (x1 - x0) * plotW);
                int py = top + plotH - (int) ((Math.log10(Math.max(p.getValue(), 1)) - y0) / (y1 - y0) * plotH);
                g.fillOval(px - 3, py - 3, 7, 7);
                if (prev != null) {
                    g.drawLine(prev[0], prev[1], px, py);
                }
                prev = new int[] {px, py};
            }
            g.drawLine(w - right + 15, top + 15 + i * 22, w - right + 45, top + 15 + i * 22);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey().label(), w - right + 52, top + 19 + i * 22);
            i++;
        }
        g.dispose();
        ImageIO.write(image, "png", file);
    }
}

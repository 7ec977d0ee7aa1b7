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
 * round trip by a loopback proxy. Reports the median wall time and the round trips of each, as a
 * Markdown table and a PNG chart (time against N, one line per approach).
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
        Path out = Path.of(args[5]);
        Files.createDirectories(out);

        StringBuilder table = new StringBuilder();
        Map<Approach, Map<Integer, Double>> chart = new LinkedHashMap<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_locks_per_transaction", "4096").start();
             Connection admin = pg.getPostgresDatabase().getConnection()) {
            String version = admin.getMetaData().getDatabaseProductVersion();
            table.append("PostgreSQL ").append(version).append(" (embedded), ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                    .append(rows).append(" rows a table, sequences never called, median of ").append(runs)
                    .append(" runs\n\n| tables | added latency | approach | median | round trips |\n|---|---|---|---|---|\n");
            for (int n : sizes) {
                String db = "speed_" + n;
                try (Statement s = admin.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                }
                build(pg.getPort(), db, n, rows);
                for (long latency : latencies) {
                    if (latency > 0 && n > latencyMaxTables) {
                        continue;
                    }
                    try (LatencyProxy proxy = new LatencyProxy(pg.getPort(), latency)) {
                        for (Approach a : Approach.values()) {
                            double[] times = new double[runs];
                            long trips = 0;
                            for (int i = 0; i < runs; i++) {
                                reset(pg.getPort(), db);
                                try (Connection c = connect(proxy.port(), db)) {
                                    proxy.resetCount();
                                    long t0 = System.nanoTime();
                                    a.run(c);
                                    times[i] = (System.nanoTime() - t0) / 1e6;
                                    trips = proxy.roundTrips();
                                }
                            }
                            double median = median(times);
                            table.append("| ").append(n).append(" | ").append(latency).append(" ms | ").append(a.label())
                                    .append(" | ").append(String.format("%.0f ms", median)).append(" | ").append(trips)
                                    .append(" |\n");
                            System.out.printf("%6d tables, +%d ms: %-28s %9.1f ms %7d round trips%n", n, latency,
                                    a.label(), median, trips);
                            if (latency == 0) {
                                chart.computeIfAbsent(a, k -> new LinkedHashMap<>()).put(n, median);
                            }
                        }
                    }
                }
            }
        }
        Files.writeString(out.resolve("speed.md"), table, StandardCharsets.UTF_8);
        draw(chart, out.resolve("speed.png").toFile());
        System.out.println("\n" + table + "\nwritten: " + out.resolve("speed.md") + ", " + out.resolve("speed.png"));
    }

    private static Connection connect(int port, String db) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + db, p);
    }

    private static void build(int port, String db, int tables, int rows) throws Exception {
        try (Connection c = connect(port, db); Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                        FOR i IN 1..%d LOOP
                            EXECUTE format('CREATE TABLE t%%s (id serial PRIMARY KEY, v int);
                                            INSERT INTO t%%s SELECT g, g FROM generate_series(1, %d) g', i, i);
                        END LOOP;
                    END $$""".formatted(tables, rows));
            s.execute("VACUUM ANALYZE");
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

package io.github.sequenceresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link ResyncReport} as an aligned text table or as JSON. */
final class ReportFormat {

    private static final String[] HEADERS = {"SEQUENCE", "COLUMNS", "NEXT BEFORE", "NEXT AFTER", "ACTION", "USED",
        "VALUES LEFT", "RUNS OUT AT"};
    /** The columns whose cells are numbers, aligned right. */
    private static final java.util.Set<Integer> NUMBERS = java.util.Set.of(2, 3, 5, 6);

    private ReportFormat() {
    }

    static String summary(ResyncReport report) {
        String moved = moved(report, Action.ADVANCE)
                + (report.mode() == Mode.EXACT ? ", " + moved(report, Action.RESET) : "");
        return Message.SUMMARY.format(Message.count(report.sequences().size(), "sequence"), moved,
                count(report, Action.UNCHANGED), count(report, Action.SKIPPED),
                Message.count(count(report, Action.PROBLEM), "problem"),
                report.dryRun() ? Message.DRY_RUN_NOTHING_CHANGED.template()
                        : report.applied() ? "" : Message.NOTHING_CHANGED.template());
    }

    /** "3 advanced", or where nothing was applied "3 to advance". */
    private static String moved(ResyncReport report, Action action) {
        long n = count(report, action);
        return report.applied() ? Message.COUNTED.format(n, Message.done(action).template())
                : Message.TO.format(n, action.label());
    }

    private static long count(ResyncReport report, Action action) {
        return report.sequences().stream().filter(s -> s.action() == action).count();
    }

    static String text(ResyncReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (SequenceReport s : report.sequences()) {
            Capacity c = s.capacity();
            rows.add(new String[] {s.sequence(), s.columns().isEmpty() ? "-" : String.join(", ", s.columns()),
                    value(s.nextValueBefore()), value(s.nextValueAfter()), s.action().label(),
                    c == null ? "-" : String.format(Locale.ROOT, "%.1f%%", c.percentUsed()),
                    c == null ? "-" : String.valueOf(c.remaining()),
                    // its own bound needs no name; a column that cannot hold the values does
                    c == null ? "-" : c.limitedBy().startsWith("column ") ? c.limitedBy().substring(7)
                            : c.limitedBy().substring(0, c.limitedBy().indexOf(' '))});
        }
        int[] widths = new int[HEADERS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = NUMBERS.contains(i);
                String cell = number ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(cell).append(i < row.length - 1 ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        for (SequenceReport s : report.sequences()) {
            for (String link : s.links()) {
                sb.append(Message.LINKED.format(s.sequence(), link)).append('\n');
            }
        }
        for (String p : report.problems()) {
            sb.append(Message.PROBLEM_LINE.format(p)).append('\n');
        }
        for (String w : report.warnings()) {
            sb.append(Message.WARNING_LINE.format(w)).append('\n');
        }
        return sb.append(summary(report)).append('\n').toString();
    }

    private static String value(Long v) {
        return v == null ? "-" : v.toString();
    }

    static String changeLine(ResyncReport report, SequenceReport s) {
        String verb = report.applied() ? Message.done(s.action()).template() : Message.WOULD.format(s.action().label());
        return Message.CHANGED.format(s.sequence(), verb, value(s.nextValueBefore()), value(s.nextValueAfter()),
                String.join(", ", s.columns()));
    }

    /** A sequence not moved, as the deploy log shows it (debug). */
    static String leftLine(SequenceReport s) {
        return Message.LEFT.format(s.sequence(), s.action().label(), value(s.nextValueAfter()));
    }

    static String json(ResyncReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"mode\":").append(string(report.mode().name().toLowerCase(Locale.ROOT)))
                .append(",\"dryRun\":").append(report.dryRun())
                .append(",\"applied\":").append(report.applied())
                .append(",\"inSync\":").append(report.inSync())
                .append(",\"summary\":").append(string(summary(report)))
                .append(",\"notes\":").append(strings(report.notes()))
                .append(",\"sequences\":[");
        for (int i = 0; i < report.sequences().size(); i++) {
            SequenceReport s = report.sequences().get(i);
            sb.append(i == 0 ? "" : ",")
                    .append("{\"sequence\":").append(string(s.sequence()))
                    .append(",\"columns\":").append(strings(s.columns()))
                    .append(",\"links\":").append(strings(s.links()))
                    .append(",\"nextValueBefore\":").append(s.nextValueBefore())
                    .append(",\"nextValueAfter\":").append(s.nextValueAfter())
                    .append(",\"action\":").append(string(s.action().label()))
                    .append(",\"problems\":").append(strings(s.problems()))
                    .append(",\"warnings\":").append(strings(s.warnings()))
                    .append(",\"capacity\":").append(capacity(s.capacity()))
                    .append('}');
        }
        return sb.append("]}").toString();
    }

    private static String capacity(Capacity c) {
        if (c == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("{\"remaining\":").append(c.remaining())
                .append(",\"percentUsed\":").append(percent(c.percentUsed()))
                .append(",\"limitedBy\":").append(string(c.limitedBy())).append(",\"columns\":[");
        for (int i = 0; i < c.columns().size(); i++) {
            Capacity.ColumnCapacity col = c.columns().get(i);
            sb.append(i == 0 ? "" : ",").append("{\"column\":").append(string(col.column()))
                    .append(",\"remaining\":").append(col.remaining())
                    .append(",\"percentUsed\":").append(percent(col.percentUsed()))
                    .append(",\"limitedBy\":").append(string(col.limitedBy())).append('}');
        }
        return sb.append("]}").toString();
    }

    /** A percentage with at most four decimals, as JSON and Prometheus print it. */
    static String percent(double value) {
        return new java.math.BigDecimal(value).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    /**
     * The Prometheus text exposition format (version 0.0.4, which node_exporter's textfile collector
     * and the Pushgateway read): per sequence and column, the values left and the share used; per
     * sequence, whether it is behind its data and whether it has a problem. Labels carry the names
     * as stored, unquoted.
     */
    static String prometheus(ResyncReport report) {
        StringBuilder remaining = new StringBuilder();
        StringBuilder used = new StringBuilder();
        StringBuilder behind = new StringBuilder();
        StringBuilder problem = new StringBuilder();
        for (SequenceReport s : report.sequences()) {
            List<String> seq = parts(s.sequence());
            String sequenceLabels = "schema=" + label(seq.get(0)) + ",sequence=" + label(seq.get(1));
            behind.append("sequence_resync_behind{").append(sequenceLabels).append("} ")
                    .append(s.changed() ? 1 : 0).append('\n');
            problem.append("sequence_resync_problem{").append(sequenceLabels).append("} ")
                    .append(s.action() == Action.PROBLEM ? 1 : 0).append('\n');
            Capacity c = s.capacity();
            if (c == null) {
                continue;
            }
            List<Capacity.ColumnCapacity> columns = c.columns().isEmpty()
                    ? List.of(new Capacity.ColumnCapacity(null, c.remaining(), c.percentUsed(), c.limitedBy()))
                    : c.columns();
            for (Capacity.ColumnCapacity col : columns) {
                List<String> column = col.column() == null ? List.of("", "", "") : parts(col.column());
                String labels = "{" + sequenceLabels + ",table=" + label(column.get(column.size() - 2))
                        + ",column=" + label(column.get(column.size() - 1)) + "} ";
                remaining.append("sequence_resync_remaining_values").append(labels).append(col.remaining()).append('\n');
                used.append("sequence_resync_used_ratio").append(labels).append(percent(col.percentUsed() / 100))
                        .append('\n');
            }
        }
        return "# HELP sequence_resync_remaining_values Values the sequence hands out before an insert into the column"
                + " fails (its MAXVALUE or MINVALUE, or the column's type).\n"
                + "# TYPE sequence_resync_remaining_values gauge\n" + remaining
                + "# HELP sequence_resync_used_ratio Share of the range up to that limit already used, 0 to 1.\n"
                + "# TYPE sequence_resync_used_ratio gauge\n" + used
                + "# HELP sequence_resync_behind 1 when the sequence is behind its data (a fix would move it), else 0.\n"
                + "# TYPE sequence_resync_behind gauge\n" + behind
                + "# HELP sequence_resync_problem 1 when the sequence has a problem that keeps it from being resynced.\n"
                + "# TYPE sequence_resync_problem gauge\n" + problem;
    }

    /** A label value, escaped as the exposition format wants it. */
    private static String label(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    /** The parts of a qualified name as {@code quote_ident} prints it, unquoted: {@code "My Schema".t} is [My Schema, t]. */
    static List<String> parts(String qualified) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < qualified.length(); i++) {
            char c = qualified.charAt(i);
            if (c == '"' && quoted && i + 1 < qualified.length() && qualified.charAt(i + 1) == '"') {
                part.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String strings(List<String> values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(string(values.get(i)));
        }
        return sb.append(']').toString();
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

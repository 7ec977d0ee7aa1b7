package io.github.sequenceresync;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link ResyncReport} as an aligned text table or as JSON. */
final class ReportFormat {

    private static final String[] HEADERS = {"SEQUENCE", "COLUMNS", "NEXT BEFORE", "NEXT AFTER", "ACTION"};

    private ReportFormat() {
    }

    static String summary(ResyncReport report) {
        long advanced = count(report, Action.ADVANCE);
        long reset = count(report, Action.RESET);
        long unchanged = count(report, Action.UNCHANGED);
        long skipped = count(report, Action.SKIPPED);
        long problems = count(report, Action.PROBLEM);
        String verb = report.dryRun() ? "to " : "";
        StringBuilder sb = new StringBuilder();
        sb.append(report.sequences().size()).append(report.sequences().size() == 1 ? " sequence: " : " sequences: ")
                .append(advanced).append(' ').append(verb).append(report.dryRun() ? "advance" : "advanced");
        if (report.mode() == Mode.EXACT) {
            sb.append(", ").append(reset).append(' ').append(verb).append(report.dryRun() ? "reset" : "reset");
        }
        sb.append(", ").append(unchanged).append(" unchanged, ").append(skipped).append(" skipped, ")
                .append(problems).append(problems == 1 ? " problem" : " problems");
        if (report.dryRun()) {
            sb.append(" (dry run: nothing changed)");
        }
        return sb.toString();
    }

    private static long count(ResyncReport report, Action action) {
        return report.sequences().stream().filter(s -> s.action() == action).count();
    }

    static String text(ResyncReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADERS);
        for (SequenceReport s : report.sequences()) {
            rows.add(new String[] {s.sequence(), s.columns().isEmpty() ? "-" : String.join(", ", s.columns()),
                    value(s.nextValueBefore()), value(s.nextValueAfter()), s.action().label()});
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
                boolean number = i == 2 || i == 3;
                String cell = number ? " ".repeat(widths[i] - row[i].length()) + row[i]
                        : row[i] + " ".repeat(widths[i] - row[i].length());
                line.append(cell).append(i < row.length - 1 ? "  " : "");
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        for (SequenceReport s : report.sequences()) {
            for (String link : s.links()) {
                sb.append("linked: ").append(s.sequence()).append(" -> ").append(link).append('\n');
            }
        }
        for (String p : report.problems()) {
            sb.append("problem: ").append(p).append('\n');
        }
        for (String w : report.warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.append(summary(report)).append('\n').toString();
    }

    private static String value(Long v) {
        return v == null ? "-" : v.toString();
    }

    static String changeLine(ResyncReport report, SequenceReport s) {
        boolean advance = s.action() == Action.ADVANCE;
        String verb = report.dryRun() ? (advance ? "would advance" : "would reset") : (advance ? "advanced" : "reset");
        return s.sequence() + " " + verb + " from next value " + s.nextValueBefore() + " to " + s.nextValueAfter()
                + " (" + String.join(", ", s.columns()) + ")";
    }

    static String json(ResyncReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"mode\":").append(string(report.mode().name().toLowerCase(Locale.ROOT)))
                .append(",\"dryRun\":").append(report.dryRun())
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
                    .append('}');
        }
        return sb.append("]}").toString();
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

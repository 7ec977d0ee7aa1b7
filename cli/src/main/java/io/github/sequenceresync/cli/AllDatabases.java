package io.github.sequenceresync.cli;

import io.github.sequenceresync.ResyncOptions;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * {@code check} and {@code fix} on every database of a server, as {@code vacuumdb --all --jobs N}
 * does: every database that allows connections, templates excluded, less {@code --exclude-database}
 * patterns; {@code --jobs} connections at once across databases, never more; one report per
 * database, a summary line, progress on stderr; a database that fails (no privilege, unreachable)
 * is reported and the others go on; the exit code is the worst of all.
 */
final class AllDatabases {

    /** The flags. */
    static final class Options {
        @Option(names = "--all-databases",
                description = "Every database of the server that allows connections, templates excluded; the connection"
                        + " given is used to list them")
        boolean all;

        @Option(names = "--exclude-database", paramLabel = "PATTERN", split = ",",
                description = "With --all-databases: databases to leave out, glob patterns (*, ?), repeatable")
        List<String> exclude = new ArrayList<>();

        @Option(names = "--jobs", paramLabel = "N", defaultValue = "1",
                description = "With --all-databases: this many databases at once, each on a connection of its own"
                        + " (default: 1)")
        int jobs;
    }

    /** Exit codes from least to most severe: the worst of all is the run's. */
    private static final List<Integer> SEVERITY = List.of(SequenceResyncCommand.IN_SYNC,
            SequenceResyncCommand.CAPACITY_WARNING, SequenceResyncCommand.BEHIND,
            SequenceResyncCommand.CAPACITY_FAILURE, SequenceResyncCommand.ERROR);

    private AllDatabases() {
    }

    static int run(SequenceResyncCommand.Run command, Conninfo server, ResyncOptions options, PrintWriter out,
                   PrintWriter err) {
        Options flags = command.databases;
        if (flags.jobs < 1) {
            err.println("sequence-resync: --jobs: expected at least 1, not " + flags.jobs);
            return SequenceResyncCommand.ERROR;
        }
        List<String> databases;
        try {
            databases = list(server, flags.exclude);
        } catch (SQLException e) {
            err.println("sequence-resync: --all-databases: cannot list the databases: " + e.getMessage());
            return SequenceResyncCommand.ERROR;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(flags.jobs, Math.max(1, databases.size())));
        AtomicInteger done = new AtomicInteger();
        List<Future<SequenceResyncCommand.Outcome>> futures = new ArrayList<>();
        for (String database : databases) {
            futures.add(pool.submit(() -> {
                SequenceResyncCommand.Outcome outcome = command.run(server.withDatabase(database), options, null);
                synchronized (err) {
                    err.println("sequence-resync: [" + done.incrementAndGet() + "/" + databases.size() + "] " + database
                            + ": " + (outcome.report() != null ? outcome.report().summary() : outcome.error()));
                    err.flush();
                }
                return outcome;
            }));
        }
        pool.shutdown();
        List<SequenceResyncCommand.Outcome> outcomes = new ArrayList<>();
        for (Future<SequenceResyncCommand.Outcome> f : futures) {
            try {
                outcomes.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return SequenceResyncCommand.ERROR;
            } catch (ExecutionException e) {
                outcomes.add(new SequenceResyncCommand.Outcome(null, SequenceResyncCommand.ERROR,
                        String.valueOf(e.getCause().getMessage()), (Exception) e.getCause()));
            }
        }
        print(command.output.format, databases, outcomes, out);
        int worst = outcomes.stream().map(SequenceResyncCommand.Outcome::exit)
                .max((a, b) -> Integer.compare(SEVERITY.indexOf(a), SEVERITY.indexOf(b)))
                .orElse(SequenceResyncCommand.IN_SYNC);
        return worst;
    }

    /** Every database the server lets one connect to, templates excluded, less the patterns, by name. */
    static List<String> list(Conninfo server, List<String> exclude) throws SQLException {
        List<Pattern> patterns = exclude.stream().map(AllDatabases::glob).toList();
        List<String> databases = new ArrayList<>();
        try (Connection c = server.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(
                     "SELECT datname FROM pg_catalog.pg_database WHERE datallowconn AND NOT datistemplate ORDER BY datname")) {
            while (rs.next()) {
                String name = rs.getString(1);
                if (patterns.stream().noneMatch(p -> p.matcher(name).matches())) {
                    databases.add(name);
                }
            }
        }
        return databases;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.trim().toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }

    private static void print(String format, List<String> databases, List<SequenceResyncCommand.Outcome> outcomes,
                              PrintWriter out) {
        String summary = summary(outcomes);
        switch (format.toLowerCase(Locale.ROOT)) {
            case "json" -> {
                StringBuilder sb = new StringBuilder("{\"databases\":[");
                for (int i = 0; i < databases.size(); i++) {
                    SequenceResyncCommand.Outcome o = outcomes.get(i);
                    sb.append(i == 0 ? "" : ",").append("{\"database\":").append(json(databases.get(i)))
                            .append(",\"exitCode\":").append(o.exit())
                            .append(",\"error\":").append(o.error() == null ? "null" : json(o.error()))
                            .append(",\"report\":").append(o.report() == null ? "null" : o.report().toJson()).append('}');
                }
                out.println(sb.append("],\"summary\":").append(json(summary)).append('}'));
            }
            case "prometheus" -> {
                // one family of each metric for all databases, each line labelled with its database
                List<String> help = new ArrayList<>();
                List<String> samples = new ArrayList<>();
                for (int i = 0; i < databases.size(); i++) {
                    if (outcomes.get(i).report() == null) {
                        continue;
                    }
                    String label = "database=\"" + databases.get(i).replace("\\", "\\\\").replace("\"", "\\\"") + "\",";
                    for (String line : outcomes.get(i).report().toPrometheus().split("\n")) {
                        if (line.startsWith("#")) {
                            if (!help.contains(line)) {
                                help.add(line);
                            }
                        } else {
                            samples.add(line.replaceFirst("\\{", "{" + java.util.regex.Matcher.quoteReplacement(label)));
                        }
                    }
                }
                for (String h : help.stream().filter(l -> l.startsWith("# HELP")).toList()) {
                    String metric = h.split(" ")[2];
                    out.println(h);
                    out.println("# TYPE " + metric + " gauge");
                    samples.stream().filter(l -> l.startsWith(metric + "{")).forEach(out::println);
                }
            }
            default -> {
                for (int i = 0; i < databases.size(); i++) {
                    SequenceResyncCommand.Outcome o = outcomes.get(i);
                    out.println("== database " + databases.get(i));
                    if (o.report() != null) {
                        out.print(o.report().toText());
                    }
                    if (o.error() != null) {
                        out.println("error: " + o.error());
                    }
                    out.println();
                }
                out.println(summary);
            }
        }
        out.flush();
    }

    /** {@code 5 databases: 3 in step, 1 behind or with problems, 1 failed}, and capacity where crossed. */
    private static String summary(List<SequenceResyncCommand.Outcome> outcomes) {
        long inStep = outcomes.stream().filter(o -> o.exit() == SequenceResyncCommand.IN_SYNC).count();
        long behind = outcomes.stream().filter(o -> o.exit() == SequenceResyncCommand.BEHIND).count();
        long warned = outcomes.stream().filter(o -> o.exit() == SequenceResyncCommand.CAPACITY_WARNING).count();
        long full = outcomes.stream().filter(o -> o.exit() == SequenceResyncCommand.CAPACITY_FAILURE).count();
        long failed = outcomes.stream().filter(o -> o.exit() == SequenceResyncCommand.ERROR).count();
        return outcomes.size() + (outcomes.size() == 1 ? " database: " : " databases: ") + inStep + " in step, "
                + behind + " behind or with problems, " + warned + " past --warn-at, " + full + " past --fail-at, "
                + failed + " failed";
    }

    private static String json(String s) {
        return io.github.sequenceresync.ResyncReport.jsonString(s);
    }
}

package io.github.sequenceresync.cli;

import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOption;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceResync;
import io.github.sequenceresync.SourceSequences;
import io.github.sequenceresync.Spelling;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sequence-resync check | fix | sql}: checks, fixes or prints the SQL that fixes PostgreSQL
 * sequences that fell behind their tables. Exit codes: 0 in sync (or fixed), 1 a sequence is behind
 * or has a problem, 2 usage or connection error, 3 a sequence used {@code --warn-at} of its range,
 * 4 one used {@code --fail-at}.
 */
@Command(name = "sequence-resync", versionProvider = SequenceResyncCommand.Version.class,
        description = "Keeps PostgreSQL sequences in step with the data in their tables.",
        subcommands = {SequenceResyncCommand.Check.class, SequenceResyncCommand.Fix.class, SequenceResyncCommand.Sql.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every sequence is in step (check) or was fixed (fix)",
                        "1:a sequence is behind its data (check) or has a problem",
                        "2:usage error, or a database error (the database could not be reached, a timeout)",
                        "3:every sequence is in step, but one has used --warn-at of its range",
                        "4:a sequence has used --fail-at of its range (whatever else)"})
public final class SequenceResyncCommand {

    @Mixin
    HelpOptions help;

    static final int IN_SYNC = 0;
    static final int BEHIND = 1;
    static final int ERROR = 2;
    static final int CAPACITY_WARNING = 3;
    static final int CAPACITY_FAILURE = 4;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with the option table's flags on check, fix and sql. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SequenceResyncCommand());
        for (String command : List.of("check", "fix", "sql")) {
            TableOptions.addTo(cli.getSubcommands().get(command).getCommandSpec());
        }
        return cli.setParameterExceptionHandler(SequenceResyncCommand::usageError)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("sequence-resync: " + e.getMessage());
                    return ERROR;
                });
    }

    /**
     * A mistake on the command line: one line naming it and where the right spelling is listed, not
     * picocli's full usage text, which buries the line in a deploy log; exit 2.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        // picocli's own messages start in capitals ("Missing required parameter ..."); ours do not
        String mistake = e.getMessage().substring(0, 1).toLowerCase(Locale.ROOT) + e.getMessage().substring(1);
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            mistake = (arg.startsWith("-") ? "unknown option" : cmd.getSubcommands().isEmpty() ? "unexpected argument"
                    : "unknown command") + " '" + arg + "'";
            if (!u.getSuggestions().isEmpty()) {
                mistake += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
        }
        cmd.getErr().println("sequence-resync: " + mistake + "; see " + cmd.getCommandSpec().qualifiedName() + " --help");
        return ERROR;
    }

    /**
     * The option table's options as flags of a subcommand ({@code --lock-timeout 10s},
     * {@code --fail-on-problem=false}, {@code --schemas a,b}), added when the command line is built.
     */
    static final class TableOptions {

        private TableOptions() {
        }

        static void addTo(CommandLine.Model.CommandSpec spec) {
            for (ResyncOption o : ResyncOption.values()) {
                OptionSpec.Builder b = OptionSpec.builder(o.flag())
                        .description(o.help());
                switch (o.kind()) {
                    case BOOLEAN -> b.type(String.class).arity("0..1").fallbackValue("true").paramLabel("true|false");
                    case LIST -> b.type(List.class).auxiliaryTypes(String.class).paramLabel("VALUE[,VALUE...]");
                    case TEXT -> b.type(String.class).paramLabel("VALUE");
                }
                spec.addOption(b.build());
            }
        }

        static ResyncOptions.Builder read(CommandLine.Model.CommandSpec spec) {
            ResyncOptions.Builder b = ResyncOptions.builder();
            for (ResyncOption o : ResyncOption.values()) {
                Object value = spec.findOption(o.flag()).getValue();
                String text = value instanceof List<?> list
                        ? list.stream().map(String::valueOf).collect(Collectors.joining(",")) : (String) value;
                o.apply(b, text, Spelling.COMMAND_LINE);
            }
            return b;
        }
    }

    /**
     * How to connect, the way psql and every PostgreSQL tool take it (see {@link Conninfo}).
     * Passwords never on the command line: {@code --password-env}, {@code PGPASSWORD}, a URL held
     * in a variable, or {@code ~/.pgpass}.
     */
    static final class ConnectionOptions {
        @Option(names = "--url", paramLabel = "URL",
                description = "jdbc:postgresql://host:port/db, postgres://user@host:port/db, or \"host=... dbname=...\""
                        + " (default: DATABASE_URL, else the PG* variables and the flags below)")
        String url;

        @Option(names = {"-h", "--host"}, paramLabel = "HOST", description = "Database host (default: PGHOST, localhost)")
        String host;

        @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Database port (default: PGPORT, 5432)")
        String port;

        @Option(names = {"-d", "--dbname"}, paramLabel = "DATABASE",
                description = "Database (default: PGDATABASE, else the user's name)")
        String dbname;

        @Option(names = {"-U", "--user"}, paramLabel = "USER",
                description = "Database user (default: the URL's, PGUSER, else the operating system user)")
        String user;

        @Option(names = "--password-env", paramLabel = "VAR",
                description = "Environment variable holding the password (default: the URL's, PGPASSWORD, then"
                        + " PGPASSFILE or ~/.pgpass)")
        String passwordEnv;

        Conninfo conninfo() {
            return Conninfo.resolve(url, host, port, dbname, user, password("--password-env", passwordEnv),
                    System.getenv());
        }
    }

    /**
     * A cutover's source: check and fix take the larger of what the data requires and the source's
     * next value of the same sequence. The source is only read.
     */
    static final class SourceOptions {
        @Option(names = "--source", paramLabel = "CONNECTION",
                description = "The database the data came from (a URL, URI or keywords, as --url): each sequence's next"
                        + " value is at least the source's; the source is only read (a standby will do)")
        String url;

        @Option(names = "--source-password-env", paramLabel = "VAR",
                description = "Environment variable holding the source's password (default: the URL's, then the"
                        + " password file)")
        String passwordEnv;

        @Option(names = "--source-schema-map", paramLabel = "SOURCE=TARGET", split = ",",
                description = "Schemas renamed in the move: the source's schema=this database's, repeatable")
        List<String> schemaMap = new ArrayList<>();

        SourceSequences read() throws SQLException {
            String password = password("--source-password-env", passwordEnv);
            Map<String, String> schemas = new LinkedHashMap<>();
            for (String pair : schemaMap) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw new IllegalArgumentException("--source-schema-map: expected source=target, not '" + pair + "'");
                }
                schemas.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
            // the PG* variables are the target's: the source is what --source says, nothing else
            Conninfo conninfo = Conninfo.resolve(url, null, null, null, null, password, Map.of());
            try (Connection c = conninfo.connect()) {
                return SourceSequences.read(c, schemas);
            } catch (SQLException e) {
                throw new SQLException("--source: " + e.getMessage(), e.getSQLState(), e);
            }
        }
    }

    /** The password held by the environment variable a flag names; null when the flag is not given. */
    private static String password(String flag, String variable) {
        if (variable == null) {
            return null;
        }
        String password = System.getenv(variable);
        if (password == null) {
            throw new IllegalArgumentException(flag + ": environment variable " + variable + " is not set");
        }
        return password;
    }

    /** psql's -h is the host: help is -? and --help. */
    static final class HelpOptions {
        @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
        boolean version;
    }

    /** Output and diagnostics, shared by check and fix. */
    static final class OutputOptions {
        @Option(names = "--format", paramLabel = "text|json|prometheus", defaultValue = "text",
                description = "Report format: an aligned table (default), JSON, or the Prometheus text format "
                        + "(node_exporter's textfile collector, a Pushgateway)")
        String format;

        @Option(names = "--fail-at", paramLabel = "PERCENT", defaultValue = "95",
                description = "Exit 4 when a sequence has used this share of its range, up to its MAXVALUE or the "
                        + "largest value a column it feeds holds (default: 95)")
        double failAt;

        @Option(names = "--verbose", description = "Stack traces on errors")
        boolean verbose;

        void print(PrintWriter out, ResyncReport report) {
            if (format.equalsIgnoreCase("json")) {
                out.println(report.toJson());
            } else if (format.equalsIgnoreCase("prometheus")) {
                out.print(report.toPrometheus());
            } else {
                out.print(report.toText());
            }
            out.flush();
        }

        void validate() {
            if (!List.of("text", "json", "prometheus").contains(format.toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("--format: expected text, json or prometheus, not '" + format + "'");
            }
            if (!(failAt >= 0 && failAt <= 100)) {
                throw new IllegalArgumentException("--fail-at: expected a percentage from 0 to 100, not " + failAt);
            }
        }

        /**
         * The exit code of a report that ran to the end: {@code --fail-at} crossed first, then out of
         * step, then {@code --warn-at} crossed.
         */
        int exitCode(ResyncReport report, double warnAt, int otherwise) {
            double used = report.sequences().stream().filter(s -> s.capacity() != null)
                    .mapToDouble(s -> s.capacity().percentUsed()).max().orElse(0);
            if (used >= failAt) {
                return CAPACITY_FAILURE;
            }
            if (otherwise != IN_SYNC) {
                return otherwise;
            }
            return used >= warnAt ? CAPACITY_WARNING : IN_SYNC;
        }
    }

    /** Runs a resync and turns its outcome into output and an exit code. */
    abstract static class Run implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        HelpOptions help;

        @Mixin
        ConnectionOptions connection;

        @Mixin
        OutputOptions output;

        @Mixin
        AllDatabases.Options databases;

        @Mixin
        SourceOptions source;

        abstract ResyncOptions options(ResyncOptions.Builder builder);

        /** Exit code for a report that ran to the end. */
        abstract int exitCode(ResyncReport report);

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ResyncOptions options;
            try {
                output.validate();
                options = options(TableOptions.read(spec));
            } catch (IllegalArgumentException e) {
                err.println("sequence-resync: " + e.getMessage());
                return ERROR;
            }
            Conninfo target;
            try {
                target = connection.conninfo();
            } catch (IllegalArgumentException e) {
                return print(err, out, new Outcome(null, ERROR, e.getMessage(), e));
            }
            if (databases.all) {
                if (source.url != null) {
                    return print(err, out, new Outcome(null, ERROR, "--source: one source for one database;"
                            + " it does not go with --all-databases", null));
                }
                return AllDatabases.run(this, target, options, out, err);
            }
            Outcome outcome;
            try (Progress progress = Progress.start(err)) {
                SourceSequences sequences = source.url == null ? null : source.read();
                outcome = run(target, options, sequences);
            } catch (ResyncException | IllegalArgumentException | SQLException e) {
                outcome = new Outcome(null, ERROR, e.getMessage(), e);
            }
            return print(err, out, outcome);
        }

        /**
         * One database's resync, as an outcome: never throws.
         *
         * @param sequences a cutover's source, or null
         */
        Outcome run(Conninfo target, ResyncOptions options, SourceSequences sequences) {
            try (Connection c = target.connect()) {
                SequenceResync resync = SequenceResync.with(options);
                ResyncReport report = (sequences == null ? resync : resync.withSource(sequences)).run(c);
                return new Outcome(report, output.exitCode(report, options.warnAt(), exitCode(report)), null, null);
            } catch (ResyncException e) {
                if (e.report() != null) {
                    // problems found in planning, a read-only session: nothing changed, still behind;
                    // a database error partway through a run in several transactions: the report says
                    // what was set. The report lists the problems; the message's last line says what to do
                    return new Outcome(e.report(), e.getCause() == null ? BEHIND : ERROR, firstAndLastLine(e.getMessage()),
                            null);
                }
                return new Outcome(null, ERROR, e.getMessage(), e);
            } catch (SQLException | IllegalArgumentException e) {
                return new Outcome(null, ERROR, e.getMessage(), e);
            }
        }

        private int print(PrintWriter err, PrintWriter out, Outcome outcome) {
            if (outcome.report() != null) {
                output.print(out, outcome.report());
            }
            if (outcome.error() != null) {
                err.println("sequence-resync: " + outcome.error());
                if (output.verbose && outcome.cause() != null) {
                    outcome.cause().printStackTrace(err);
                }
                err.flush();
            }
            return outcome.exit();
        }
    }

    /**
     * What a run on one database came to: its report (null when it did not get that far), its exit
     * code, and the error line (null when none), with the exception for {@code --verbose}.
     */
    record Outcome(ResyncReport report, int exit, String error, Exception cause) {
    }

    @Command(name = "check", versionProvider = SequenceResyncCommand.Version.class,
            description = "Report every sequence that is behind its data or has a problem, and how much of its range"
                    + " each has used; change nothing. Exit 0 when all are in step, 1 otherwise, 3 past --warn-at,"
                    + " 4 past --fail-at.")
    static final class Check extends Run {
        @Override
        ResyncOptions options(ResyncOptions.Builder builder) {
            return builder.dryRun(true).failOnProblem(false).build();
        }

        @Override
        int exitCode(ResyncReport report) {
            return report.inSync() ? IN_SYNC : BEHIND;
        }
    }

    @Command(name = "fix", versionProvider = SequenceResyncCommand.Version.class,
            description = "Move every sequence that is behind to the value after its data, and report. "
                    + "Forward only unless --mode exact.")
    static final class Fix extends Run {
        @Override
        ResyncOptions options(ResyncOptions.Builder builder) {
            return builder.build();
        }

        @Override
        int exitCode(ResyncReport report) {
            return report.withProblems().isEmpty() && (!report.dryRun() || report.changed().isEmpty())
                    ? IN_SYNC : BEHIND;
        }
    }

    @Command(name = "sql", versionProvider = SequenceResyncCommand.Version.class,
            description = "Print a self-contained PL/pgSQL script that does the resync when run later with psql. "
                    + "Needs no database connection.")
    static final class Sql implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        HelpOptions help;

        @Override
        public Integer call() {
            try {
                spec.commandLine().getOut().print(SequenceResync.with(TableOptions.read(spec).build()).script());
                spec.commandLine().getOut().flush();
                return IN_SYNC;
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("sequence-resync: " + e.getMessage());
                return ERROR;
            }
        }
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SequenceResyncCommand.class.getPackage().getImplementationVersion();
            return new String[] {"sequence-resync " + (v == null ? "(development build)" : v)};
        }
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The first line and, when there are more, the last. */
    static String firstAndLastLine(String message) {
        String first = firstLine(message);
        return message == null || first.equals(message) ? first : first + " " + message.substring(message.lastIndexOf('\n') + 1);
    }

    /** Tells a person on stderr that a long run is still going, after the first second. */
    static final class Progress implements AutoCloseable {
        private final Thread thread;

        private Progress(PrintWriter err) {
            long start = System.nanoTime();
            thread = new Thread(() -> {
                try {
                    Thread.sleep(1000);
                    while (!Thread.currentThread().isInterrupted()) {
                        err.println("sequence-resync: working... " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
                        err.flush();
                        Thread.sleep(2000);
                    }
                } catch (InterruptedException ignored) {
                    // done
                }
            }, "sequence-resync-progress");
            thread.setDaemon(true);
            thread.start();
        }

        static Progress start(PrintWriter err) {
            return new Progress(err);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

}

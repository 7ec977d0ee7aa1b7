package io.github.sequenceresync;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a resync found and did, one entry per sequence in scope, ordered by name. Immutable; made by
 * the resync only (its constructor is not API, so that a later version can add to it). Lists are
 * never null.
 */
public final class ResyncReport {

    private final Mode mode;
    private final boolean dryRun;
    private final boolean applied;
    private final List<SequenceReport> sequences;
    private final List<String> notes;

    /**
     * @param applied whether the changes it lists were made (false in a dry run, and when the run
     *                stopped before changing anything)
     */
    ResyncReport(Mode mode, boolean dryRun, boolean applied, List<SequenceReport> sequences, List<String> notes) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.dryRun = dryRun;
        this.applied = applied && !dryRun;
        this.sequences = List.copyOf(sequences);
        this.notes = List.copyOf(notes);
    }

    /** The mode it ran in. */
    public Mode mode() {
        return mode;
    }

    /** True when nothing was changed on purpose (the actions say what would happen). */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Whether the changes it lists were made. False in a dry run, and in the report a
     * {@link ResyncException} carries when the run stopped before changing anything (problems found
     * with failOnProblem, a read-only transaction): its actions then say what would have happened,
     * and its summary says nothing changed.
     */
    public boolean applied() {
        return applied;
    }

    /** One report per sequence in scope, ordered by name. */
    public List<SequenceReport> sequences() {
        return sequences;
    }

    /**
     * Warnings about the run as a whole, not one sequence (a server newer than the newest
     * PostgreSQL tested).
     */
    public List<String> notes() {
        return notes;
    }

    /** The same report with a note about the run as a whole. */
    ResyncReport withNote(String note) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new ResyncReport(mode, dryRun, applied, sequences, all);
    }

    /** The sequences that moved (or would move, when not {@link #applied}). */
    public List<SequenceReport> changed() {
        return sequences.stream().filter(SequenceReport::changed).toList();
    }

    /** The sequences with a problem. */
    public List<SequenceReport> withProblems() {
        return sequences.stream().filter(s -> !s.problems().isEmpty()).toList();
    }

    /** Every problem, each prefixed by its sequence's name. */
    public List<String> problems() {
        return sequences.stream()
                .flatMap(s -> s.problems().stream().map(p -> Message.OF_SEQUENCE.format(s.sequence(), p)))
                .toList();
    }

    /** The run's notes, then every sequence's warning, each prefixed by its sequence's name. */
    public List<String> warnings() {
        return java.util.stream.Stream.concat(notes.stream(), sequences.stream()
                .flatMap(s -> s.warnings().stream().map(w -> Message.OF_SEQUENCE.format(s.sequence(), w))))
                .toList();
    }

    /** Whether every sequence is in step with its data (what a CI check asks). */
    public boolean inSync() {
        return changed().isEmpty() && withProblems().isEmpty();
    }

    /**
     * One sequence that moved (or would, when not {@link #applied}), as the adapters log it:
     * {@code public.orders_id_seq advanced from next value 1 to 42 (public.orders.id)}.
     */
    public String changeLine(SequenceReport s) {
        return ReportFormat.changeLine(this, s);
    }

    /**
     * How many sequences that moved the deploy log lists at info level. After a load of thousands of
     * tables a line each would bury the log (and cost a logger call each, tens of microseconds
     * through a console appender): the rest are listed at debug level, counted in one info line.
     */
    public static final int CHANGES_LOGGED_AT_INFO = 20;

    /**
     * Writes the report as a deploy log shows it, each line prefixed {@code sequence-resync: }: one
     * line per sequence that moved (info, the first {@value #CHANGES_LOGGED_AT_INFO}; the others at
     * debug, with one info line counting them), per other sequence and per link the catalog does not
     * record (debug), every warning and problem (warn), then the summary followed by {@code where}
     * (info), e.g. {@code " after Liquibase (liquibase)"}. The adapters pass their host's logger.
     */
    public void log(Consumer<String> info, Consumer<String> warn, Consumer<String> debug, String where) {
        String prefix = Message.LOG_PREFIX.format(dryRun ? Message.DRY_RUN_MARK.template() : "");
        int changed = 0;
        for (SequenceReport s : sequences) {
            if (s.changed()) {
                (changed++ < CHANGES_LOGGED_AT_INFO ? info : debug).accept(prefix + changeLine(s));
            } else {
                debug.accept(prefix + ReportFormat.leftLine(s));
            }
            s.links().forEach(link -> debug.accept(prefix + Message.LINKED.format(s.sequence(), link)));
        }
        if (changed > CHANGES_LOGGED_AT_INFO) {
            info.accept(prefix + Message.MORE_CHANGED.format(changed - CHANGES_LOGGED_AT_INFO));
        }
        warnings().forEach(w -> warn.accept(prefix + w));
        problems().forEach(p -> warn.accept(prefix + Message.PROBLEM_LINE.format(p)));
        info.accept(prefix + summary() + where);
    }

    /** One line: how many sequences were examined, changed, unchanged, skipped, with problems. */
    public String summary() {
        return ReportFormat.summary(this);
    }

    /** An aligned text table (sequence, columns, next value before and after, action) and notes. */
    public String toText() {
        return ReportFormat.text(this);
    }

    /**
     * The capacity figures, whether each sequence is behind and has a problem, in the Prometheus text
     * exposition format (for node_exporter's textfile collector or a Pushgateway); the metrics are
     * documented in docs/cli.md.
     */
    public String toPrometheus() {
        return ReportFormat.prometheus(this);
    }

    /** A JSON string literal of {@code text}, escaped as the reports write theirs: for JSON that wraps reports. */
    public static String jsonString(String text) {
        return ReportFormat.string(text);
    }

    /** The report as JSON; the shape is documented in the README and kept stable. */
    public String toJson() {
        return ReportFormat.json(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResyncReport r && mode == r.mode && dryRun == r.dryRun && applied == r.applied
                && sequences.equals(r.sequences) && notes.equals(r.notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, dryRun, applied, sequences, notes);
    }

    @Override
    public String toString() {
        return "ResyncReport[mode=" + mode + ", dryRun=" + dryRun + ", applied=" + applied + ", sequences=" + sequences
                + ", notes=" + notes + "]";
    }
}

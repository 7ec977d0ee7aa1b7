package io.github.sequenceresync;

/** What a resync does, or would do in a dry run, to one sequence. */
public enum Action {
    /** The sequence's next value is already right (or ahead, in forward mode). */
    UNCHANGED,
    /** The sequence moves forward so that its next value is past every value in its columns. */
    ADVANCE,
    /** Exact mode only: the sequence moves backwards (or back to START for empty tables). */
    RESET,
    /** Left alone: no column of a type that can tell the sequence's position uses it. */
    SKIPPED,
    /** A problem prevents a correct value (see {@link SequenceReport#problems()}); left alone. */
    PROBLEM;

    /** Lower-case name used in text and JSON output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

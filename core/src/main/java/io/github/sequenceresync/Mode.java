package io.github.sequenceresync;

/** How far a resync may move a sequence. */
public enum Mode {
    /**
     * The default: a sequence only ever moves forward, to the value after the largest (smallest,
     * for descending sequences) value in its columns. Sequences of empty tables are left alone.
     */
    FORWARD,
    /**
     * For test databases: every sequence is set to exactly the value after its data, even when that
     * moves it backwards; a sequence whose columns are all empty goes back to its START value.
     * Never use it while other sessions insert: a sequence moved back hands out ids again.
     */
    EXACT;

    /** Parses {@code forward} or {@code exact} (any case); the error names {@code option}. */
    public static Mode parse(String value, String option) {
        if (value != null) {
            for (Mode mode : values()) {
                if (mode.name().equalsIgnoreCase(value.trim())) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException(
                "invalid value '" + value + "' for option " + option + ": expected forward or exact");
    }
}

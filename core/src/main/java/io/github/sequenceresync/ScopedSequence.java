package io.github.sequenceresync;

import java.util.List;

/**
 * A sequence the resync looks at, with the columns whose values are measured, and what was found
 * before measuring: warnings (columns skipped) and problems (missing privileges).
 */
record ScopedSequence(DiscoveredSequence sequence, List<DiscoveredColumn> measured,
                      List<String> warnings, List<String> problems) {

    ScopedSequence {
        measured = List.copyOf(measured);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    /** Whether its state and columns can be read. */
    boolean readable() {
        return problems.isEmpty();
    }
}

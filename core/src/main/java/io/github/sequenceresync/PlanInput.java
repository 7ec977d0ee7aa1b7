package io.github.sequenceresync;

import java.util.List;

/**
 * Everything the planner needs about one sequence, already read from the database.
 *
 * @param sequence   display name
 * @param columns    display names of every column that uses it (measured or not)
 * @param links      for each column the catalog does not link: the column, "by", and what links it
 * @param state      its stored position, or null when it could not be read
 * @param measured   the measured columns with their extremes
 * @param updatable  whether the current role may call setval on it
 * @param warnings   found before planning (skipped columns, ...)
 * @param problems   found before planning (missing privileges, ...)
 * @param source     on a cutover, the stored position of the source's sequence of the same schema, name and
 *                   definition, or null
 */
record PlanInput(
        String sequence,
        List<String> columns,
        List<String> links,
        long start,
        long increment,
        long min,
        long max,
        boolean cycle,
        SequenceState state,
        List<MeasuredColumn> measured,
        boolean updatable,
        List<String> warnings,
        List<String> problems,
        SequenceState source) {

    PlanInput {
        columns = List.copyOf(columns);
        links = List.copyOf(links);
        measured = List.copyOf(measured);
        warnings = List.copyOf(warnings);
        problems = List.copyOf(problems);
    }

    /**
     * A measured column.
     *
     * @param name    display name
     * @param type    its type as PostgreSQL prints it (for messages)
     * @param baseType its type, or a domain's base type: smallint, integer, bigint or numeric (the
     *                planner's statement knows their ranges)
     * @param extreme MAX (ascending sequence) or MIN (descending) of its values as PostgreSQL prints
     *                them (a numeric column's may have a fraction, or be NaN, Infinity or -Infinity; the
     *                planner's statement rounds it away from the values the sequence gave); null when
     *                the table is empty
     * @param step    how far past the extreme the next value must lie; 0: the sequence's increment (see
     *                {@link ColumnMapping#step()})
     */
    record MeasuredColumn(String name, String type, String baseType, String extreme, long step) {
    }
}

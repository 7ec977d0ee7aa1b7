package io.github.sequenceresync;

import java.math.BigInteger;
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
 * @param sourceNext the next value of the same sequence on a cutover's source, or null
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
        BigInteger sourceNext) {

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
     * @param extreme MAX (ascending sequence) or MIN (descending) of its values; null when empty;
     *                {@link #NAN}, {@link #INFINITY} or {@link #MINUS_INFINITY} for a numeric column's
     *                values that are not numbers
     * @param step    how far past the extreme the next value must lie; 0: the sequence's increment (see
     *                {@link ColumnMapping#step()})
     */
    record MeasuredColumn(String name, String type, String baseType, BigInteger extreme, long step) {

        /*
         * A numeric column may hold NaN and (PostgreSQL 14 on) infinities, which no sequence can pass.
         * They stand here as integers beyond anything numeric holds (less than 10^131072, which is
         * below 2^435412), in PostgreSQL's order (NaN above everything), so that the planner's
         * comparisons treat them as values outside every sequence's range and its messages can
         * still name them. A shift, not TEN.pow(131072): that takes 50 ms at class loading.
         */
        static final BigInteger INFINITY = BigInteger.ONE.shiftLeft(435412);
        /** Beyond Infinity by more than any step, as NaN lies beyond Infinity + anything in PostgreSQL. */
        static final BigInteger NAN = INFINITY.shiftLeft(1);
        static final BigInteger MINUS_INFINITY = INFINITY.negate();

        /** A measured value as PostgreSQL prints it. */
        static String show(BigInteger value) {
            if (NAN.equals(value)) {
                return "NaN";
            }
            if (INFINITY.equals(value)) {
                return "Infinity";
            }
            return MINUS_INFINITY.equals(value) ? "-Infinity" : value.toString();
        }
    }
}

package io.github.sequenceresync;

import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement of the run found a table, column or sequence of its catalog gone: another session
 * dropped, renamed or altered it, and committed, while the run was on (often while the run waited
 * for that session's lock: a migration elsewhere, a partition manager dropping old partitions).
 * Nothing about the data is wrong, and a run started afterwards reads the catalog as it is now: a
 * run in a transaction of its own that has set nothing yet starts again once by itself.
 */
final class SchemaChanged {

    /**
     * internal_error, which PostgreSQL raises for an object gone by OID: a relation the run opens
     * ("could not open relation with OID n"), or any catalog entry a function the catalog query calls
     * looks up ("cache lookup failed for relation n", "... for function n", ...).
     */
    private static final String INTERNAL_ERROR = "XX000";
    private static final Pattern GONE_BY_OID = Pattern.compile("could not open relation with OID|cache lookup failed for");
    /**
     * syntax_error at a bare number: PostgreSQL prints a regclass whose relation is gone as its OID,
     * so the measurement's dynamic SQL, written after the relation went, reads {@code FROM 16558}.
     */
    private static final String SYNTAX_ERROR = "42601";
    private static final Pattern OID_AS_NAME = Pattern.compile("syntax error at or near \"\\d+\"");
    /** The relation such a message gives by OID, which the run may know by name. */
    private static final Pattern RELATION_OID = Pattern.compile(
            "(?:could not open relation with OID|cache lookup failed for relation|syntax error at or near) \"?(\\d+)");
    /** undefined_table, undefined_column: a relation or column gone by name (dropped or renamed). */
    private static final List<String> GONE_BY_NAME = List.of("42P01", "42703");

    private static final String WHAT = "another session dropped, renamed or altered a table, column, sequence or"
            + " function the resync had found, while it ran";
    /** What a run that failed this way ends its line with. */
    static final String ADVICE = ": " + WHAT + "; run again";

    private SchemaChanged() {
    }

    /** Whether {@code e} says that something the run had found in the catalog is gone. */
    static boolean by(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return GONE_BY_NAME.contains(e.getSQLState())
               || INTERNAL_ERROR.equals(e.getSQLState()) && GONE_BY_OID.matcher(message).find()
               || SYNTAX_ERROR.equals(e.getSQLState()) && OID_AS_NAME.matcher(message).find();
    }

    /**
     * The server's line, with a relation it gives by OID named as the run found it (from
     * {@code scoped}), and what to do.
     */
    static String message(SQLException e, List<ScopedSequence> scoped) {
        return found(e, scoped) + ADVICE;
    }

    /** The note of a run that started again by itself after its first try failed this way. */
    static String triedAgain(SQLException e, List<ScopedSequence> scoped) {
        return "started again: " + WHAT + " (" + found(e, scoped) + "); this is the second try's report";
    }

    private static String found(SQLException e, List<ScopedSequence> scoped) {
        String line = Measurer.serverMessage(e);
        Matcher m = RELATION_OID.matcher(line);
        if (!m.find()) {
            return line;
        }
        String named = nameOf(Long.parseLong(m.group(1)), scoped);
        // the syntax error is the run's own SQL tripping over the OID: say what happened instead
        String what = OID_AS_NAME.matcher(line).find() ? "relation with OID " + m.group(1) + " is gone" : line;
        return what + (named == null ? "" : " (" + named + ")");
    }

    private static String nameOf(long oid, List<ScopedSequence> scoped) {
        for (ScopedSequence s : scoped) {
            if (s.sequence().oid() == oid) {
                return "sequence " + s.sequence().displayName();
            }
            for (DiscoveredColumn c : s.sequence().columns()) {
                if (c.tableOid() == oid) {
                    return "the table of column " + c.displayName();
                }
            }
        }
        return null;
    }

    /** The first try of a run in a transaction of its own failed this way before it set anything. */
    static final class FirstTry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        final String note;

        FirstTry(String note, SQLException cause) {
            super(note, cause, false, false);
            this.note = note;
        }
    }
}

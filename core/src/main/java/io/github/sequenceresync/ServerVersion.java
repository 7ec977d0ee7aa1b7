package io.github.sequenceresync;

/**
 * The PostgreSQL versions the resync knows of, written once for the Java path and the SQL (which
 * names them as {@code {ServerVersion.NAME}}, in {@code server_version_num} form, see
 * {@link #inSql}).
 */
final class ServerVersion {

    /**
     * The oldest major the resync runs on: its statements use {@code WITH .. AS MATERIALIZED}
     * (PostgreSQL 12), and the tests run on 12 to {@value #NEWEST_TESTED}. An older server is refused
     * with one line before any statement of the run is sent.
     */
    static final int MINIMUM = 12;

    /** The newest major the tests run on: a newer one gets a note in the report. */
    static final int NEWEST_TESTED = 18;

    /** The first major with {@code pg_get_sequence_data}, which reads a sequence's whole state. */
    static final int SEQUENCE_DATA_FUNCTION = 18;

    private ServerVersion() {
    }

    /**
     * {@code sql} with each {@code {ServerVersion.NAME}} replaced by that major's {@code server_version_num}
     * ({@code {ServerVersion.MINIMUM_MAJOR}}: the major itself, for comments).
     */
    static String inSql(String sql) {
        return sql.replace("{ServerVersion.MINIMUM_MAJOR}", Integer.toString(MINIMUM))
                .replace("{ServerVersion.MINIMUM}", num(MINIMUM))
                .replace("{ServerVersion.NEWEST_TESTED}", num(NEWEST_TESTED))
                .replace("{ServerVersion.SEQUENCE_DATA_FUNCTION}", num(SEQUENCE_DATA_FUNCTION));
    }

    /** A major's first {@code server_version_num}: 18 is 180000. */
    private static String num(int major) {
        return Integer.toString(major * 10000);
    }
}

package io.github.sequenceresync.benchmarks;

/** The benchmarks' common data: tables loaded with explicit ids, their sequences left behind. */
final class Fixture {

    private Fixture() {
    }

    /**
     * One statement creating {@code tables} tables t1..tN (in {@code schema}, or the search path
     * when it is empty), each with a serial primary key and {@code rows} rows whose ids were given
     * explicitly: the sequences stay unused, as after a load.
     */
    static String loadTables(String schema, int tables, long rows) {
        return loadTables(schema, 1, tables, rows);
    }

    /** The same for tables t{@code first}..t{@code last}: one transaction for a part of the tables. */
    static String loadTables(String schema, int first, int last, long rows) {
        String prefix = schema.isEmpty() ? "" : schema + ".";
        return """
                DO $$ BEGIN
                    FOR i IN %d..%d LOOP
                        EXECUTE format('CREATE TABLE {P}t%%s (id serial PRIMARY KEY, v int);
                                        INSERT INTO {P}t%%s SELECT g, g FROM generate_series(1, %d) g', i, i);
                    END LOOP;
                END $$""".formatted(first, last, rows).replace("{P}", prefix);
    }
}

package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Functions and operators planted on the caller's search_path, in a schema others can create in
 * (public before PostgreSQL 15), with argument types closer to the resync's than the built-in
 * ones' (CVE-2018-1058): none of them ever runs, through the Java path or the script, and the
 * caller's search_path is what it was afterwards. Each planted object records its call and then
 * does what the built-in one does, so that a call shows in {@code planted.calls}, not as an error.
 */
@PostgresTest
class SearchPathIT {

    private static final String CALLER_SEARCH_PATH = "app, planted";

    private final TestDatabase db;

    SearchPathIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void plant(TestDatabase db) {
        db.execute("""
                CREATE SCHEMA planted;
                CREATE TABLE planted.calls (name text);
                -- what the resync's own statements call with these argument types, resolved to
                -- polymorphic or variadic built-ins, or through an implicit cast
                CREATE FUNCTION planted.unnest(oid[]) RETURNS SETOF oid LANGUAGE sql
                    AS $$ INSERT INTO planted.calls VALUES ('unnest(oid[])'); SELECT pg_catalog.unnest($1) $$;
                CREATE FUNCTION planted.unnest(text[]) RETURNS SETOF text LANGUAGE sql
                    AS $$ INSERT INTO planted.calls VALUES ('unnest(text[])'); SELECT pg_catalog.unnest($1) $$;
                CREATE FUNCTION planted.cardinality(text[]) RETURNS int LANGUAGE sql
                    AS $$ INSERT INTO planted.calls VALUES ('cardinality(text[])'); SELECT pg_catalog.cardinality($1) $$;
                CREATE FUNCTION planted.array_length(text[], int) RETURNS int LANGUAGE sql
                    AS $$ INSERT INTO planted.calls VALUES ('array_length(text[], int)');
                          SELECT pg_catalog.array_length($1, $2) $$;
                CREATE FUNCTION planted.format(text, bigint, regclass) RETURNS text LANGUAGE sql
                    AS $$ INSERT INTO planted.calls VALUES ('format(text, bigint, regclass)');
                          SELECT pg_catalog.format($1, $2, $3) $$;
                CREATE FUNCTION planted.oid_is(oid, regclass) RETURNS boolean LANGUAGE sql
                    AS $$ INSERT INTO planted.calls VALUES ('=(oid, regclass)'); SELECT $1 OPERATOR(pg_catalog.=) $2::oid $$;
                CREATE OPERATOR planted.= (LEFTARG = oid, RIGHTARG = regclass, FUNCTION = planted.oid_is);
                CREATE FUNCTION planted.append(text[], text) RETURNS text[] LANGUAGE sql
                    AS $$ INSERT INTO planted.calls VALUES ('||(text[], text)'); SELECT pg_catalog.array_append($1, $2) $$;
                CREATE OPERATOR planted.|| (LEFTARG = text[], RIGHTARG = text, FUNCTION = planted.append);
                """);
    }

    @BeforeEach
    void freshFixture() {
        db.execute("""
                DROP SCHEMA IF EXISTS app CASCADE;
                TRUNCATE planted.calls;
                CREATE SCHEMA app;
                CREATE TABLE app.t (id serial PRIMARY KEY);
                INSERT INTO app.t VALUES (41);
                -- a sequence only a column mapping ties to its table, named as the caller's search_path finds it
                CREATE SEQUENCE app.pooled;
                CREATE TABLE app.m (id bigint PRIMARY KEY);
                INSERT INTO app.m VALUES (7);
                """);
    }

    /** The options every test uses: the mapping's names are unqualified, resolved through search_path. */
    private static ResyncOptions.Builder options() {
        return ResyncOptions.builder().schemas("app")
                .columnMapping(new ColumnMapping("pooled", "m", "id"));
    }

    @Test
    void nothingPlantedRunsInARunOfItsOwn() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + CALLER_SEARCH_PATH);
            SequenceResync.with(options().lockTables(true).build()).run(c);
            assertThat(searchPath(s)).isEqualTo(CALLER_SEARCH_PATH);
        }
        assertResyncedAndNothingPlantedRan();
    }

    @Test
    void nothingPlantedRunsInTheCallersTransactionAndItsSearchPathIsPutBack() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + CALLER_SEARCH_PATH);
            c.setAutoCommit(false);
            SequenceResync.with(options().build()).run(c);
            assertThat(searchPath(s)).isEqualTo(CALLER_SEARCH_PATH);
            // a run that fails on bad input, once the search_path is set and before changing anything,
            // puts it back too
            ResyncOptions failing = options().columnMapping(new ColumnMapping("pooled", "missing", "id")).build();
            assertThatThrownBy(() -> SequenceResync.with(failing).run(c))
                    .hasMessageContaining("table missing does not exist");
            assertThat(searchPath(s)).isEqualTo(CALLER_SEARCH_PATH);
            c.commit();
        }
        assertResyncedAndNothingPlantedRan();
    }

    @Test
    void nothingPlantedRunsInTheScriptAndItPutsTheSearchPathBack() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET search_path = " + CALLER_SEARCH_PATH);
            c.setAutoCommit(false);
            s.execute(SequenceResync.with(options().build()).script());
            assertThat(searchPath(s)).isEqualTo(CALLER_SEARCH_PATH);
            c.commit();
        }
        assertResyncedAndNothingPlantedRan();
    }

    private void assertResyncedAndNothingPlantedRan() {
        assertThat(db.queryString("SELECT string_agg(DISTINCT name, ', ') FROM planted.calls")).isNull();
        assertThat(db.nextValue("app.t_id_seq")).isEqualTo(42);
        assertThat(db.nextValue("app.pooled")).isEqualTo(8);
    }

    private static String searchPath(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT current_setting('search_path')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}

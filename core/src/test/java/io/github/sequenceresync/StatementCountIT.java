package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.EdgeCases;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The number of statements sent does not grow with the number of tables. */
@PostgresTest
class StatementCountIT {

    private final TestDatabase db;

    StatementCountIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeAll
    static void createTables(TestDatabase db) {
        db.execute("""
                CREATE SCHEMA few;
                CREATE SCHEMA many;
                DO $$ BEGIN
                    FOR i IN 1..3 LOOP
                        EXECUTE format('CREATE TABLE few.t%s (id serial PRIMARY KEY); INSERT INTO few.t%s VALUES (%s)',
                                       i, i, i * 10);
                    END LOOP;
                    FOR i IN 1..1000 LOOP
                        EXECUTE format('CREATE TABLE many.t%s (id serial PRIMARY KEY); INSERT INTO many.t%s VALUES (%s)',
                                       i, i, i * 10);
                    END LOOP;
                END $$;
                """);
    }

    @Test
    void resyncOfAThousandTablesSendsAsManyStatementsAsOfThree() throws Exception {
        int few = statementsFor(ResyncOptions.builder().schemas("few").build());
        int many = statementsFor(ResyncOptions.builder().schemas("many").build());
        assertThat(many).as("statements for 1,000 tables").isEqualTo(few).isLessThanOrEqualTo(6);
        assertThat(db.nextValue("many.t1000_id_seq")).isEqualTo(10001);
    }

    /** The tables are locked before they are measured either way: ACCESS SHARE, or SHARE with lockTables. */
    @Test
    void lockTablesSendsAsManyStatements() throws Exception {
        db.execute("CREATE SCHEMA locking; CREATE TABLE locking.a (id serial); CREATE TABLE locking.b (id serial);");
        int plain = statementsFor(ResyncOptions.builder().schemas("locking").build());
        int locked = statementsFor(ResyncOptions.builder().schemas("locking").lockTables(true).build());
        assertThat(locked).isEqualTo(plain);
    }

    @Test
    void eachColumnReadThroughForeignTablesAddsOneStatement() throws Exception {
        // two of them: a partitioned table with a foreign partition, and a foreign table
        db.execute(EdgeCases.named("foreign").setup("count_"));
        db.execute("CREATE SCHEMA count_local; CREATE TABLE count_local.t (id serial); INSERT INTO count_local.t VALUES (7);");
        int plain = statementsFor(ResyncOptions.builder().schemas("count_local").build());
        int foreign = statementsFor(ResyncOptions.builder().schemas("count_a").build());
        assertThat(foreign).isEqualTo(plain + 2);
    }

    /** Runs a resync on a connection that counts every statement executed through it. */
    private int statementsFor(ResyncOptions options) throws Exception {
        AtomicInteger count = new AtomicInteger();
        try (Connection real = db.connect()) {
            SequenceResync.with(options).run(Hooks.beforeEachExecute(real, sql -> count.incrementAndGet()));
        }
        return count.get();
    }
}

package io.github.sequenceresync;

import static io.github.sequenceresync.ResyncFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.OwnServer;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cutover between two real servers: the new primary has the rows but not the sequence state, and
 * the source deleted rows after their ids were handed out. From the data alone the resync would
 * hand those ids out again; with the source it does not, and it never moves anything backwards.
 */
@PostgresTest
class CutoverIT {

    /** The same tables on both sides: ascending, descending, one sequence shared by two tables, a Hibernate-style one. */
    private static final String SCHEMA = """
            CREATE SCHEMA shop;
            CREATE TABLE shop.orders (id serial PRIMARY KEY, note text);
            CREATE SEQUENCE shop.down INCREMENT -1 MINVALUE -100000 MAXVALUE -1 START -1;
            CREATE TABLE shop.refunds (id int PRIMARY KEY DEFAULT nextval('shop.down'), note text);
            CREATE SEQUENCE shop.shared_ids;
            CREATE TABLE shop.a (id bigint PRIMARY KEY DEFAULT nextval('shop.shared_ids'));
            CREATE TABLE shop.b (id bigint PRIMARY KEY DEFAULT nextval('shop.shared_ids'));
            CREATE SEQUENCE shop.customers_seq INCREMENT 50;
            CREATE TABLE shop.customers (id bigint PRIMARY KEY);
            """;

    private final TestDatabase db;

    CutoverIT(TestDatabase db) {
        this.db = db;
    }

    private static void load(Statement source) throws Exception {
        source.execute("""
                INSERT INTO shop.orders (note) SELECT 'o' || g FROM generate_series(1, 100) g;
                INSERT INTO shop.refunds (note) SELECT 'r' || g FROM generate_series(1, 50) g;
                INSERT INTO shop.a SELECT FROM generate_series(1, 30);
                INSERT INTO shop.b SELECT FROM generate_series(1, 30);
                SELECT nextval('shop.customers_seq') FROM generate_series(1, 4);
                INSERT INTO shop.customers VALUES (1), (2), (51), (101);
                """);
    }

    /** The source deletes the newest rows after their ids went out (to URLs, e-mails, other systems). */
    private static void deleteNewest(Statement source) throws Exception {
        source.execute("""
                DELETE FROM shop.orders WHERE id > 90;
                DELETE FROM shop.refunds WHERE id < -45;
                DELETE FROM shop.b WHERE id > 50;
                DELETE FROM shop.customers WHERE id > 51;
                """);
    }

    @Test
    void afterLogicalReplicationNoIdTheSourceHandedOutComesAgain(@TempDir Path dataDir) throws Exception {
        db.execute("DROP SCHEMA IF EXISTS shop CASCADE; DROP SCHEMA IF EXISTS extra CASCADE;");
        try (EmbeddedPostgres sourceServer = OwnServer.builder(dataDir)
                .setServerConfig("wal_level", "logical").setServerConfig("max_wal_senders", "4")
                .setServerConfig("max_replication_slots", "4").start();
             Connection source = sourceServer.getPostgresDatabase().getConnection();
             Statement src = source.createStatement()) {
            src.execute(SCHEMA + """
                    CREATE SEQUENCE shop.only_there;
                    CREATE SEQUENCE shop.differs;
                    -- handed out its last value: nothing to carry over
                    CREATE SEQUENCE shop.spent MAXVALUE 10; SELECT setval('shop.spent', 10);
                    -- outside the schemas resynced: not noted
                    CREATE SCHEMA elsewhere; CREATE SEQUENCE elsewhere.not_in_scope;
                    CREATE PUBLICATION cutover FOR ALL TABLES;
                    """);
            load(src);
            db.execute(SCHEMA + """
                    CREATE SEQUENCE shop.only_here;
                    CREATE SEQUENCE shop.differs INCREMENT 5;
                    CREATE SEQUENCE shop.spent MAXVALUE 10;
                    -- a sequence the new primary already moved past the source's: never moved back
                    CREATE SEQUENCE shop.ahead; SELECT setval('shop.ahead', 5000);
                    """);
            src.execute("CREATE SEQUENCE shop.ahead; SELECT setval('shop.ahead', 10)");
            db.execute("CREATE SUBSCRIPTION cutover CONNECTION 'host=localhost port=" + sourceServer.getPort()
                       + " dbname=postgres user=postgres' PUBLICATION cutover");
            try {
                awaitReplicated(source, "SELECT count(*) FROM shop.orders", 100);
                deleteNewest(src);
                awaitReplicated(source, "SELECT count(*) FROM shop.orders", 90);
                awaitReplicated(source, "SELECT count(*) FROM shop.customers", 3);
            } finally {
                db.execute("DROP SUBSCRIPTION cutover");
            }
            // the new primary has the rows, not the sequence state
            assertThat(db.nextValue("shop.orders_id_seq")).isEqualTo(1);

            SourceSequences sequences = SourceSequences.read(source);
            ResyncReport report;
            try (Connection target = db.connect()) {
                report = SequenceResync.with(ResyncOptions.builder().schemas("shop").failOnProblem(false)
                                .linkRule(LinkRule.parse("{table}_seq->{table}.id", "test")).build())
                        .withSource(sequences).run(target);
            }
            // the data alone would give 91, -46, 51 and 101
            assertThat(db.nextValue("shop.orders_id_seq")).isEqualTo(101);
            assertThat(db.nextValue("shop.down")).isEqualTo(-51);
            assertThat(db.nextValue("shop.shared_ids")).isEqualTo(61);
            assertThat(db.nextValue("shop.customers_seq")).isEqualTo(201);
            assertThat(entry(report, "shop.orders_id_seq").warnings())
                    .contains("next value from the source: 101 (the rows here ask for 91)");
            assertThat(db.nextValue("shop.ahead")).as("never backwards").isEqualTo(5001);
            assertThat(entry(report, "shop.differs").problems()).singleElement().asString()
                    .startsWith("its definition differs from the source's shop.differs (INCREMENT 1 there, 5 here)");
            assertThat(entry(report, "shop.spent").problems()).containsExactly(
                    "the source's sequence is exhausted: it hands out no next value to carry over");
            assertThat(db.nextValue("shop.spent")).isEqualTo(1);
            assertThat(entry(report, "shop.only_here").warnings())
                    .contains("the source has no sequence of this schema and name: its data alone decides");
            assertThat(report.notes()).containsExactly("the source's sequence shop.only_there has no sequence of that"
                                                       + " schema and name here");
            // the source was only read
            try (ResultSet rs = src.executeQuery("SELECT last_value FROM shop.orders_id_seq")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(100);
            }
            db.execute("INSERT INTO shop.orders (note) VALUES ('first on the new primary')");
            assertThat(db.queryLong("SELECT max(id) FROM shop.orders")).isEqualTo(101);

            // a second run, from the source again, changes nothing; an excluded sequence is not noted
            try (Connection target = db.connect()) {
                ResyncReport again = SequenceResync.with(ResyncOptions.builder().schemas("shop").failOnProblem(false)
                        .exclude("shop.only_t*").build()).withSource(SourceSequences.read(source)).run(target);
                assertThat(again.changed()).isEmpty();
                assertThat(again.notes()).noneMatch(note -> note.contains("only_there"));
            }
        } finally {
            db.execute("DROP SCHEMA IF EXISTS shop CASCADE");
        }
    }

    @Test
    void afterATableDataCopyIntoARenamedSchemaTheSourcesStateCarriesOver() throws Exception {
        TestDatabase from = TestDatabase.create("cutover_source");
        try {
            from.execute(SCHEMA);
            try (Connection c = from.connect(); Statement s = c.createStatement()) {
                load(s);
                deleteNewest(s);
            }
            // the tables' rows only (COPY, pgloader), into a schema renamed in the move
            db.execute(SCHEMA.replace("shop.", "store.").replace("SCHEMA shop", "SCHEMA store"));
            for (String table : List.of("orders", "refunds", "a", "b", "customers")) {
                copy(from, "shop." + table, "store." + table);
            }
            try (Connection source = from.connect(); Connection target = db.connect()) {
                ResyncReport report = SequenceResync.with(ResyncOptions.builder().schemas("store")
                                .columnMapping(new ColumnMapping("store.customers_seq", "store.customers", "id")).build())
                        .withSource(SourceSequences.read(source, Map.of("shop", "store"))).run(target);
                assertThat(report.problems()).isEmpty();
            }
            assertThat(db.nextValue("store.orders_id_seq")).isEqualTo(101);
            assertThat(db.nextValue("store.down")).isEqualTo(-51);
            assertThat(db.nextValue("store.shared_ids")).isEqualTo(61);
            assertThat(db.nextValue("store.customers_seq")).isEqualTo(201);
        } finally {
            from.drop();
            db.execute("DROP SCHEMA IF EXISTS store CASCADE");
        }
    }

    private void copy(TestDatabase from, String source, String target) throws Exception {
        StringBuilder values = new StringBuilder();
        try (Connection c = from.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM " + source)) {
            while (rs.next()) {
                values.append(values.length() == 0 ? "" : ",").append('(').append(rs.getLong(1)).append(')');
            }
        }
        if (values.length() > 0) {
            db.execute("INSERT INTO " + target + " (id) VALUES " + values);
        }
    }

    /** Waits until the target has what the source has (the subscription applies asynchronously). */
    private void awaitReplicated(Connection source, String count, long expected) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            long here = db.queryLong(count);
            try (Statement s = source.createStatement(); ResultSet rs = s.executeQuery(count)) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(expected);
            }
            if (here == expected) {
                return;
            }
            assertThat(System.nanoTime()).as("replicated within a minute: %s", count).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}

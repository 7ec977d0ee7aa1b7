package io.github.sequenceresync;

import static io.github.sequenceresync.ResyncFixture.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sequenceresync.testing.EdgeCases;
import io.github.sequenceresync.testing.EdgeCases.EdgeCase;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The edge cases of shared/reference/anchors-and-edge-cases.md on real PostgreSQL: every case of the
 * catalog ({@link EdgeCases}) fixed and staying fixed, then what each case's report says, one
 * fixture each. Each test works in a schema of its own and resyncs only that schema.
 */
@PostgresTest
class EdgeCasesIT {

    private final TestDatabase db;
    private final ResyncFixture fixture;

    EdgeCasesIT(TestDatabase db) {
        this.db = db;
        this.fixture = new ResyncFixture(db);
    }

    // 1. is_called

    @Test
    void calledSequenceAdvancesPastExplicitIds() {
        db.execute("""
                CREATE SCHEMA called;
                CREATE TABLE called.t (id serial PRIMARY KEY, v text);
                INSERT INTO called.t (v) VALUES ('a'), ('b');
                INSERT INTO called.t (id, v) VALUES (10, 'explicit');
                """);
        ResyncReport report = fixture.resync("called");
        SequenceReport seq = entry(report, "called.t_id_seq");
        assertThat(seq.nextValueBefore()).isEqualTo(3);
        assertThat(seq.nextValueAfter()).isEqualTo(11);
        assertThat(seq.action()).isEqualTo(Action.ADVANCE);
        assertThat(db.nextValue("called.t_id_seq")).isEqualTo(11);
        db.execute("INSERT INTO called.t (v) VALUES ('ordinary')");
    }

    @Test
    void neverCalledSequenceAtTheMaximumStillAdvances() {
        // setval(s, max, false) is a classic mistake: nextval() then returns max and collides
        db.execute("""
                CREATE SCHEMA not_called;
                CREATE TABLE not_called.t (id serial PRIMARY KEY);
                INSERT INTO not_called.t VALUES (1), (2), (3), (4), (5);
                SELECT setval('not_called.t_id_seq', 5, false);
                """);
        ResyncReport report = fixture.resync("not_called");
        assertThat(entry(report, "not_called.t_id_seq").nextValueBefore()).isEqualTo(5);
        assertThat(db.nextValue("not_called.t_id_seq")).isEqualTo(6);
        db.execute("INSERT INTO not_called.t DEFAULT VALUES");
    }

    @Test
    void notCalledSequenceAlreadyPastTheDataIsLeftAlone() {
        db.execute("""
                CREATE SCHEMA not_called_ahead;
                CREATE TABLE not_called_ahead.t (id serial PRIMARY KEY);
                INSERT INTO not_called_ahead.t VALUES (1), (2);
                SELECT setval('not_called_ahead.t_id_seq', 3, false);
                """);
        SequenceReport seq = entry(fixture.resync("not_called_ahead"), "not_called_ahead.t_id_seq");
        assertThat(seq.action()).isEqualTo(Action.UNCHANGED);
        assertThat(db.nextValue("not_called_ahead.t_id_seq")).isEqualTo(3);
    }

    // 2. empty tables

    @Test
    void emptyTableLeavesAFreshSequenceAtItsStart() {
        db.execute("""
                CREATE SCHEMA empty_fresh;
                CREATE TABLE empty_fresh.t (id bigserial PRIMARY KEY);
                """);
        SequenceReport seq = entry(fixture.resync("empty_fresh"), "empty_fresh.t_id_seq");
        assertThat(seq.action()).isEqualTo(Action.UNCHANGED);
        assertThat(db.nextValue("empty_fresh.t_id_seq")).isEqualTo(1);
    }

    @Test
    void emptyTableNeverMovesAUsedSequenceBack() {
        db.execute("""
                CREATE SCHEMA empty_used;
                CREATE TABLE empty_used.t (id serial PRIMARY KEY);
                INSERT INTO empty_used.t SELECT FROM generate_series(1, 42);
                DELETE FROM empty_used.t;
                """);
        fixture.resync("empty_used");
        assertThat(db.nextValue("empty_used.t_id_seq")).isEqualTo(43);
    }

    // START and MINVALUE other than 1

    @Test
    void startAboveOneIsNotSkippedOrUndercut() {
        db.execute("""
                CREATE SCHEMA start_1000;
                CREATE SEQUENCE start_1000.s MINVALUE 100 START 1000;
                CREATE TABLE start_1000.empty (id int DEFAULT nextval('start_1000.s'));
                CREATE SEQUENCE start_1000.s2 MINVALUE 100 START 1000;
                CREATE TABLE start_1000.low (id int DEFAULT nextval('start_1000.s2'));
                INSERT INTO start_1000.low VALUES (150);
                CREATE SEQUENCE start_1000.s3 MINVALUE 100 START 1000;
                CREATE TABLE start_1000.high (id int DEFAULT nextval('start_1000.s3'));
                INSERT INTO start_1000.high VALUES (2000);
                """);
        fixture.resync("start_1000");
        assertThat(db.nextValue("start_1000.s")).as("empty table: START kept").isEqualTo(1000);
        assertThat(db.nextValue("start_1000.s2")).as("data below START: forward-only keeps START").isEqualTo(1000);
        assertThat(db.nextValue("start_1000.s3")).isEqualTo(2001);
    }

    // 3. increments other than 1, descending sequences

    @Test
    void incrementOfTenSkipsToTheNextStep() {
        db.execute("""
                CREATE SCHEMA inc10;
                CREATE SEQUENCE inc10.s INCREMENT 10;
                CREATE TABLE inc10.t (id bigint PRIMARY KEY DEFAULT nextval('inc10.s'));
                INSERT INTO inc10.t VALUES (1), (11), (95);
                """);
        fixture.resync("inc10");
        assertThat(db.nextValue("inc10.s")).isEqualTo(105);
    }

    @Test
    void descendingSequenceTakesTheMinimum() {
        db.execute("""
                CREATE SCHEMA descending;
                CREATE SEQUENCE descending.s INCREMENT -1 MINVALUE -1000 MAXVALUE -1 START -1;
                CREATE TABLE descending.t (id int PRIMARY KEY DEFAULT nextval('descending.s'));
                INSERT INTO descending.t SELECT -g FROM generate_series(1, 10) g;
                """);
        SequenceReport seq = entry(fixture.resync("descending"), "descending.s");
        assertThat(seq.nextValueAfter()).isEqualTo(-11);
        assertThat(db.nextValue("descending.s")).isEqualTo(-11);
        db.execute("INSERT INTO descending.t DEFAULT VALUES");
    }

    // 4. identity columns

    @Test
    void identityAlwaysAndByDefaultAreFound() {
        db.execute("""
                CREATE SCHEMA ident;
                CREATE TABLE ident.always (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, v text);
                CREATE TABLE ident.by_default (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text);
                INSERT INTO ident.always (id, v) OVERRIDING SYSTEM VALUE VALUES (1, 'a'), (20, 'b');
                INSERT INTO ident.by_default (id, v) VALUES (5, 'a'), (30, 'b');
                """);
        ResyncReport report = fixture.resync("ident");
        assertThat(entry(report, "ident.always_id_seq").columns()).containsExactly("ident.always.id");
        assertThat(db.nextValue("ident.always_id_seq")).isEqualTo(21);
        assertThat(db.nextValue("ident.by_default_id_seq")).isEqualTo(31);
        db.execute("INSERT INTO ident.always (v) VALUES ('c'); INSERT INTO ident.by_default (v) VALUES ('c');");
    }

    // 5. every column that uses a sequence, in any schema

    @Test
    void sharedSequenceTakesTheExtremeAcrossSchemas() {
        db.execute("""
                CREATE SCHEMA shared_a;
                CREATE SCHEMA shared_b;
                CREATE SEQUENCE shared_a.global_id;
                CREATE TABLE shared_a.orders (id bigint PRIMARY KEY DEFAULT nextval('shared_a.global_id'));
                CREATE TABLE shared_b.invoices (id bigint PRIMARY KEY DEFAULT nextval('shared_a.global_id'));
                INSERT INTO shared_a.orders VALUES (10);
                INSERT INTO shared_b.invoices VALUES (500);
                """);
        SequenceReport seq = entry(fixture.resync("shared_a"), "shared_a.global_id");
        assertThat(seq.columns()).containsExactly("shared_a.orders.id", "shared_b.invoices.id");
        assertThat(db.nextValue("shared_a.global_id")).isEqualTo(501);
        db.execute("INSERT INTO shared_a.orders DEFAULT VALUES; INSERT INTO shared_b.invoices DEFAULT VALUES;");
    }

    @Test
    void ownedByColumnWithoutDefaultIsMeasured() {
        db.execute("""
                CREATE SCHEMA owned_only;
                CREATE TABLE owned_only.t (id bigint PRIMARY KEY);
                CREATE SEQUENCE owned_only.t_seq OWNED BY owned_only.t.id;
                INSERT INTO owned_only.t VALUES (77);
                """);
        fixture.resync("owned_only");
        assertThat(db.nextValue("owned_only.t_seq")).isEqualTo(78);
    }

    // 6. expression defaults and non-integer columns

    @Test
    void defaultNamingItsSequenceByTextIsLinkedAsTheCallersSearchPathResolvesIt() {
        // nextval('s'::text) records no dependency: the name is looked up at each insert
        db.execute(EdgeCases.named("text_default").setup("by_text_"));
        db.execute("""
                CREATE SEQUENCE public.by_text_bare_seq;
                CREATE TABLE by_text_a.bare (id bigint DEFAULT nextval('by_text_bare_seq'::text));
                INSERT INTO by_text_a.bare VALUES (70);
                """);
        ResyncReport report = fixture.resync("by_text_a", "public");
        SequenceReport qualified = entry(report, "by_text_a.s");
        assertThat(qualified.nextValueAfter()).isEqualTo(26);
        assertThat(qualified.links()).singleElement().asString()
                .isEqualTo("by_text_a.t.id by its default nextval(('by_text_a.s'::text)::regclass)");
        assertThat(entry(report, "public.by_text_bare_seq").nextValueAfter()).as("unqualified, on the search_path")
                .isEqualTo(71);
        db.execute("INSERT INTO by_text_a.t DEFAULT VALUES; INSERT INTO by_text_a.bare DEFAULT VALUES");
    }

    @Test
    void columnTakingItsDefaultFromADomainIsLinkedThroughTheDomainUnlessItHasADefaultOfItsOwn() {
        // the dependency on the sequence is the domain's (pg_type), not the column's
        db.execute(EdgeCases.named("domain_default").setup("by_domain_"));
        db.execute("""
                CREATE TABLE by_domain_a.own (id by_domain_a.id DEFAULT 0);
                INSERT INTO by_domain_a.own VALUES (900);
                CREATE DOMAIN by_domain_a.tenfold AS bigint DEFAULT nextval('by_domain_a.s') * 10;
                CREATE TABLE by_domain_a.scaled (id by_domain_a.tenfold);
                INSERT INTO by_domain_a.scaled VALUES (9000);
                """);
        ResyncReport report = fixture.resync("by_domain_a");
        SequenceReport s = entry(report, "by_domain_a.s");
        assertThat(s.nextValueAfter()).as("the largest of t and u; own's default is its own").isEqualTo(46);
        assertThat(s.columns()).containsExactly("by_domain_a.scaled.id", "by_domain_a.t.id", "by_domain_a.u.id");
        assertThat(s.links()).containsExactly(
                "by_domain_a.scaled.id by its domain by_domain_a.tenfold's default",
                "by_domain_a.t.id by its domain by_domain_a.id's default",
                "by_domain_a.u.id by its domain by_domain_a.positive_id's default");
        assertThat(s.warnings()).singleElement().asString().isEqualTo("column by_domain_a.scaled.id skipped: its default"
                + " (nextval('by_domain_a.s'::regclass) * 10) does more than return nextval(), so its values cannot"
                + " tell the sequence's position");
        SequenceReport byText = entry(report, "by_domain_a.n");
        assertThat(byText.nextValueAfter()).isEqualTo(8);
        assertThat(byText.links()).containsExactly("by_domain_a.v.id by its domain by_domain_a.by_text's default"
                + " nextval(('by_domain_a.n'::text)::regclass)");
        db.execute("INSERT INTO by_domain_a.t DEFAULT VALUES; INSERT INTO by_domain_a.u DEFAULT VALUES;"
                + " INSERT INTO by_domain_a.v DEFAULT VALUES");
    }

    @Test
    void defaultCallingAFunctionWhoseBodyIsNextvalIsLinkedThroughTheFunction() {
        // the default depends on the function, not on the sequence the function calls
        db.execute(EdgeCases.named("function_default").setup("by_function_"));
        db.execute("""
                CREATE SCHEMA by_function_ids; CREATE SEQUENCE by_function_ids.w; CREATE SEQUENCE by_function_ids.sharded;
                CREATE FUNCTION by_function_a.next_w() RETURNS bigint LANGUAGE plpgsql SET search_path = by_function_ids
                    AS $f$ BEGIN RETURN nextval('w'); END $f$;
                CREATE TABLE by_function_a.w (id int PRIMARY KEY DEFAULT by_function_a.next_w()::int,
                                              n bigint DEFAULT by_function_a.next_w() + 1);
                CREATE FUNCTION by_function_a.shard_id() RETURNS bigint LANGUAGE sql
                    AS $f$ SELECT (nextval('by_function_ids.sharded') << 10) | 5 $f$;
                CREATE TABLE by_function_a.sharded (id bigint PRIMARY KEY DEFAULT by_function_a.shard_id());
                CREATE DOMAIN by_function_a.id AS bigint DEFAULT by_function_a.next_s();
                CREATE TABLE by_function_a.by_domain (id by_function_a.id PRIMARY KEY);
                INSERT INTO by_function_a.w VALUES (60, 0); INSERT INTO by_function_a.sharded VALUES (99999);
                INSERT INTO by_function_a.by_domain VALUES (35);
                """);
        ResyncReport report = fixture.resync("by_function_a");
        SequenceReport s = entry(report, "by_function_a.s");
        assertThat(s.nextValueAfter()).isEqualTo(36);
        assertThat(s.links()).containsExactly(
                "by_function_a.by_domain.id by its domain by_function_a.id's default by_function_a.next_s()",
                "by_function_a.t.id by its default by_function_a.next_s()");
        assertThat(entry(report, "by_function_a.p").nextValueAfter()).isEqualTo(46);
        assertThat(entry(report, "by_function_a.q").nextValueAfter()).as("a SQL-standard body from PostgreSQL 14")
                .isEqualTo(8);
        SequenceReport w = entry(report, "by_function_ids.w");
        assertThat(w.nextValueAfter()).as("in scope with its table; named on the function's own search_path")
                .isEqualTo(61);
        assertThat(w.links()).containsExactly("by_function_a.w.id by its default (by_function_a.next_w())::integer",
                "by_function_a.w.n by its default (by_function_a.next_w() + 1)");
        assertThat(w.warnings()).singleElement().asString().isEqualTo("column by_function_a.w.n skipped: its default"
                + " (by_function_a.next_w() + 1) does more than return nextval(), so its values cannot tell the"
                + " sequence's position");
        SequenceReport sharded = entry(report, "by_function_ids.sharded");
        assertThat(sharded.action()).as("a body that is more than nextval()").isEqualTo(Action.SKIPPED);
        assertThat(sharded.warnings()).first().asString().isEqualTo("column by_function_a.sharded.id skipped: its"
                + " default by_function_a.shard_id() does more than return nextval(), so its values cannot tell the"
                + " sequence's position");
        assertThat(db.nextValue("by_function_ids.sharded")).isEqualTo(1);
        db.execute("INSERT INTO by_function_a.t DEFAULT VALUES; INSERT INTO by_function_a.u DEFAULT VALUES;"
                + " INSERT INTO by_function_a.v DEFAULT VALUES; INSERT INTO by_function_a.w DEFAULT VALUES;"
                + " INSERT INTO by_function_a.by_domain DEFAULT VALUES");
    }

    @Test
    void expressionDefaultIsSkippedWithAWarningNamingTheColumn() {
        db.execute("""
                CREATE SCHEMA expr;
                CREATE SEQUENCE expr.invoice_no;
                CREATE TABLE expr.invoices (code text PRIMARY KEY DEFAULT 'INV-' || nextval('expr.invoice_no'));
                CREATE TABLE expr.scaled (id bigint PRIMARY KEY DEFAULT nextval('expr.invoice_no') * 10);
                INSERT INTO expr.invoices VALUES ('INV-900');
                INSERT INTO expr.scaled VALUES (9000);
                """);
        SequenceReport seq = entry(fixture.resync("expr"), "expr.invoice_no");
        assertThat(seq.action()).isEqualTo(Action.SKIPPED);
        assertThat(seq.warnings()).anySatisfy(w -> assertThat(w).contains("expr.invoices.code").contains("text"));
        assertThat(seq.warnings()).anySatisfy(w -> assertThat(w).contains("expr.scaled.id").contains("does more than return nextval()"));
        assertThat(db.nextValue("expr.invoice_no")).isEqualTo(1);
    }

    @Test
    void skippedColumnDoesNotHideAMeasurableOne() {
        db.execute("""
                CREATE SCHEMA mixed_users;
                CREATE SEQUENCE mixed_users.s;
                CREATE TABLE mixed_users.codes (code text DEFAULT nextval('mixed_users.s')::text);
                CREATE TABLE mixed_users.ids (id int DEFAULT nextval('mixed_users.s'));
                INSERT INTO mixed_users.ids VALUES (40);
                """);
        SequenceReport seq = entry(fixture.resync("mixed_users"), "mixed_users.s");
        assertThat(seq.action()).isEqualTo(Action.ADVANCE);
        assertThat(seq.warnings()).singleElement().asString().contains("mixed_users.codes.code");
        assertThat(db.nextValue("mixed_users.s")).isEqualTo(41);
    }

    @Test
    void numericColumnIsMeasured() {
        db.execute("""
                CREATE SCHEMA numeric_ids;
                CREATE SEQUENCE numeric_ids.s;
                CREATE TABLE numeric_ids.t (id numeric(20) DEFAULT nextval('numeric_ids.s'));
                INSERT INTO numeric_ids.t VALUES (12345);
                """);
        fixture.resync("numeric_ids");
        assertThat(db.nextValue("numeric_ids.s")).isEqualTo(12346);
    }

    @Test
    void numericColumnHoldingNaNOrInfinityIsAProblemNamingIt() {
        boolean infinities = db.queryLong("SELECT current_setting('server_version_num')::int") >= 140000;
        db.execute("""
                CREATE SCHEMA not_finite;
                CREATE SEQUENCE not_finite.s;
                CREATE TABLE not_finite.t (id numeric DEFAULT nextval('not_finite.s'));
                INSERT INTO not_finite.t VALUES (5), ('NaN');
                CREATE SEQUENCE not_finite.down INCREMENT -1 MINVALUE -100 MAXVALUE -1 START -1;
                CREATE TABLE not_finite.d (id numeric DEFAULT nextval('not_finite.down'));
                INSERT INTO not_finite.d VALUES (-5), ('NaN');
                CREATE TABLE not_finite.fine (id serial);
                INSERT INTO not_finite.fine VALUES (3);
                """ + (infinities ? """
                CREATE SEQUENCE not_finite.inf;
                CREATE TABLE not_finite.i (id numeric DEFAULT nextval('not_finite.inf'));
                INSERT INTO not_finite.i VALUES (5), ('Infinity');
                """ : ""));
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("not_finite").failOnProblem(false).build());
        assertThat(entry(report, "not_finite.s").problems()).singleElement().asString()
                .contains("column not_finite.t.id holds NaN, above MAXVALUE");
        assertThat(db.nextValue("not_finite.s")).isEqualTo(1);
        assertThat(entry(report, "not_finite.down").action()).as("NaN sorts above -5: MIN is -5").isEqualTo(Action.ADVANCE);
        assertThat(db.nextValue("not_finite.down")).isEqualTo(-6);
        assertThat(db.nextValue("not_finite.fine_id_seq")).isEqualTo(4);
        if (infinities) {
            assertThat(entry(report, "not_finite.inf").problems()).singleElement().asString()
                    .contains("column not_finite.i.id holds Infinity, above MAXVALUE");
        }
        assertThatThrownBy(() -> fixture.resync("not_finite"))
                .isInstanceOf(ResyncException.class).hasMessageContaining("not_finite.t.id holds NaN");
    }

    @Test
    void viewColumnDefaultIsMeasuredThroughTheViewWithAWarningAndAMappingAddsTheTable() {
        db.execute("""
                CREATE SCHEMA views;
                CREATE SEQUENCE views.s;
                CREATE TABLE views.base (id int PRIMARY KEY, kind text);
                CREATE VIEW views.active AS SELECT * FROM views.base WHERE kind = 'active';
                ALTER VIEW views.active ALTER COLUMN id SET DEFAULT nextval('views.s');
                INSERT INTO views.base VALUES (5, 'active'), (50, 'archived');
                """);
        SequenceReport seq = entry(fixture.resync("views"), "views.s");
        assertThat(seq.nextValueAfter()).as("the view shows 5 only").isEqualTo(6);
        assertThat(seq.warnings()).singleElement().asString()
                .contains("column views.active.id belongs to a view").contains("map the table's column");
        fixture.resync(ResyncOptions.builder().schemas("views")
                .columnMapping(ColumnMapping.parse("views.s=views.base.id", "columnMappings")).build());
        assertThat(db.nextValue("views.s")).isEqualTo(51);
        db.execute("INSERT INTO views.active (kind) VALUES ('active')");
    }

    @Test
    void domainOverIntegerIsMeasured() {
        db.execute("""
                CREATE SCHEMA domains;
                CREATE DOMAIN domains.positive_id AS bigint CHECK (VALUE > 0);
                CREATE SEQUENCE domains.s;
                CREATE TABLE domains.t (id domains.positive_id DEFAULT nextval('domains.s'));
                INSERT INTO domains.t VALUES (64);
                """);
        fixture.resync("domains");
        assertThat(db.nextValue("domains.s")).isEqualTo(65);
    }

    // 7. quoted, mixed-case, unicode, reserved-word and 63-byte names

    @Test
    void hostileIdentifiersAreResyncedAndNothingElseRuns() {
        String longName = "x".repeat(60) + "ñ"; // 62 bytes in UTF-8
        db.execute("""
                CREATE TABLE public.canary (id int);
                CREATE SCHEMA "Mixed ""Case""; DROP TABLE public.canary; --";
                CREATE TABLE "Mixed ""Case""; DROP TABLE public.canary; --"."select" (
                    "Id$'); DROP TABLE public.canary; --" serial PRIMARY KEY,
                    "ünïcødé" bigint GENERATED BY DEFAULT AS IDENTITY);
                CREATE SEQUENCE "Mixed ""Case""; DROP TABLE public.canary; --"."%s";
                CREATE TABLE "Mixed ""Case""; DROP TABLE public.canary; --"."a.b" (
                    "order" int DEFAULT nextval('"Mixed ""Case""; DROP TABLE public.canary; --"."%s"'));
                INSERT INTO "Mixed ""Case""; DROP TABLE public.canary; --"."select" VALUES (7, 8);
                INSERT INTO "Mixed ""Case""; DROP TABLE public.canary; --"."a.b" VALUES (99);
                """.formatted(longName, longName));
        String schema = "Mixed \"Case\"; DROP TABLE public.canary; --";
        ResyncReport report = fixture.resync(schema);
        assertThat(report.changed()).hasSize(3);
        assertThat(report.sequences()).extracting(SequenceReport::sequence)
                .contains("\"Mixed \"\"Case\"\"; DROP TABLE public.canary; --\".\"" + longName + "\"");
        assertThat(db.queryLong("SELECT count(*) FROM public.canary")).as("canary table survives").isZero();
        db.execute("""
                INSERT INTO "Mixed ""Case""; DROP TABLE public.canary; --"."select" DEFAULT VALUES;
                INSERT INTO "Mixed ""Case""; DROP TABLE public.canary; --"."a.b" DEFAULT VALUES;
                """);
        assertThat(db.queryLong("""
                SELECT max("order") FROM "Mixed ""Case""; DROP TABLE public.canary; --"."a.b"
                """)).isEqualTo(100);
    }

    // 8. same table name in several schemas; sequence in another schema than its table

    @Test
    void sameTableNameInTwoSchemasKeepsTheirOwnMaximum() {
        db.execute("""
                CREATE SCHEMA twin_a;
                CREATE SCHEMA twin_b;
                CREATE TABLE twin_a.items (id serial PRIMARY KEY);
                CREATE TABLE twin_b.items (id serial PRIMARY KEY);
                INSERT INTO twin_a.items VALUES (3);
                INSERT INTO twin_b.items VALUES (300);
                """);
        fixture.resync("twin_a", "twin_b");
        assertThat(db.nextValue("twin_a.items_id_seq")).isEqualTo(4);
        assertThat(db.nextValue("twin_b.items_id_seq")).isEqualTo(301);
    }

    @Test
    void sequenceInAnotherSchemaThanItsTable() {
        db.execute("""
                CREATE SCHEMA seqs;
                CREATE SCHEMA data;
                CREATE SEQUENCE seqs.customer_id;
                CREATE TABLE data.customers (id int PRIMARY KEY DEFAULT nextval('seqs.customer_id'));
                INSERT INTO data.customers VALUES (12);
                """);
        fixture.resync("seqs");
        assertThat(db.nextValue("seqs.customer_id")).isEqualTo(13);
    }

    @Test
    void sequencesInOtherSchemasThatTablesInScopeTakeIdsFromAreInScopeWithThem() {
        // a DBA's schema of sequences, reached by a default, a domain's default, a default by text and
        // a trigger; one more sequence there feeds only a table out of scope, and stays out
        db.execute("""
                CREATE SCHEMA ids; CREATE SCHEMA app; CREATE SCHEMA other;
                CREATE SEQUENCE ids.by_default; CREATE SEQUENCE ids.by_domain; CREATE SEQUENCE ids.by_text;
                CREATE SEQUENCE ids.by_trigger; CREATE SEQUENCE ids.elsewhere;
                CREATE DOMAIN ids.id AS bigint DEFAULT nextval('ids.by_domain');
                CREATE TABLE app.a (id bigint PRIMARY KEY DEFAULT nextval('ids.by_default'));
                CREATE TABLE app.b (id ids.id PRIMARY KEY);
                CREATE TABLE app.c (id bigint PRIMARY KEY DEFAULT nextval('ids.by_text'::text));
                CREATE TABLE app.d (id bigint PRIMARY KEY);
                CREATE FUNCTION app.d_id() RETURNS trigger LANGUAGE plpgsql AS $f$
                    BEGIN NEW.id := nextval('ids.by_trigger'); RETURN NEW; END $f$;
                CREATE TRIGGER d_id BEFORE INSERT ON app.d FOR EACH ROW EXECUTE FUNCTION app.d_id();
                ALTER TABLE app.d DISABLE TRIGGER d_id;
                CREATE TABLE other.e (id bigint PRIMARY KEY DEFAULT nextval('ids.elsewhere'));
                INSERT INTO app.a VALUES (10); INSERT INTO app.b VALUES (20); INSERT INTO app.c VALUES (30);
                INSERT INTO app.d VALUES (40); INSERT INTO other.e VALUES (50);
                ALTER TABLE app.d ENABLE TRIGGER d_id;
                """);
        ResyncReport report = fixture.resync("app");
        assertThat(report.sequences()).extracting(SequenceReport::sequence)
                .containsExactly("ids.by_default", "ids.by_domain", "ids.by_text", "ids.by_trigger");
        assertThat(db.nextValue("ids.by_default")).isEqualTo(11);
        assertThat(db.nextValue("ids.by_domain")).isEqualTo(21);
        assertThat(db.nextValue("ids.by_text")).isEqualTo(31);
        assertThat(db.nextValue("ids.by_trigger")).isEqualTo(41);
        assertThat(db.nextValue("ids.elsewhere")).as("used by no table in scope").isEqualTo(1);
        db.execute("INSERT INTO app.a DEFAULT VALUES; INSERT INTO app.b DEFAULT VALUES; INSERT INTO app.c DEFAULT VALUES;"
                + " INSERT INTO app.d DEFAULT VALUES");
    }

    // 9. partitions and inheritance

    @Test
    void partitionedTableIsMeasuredOnceAcrossItsPartitions() {
        db.execute("""
                CREATE SCHEMA parts;
                CREATE TABLE parts.events (id bigserial, at date NOT NULL) PARTITION BY RANGE (at);
                CREATE TABLE parts.events_2025 PARTITION OF parts.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
                CREATE TABLE parts.events_2026 PARTITION OF parts.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
                INSERT INTO parts.events VALUES (5, '2025-03-01'), (900, '2026-03-01');
                """);
        SequenceReport seq = entry(fixture.resync("parts"), "parts.events_id_seq");
        assertThat(seq.columns()).contains("parts.events.id", "parts.events_2026.id");
        assertThat(db.nextValue("parts.events_id_seq")).isEqualTo(901);
    }

    @Test
    void inheritanceChildRowsCount() {
        db.execute("""
                CREATE SCHEMA inherit;
                CREATE TABLE inherit.animals (id serial PRIMARY KEY, name text);
                CREATE TABLE inherit.dogs (good boolean) INHERITS (inherit.animals);
                INSERT INTO inherit.animals VALUES (1, 'cat');
                INSERT INTO inherit.dogs VALUES (50, 'rex', true);
                """);
        fixture.resync("inherit");
        assertThat(db.nextValue("inherit.animals_id_seq")).isEqualTo(51);
    }

    // 10. bounds

    // rows on another server

    @Test
    void foreignTablesAndForeignPartitionsAreMeasuredOnTheirServerAndNotLocked() {
        db.execute(EdgeCases.named("foreign").setup("fdw_"));
        // lockTables: PostgreSQL cannot lock a foreign table; the local partition is locked, the others read
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("fdw_a").lockTables(true).build());
        assertThat(entry(report, "fdw_a.ev_id_seq").nextValueAfter()).as("the archive partition's file holds 11..60")
                .isEqualTo(61);
        assertThat(entry(report, "fdw_a.s").nextValueAfter()).as("a foreign table's own sequence").isEqualTo(61);
        assertThat(report.problems()).isEmpty();
        db.execute("INSERT INTO fdw_a.ev (k) VALUES (1)");
    }

    @Test
    void foreignTableItsServerCannotReadIsAProblemNamingItAndTheOthersAreResynced() {
        db.execute(EdgeCases.named("foreign_unreadable").setup("lost_"));
        String problem = "lost_a.s: column lost_a.lost.id could not be measured: reading foreign table lost_a.lost"
                + " (server lost_a_files) failed: could not open file \"lost_a_no_such_file.csv\" for reading";
        assertThatThrownBy(() -> fixture.resync("lost_a")).isInstanceOf(ResyncException.class)
                .hasMessageContaining(problem).hasMessageContaining("nothing changed");
        assertThat(db.nextValue("lost_a.t_id_seq")).isEqualTo(1);

        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("lost_a").failOnProblem(false).build());
        assertThat(entry(report, "lost_a.s").action()).isEqualTo(Action.PROBLEM);
        assertThat(report.problems()).singleElement().asString().startsWith(problem);
        assertThat(db.nextValue("lost_a.s")).isEqualTo(1);
        assertThat(db.nextValue("lost_a.t_id_seq")).as("the others are resynced").isEqualTo(6);
    }

    @Test
    void viewOverAForeignTableItsServerCannotReadIsAProblemNamingTheForeignTable() {
        db.execute(EdgeCases.named("foreign_unreadable").setup("lost_view_"));
        db.execute("""
                CREATE SEQUENCE lost_view_a.v_seq;
                CREATE VIEW lost_view_a.v AS SELECT id FROM lost_view_a.lost;
                ALTER VIEW lost_view_a.v ALTER COLUMN id SET DEFAULT nextval('lost_view_a.v_seq');
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("lost_view_a").failOnProblem(false).build());
        assertThat(entry(report, "lost_view_a.v_seq").problems()).singleElement().asString()
                .startsWith("column lost_view_a.v.id could not be measured: reading foreign table lost_view_a.lost"
                            + " (server lost_view_a_files) failed: could not open file");
        assertThat(db.nextValue("lost_view_a.t_id_seq")).as("the others are resynced").isEqualTo(6);
    }

    @Test
    void valueAboveMaxvalueIsAProblemAndNothingChanges() {
        db.execute("""
                CREATE SCHEMA above_max;
                CREATE SEQUENCE above_max.s MAXVALUE 1000;
                CREATE TABLE above_max.t (id int DEFAULT nextval('above_max.s'));
                INSERT INTO above_max.t VALUES (5000);
                CREATE TABLE above_max.fine (id serial);
                INSERT INTO above_max.fine VALUES (3);
                """);
        assertThatThrownBy(() -> fixture.resync("above_max"))
                .isInstanceOf(ResyncException.class)
                .hasMessageContaining("above_max.s").hasMessageContaining("above_max.t.id")
                .hasMessageContaining("MAXVALUE 1000")
                .satisfies(e -> {
                    // the plan, which says that the sequence it would move was not moved
                    ResyncReport plan = ((ResyncException) e).report();
                    assertThat(plan.applied()).isFalse();
                    assertThat(plan.summary()).isEqualTo("2 sequences: 1 to advance, 0 unchanged, 0 skipped, 1 problem"
                            + " (nothing changed)");
                    assertThat(plan.changeLine(plan.changed().get(0))).isEqualTo(
                            "above_max.fine_id_seq would advance from next value 1 to 4 (above_max.fine.id)");
                });
        assertThat(db.nextValue("above_max.fine_id_seq")).as("nothing applied").isEqualTo(1);
    }

    @Test
    void problemsOnlyWarnWhenAskedAndTheRestIsDone() {
        db.execute("""
                CREATE SCHEMA warn_only;
                CREATE SEQUENCE warn_only.s MAXVALUE 1000;
                CREATE TABLE warn_only.t (id int DEFAULT nextval('warn_only.s'));
                INSERT INTO warn_only.t VALUES (1000);
                CREATE TABLE warn_only.fine (id serial);
                INSERT INTO warn_only.fine VALUES (3);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("warn_only").failOnProblem(false).build());
        assertThat(entry(report, "warn_only.s").action()).isEqualTo(Action.PROBLEM);
        assertThat(entry(report, "warn_only.s").problems()).singleElement().asString()
                .contains("warn_only.t.id").contains("exhausted");
        assertThat(db.nextValue("warn_only.s")).isEqualTo(1);
        assertThat(db.nextValue("warn_only.fine_id_seq")).isEqualTo(4);
    }

    @Test
    void cycleSequenceAtItsMaximumIsAProblem() {
        db.execute("""
                CREATE SCHEMA cycle;
                CREATE SEQUENCE cycle.s MAXVALUE 100 CYCLE;
                CREATE TABLE cycle.t (id int PRIMARY KEY DEFAULT nextval('cycle.s'));
                INSERT INTO cycle.t VALUES (1), (100);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("cycle").failOnProblem(false).build());
        assertThat(entry(report, "cycle.s").problems()).singleElement().asString().contains("CYCLE").contains("wrap");
    }

    @Test
    void integerColumnFedByABigintSequenceIsAProblemPastTheIntegerRange() {
        db.execute("""
                CREATE SCHEMA int_range;
                CREATE SEQUENCE int_range.s AS bigint;
                CREATE TABLE int_range.t (id int DEFAULT nextval('int_range.s'));
                INSERT INTO int_range.t VALUES (2147483647);
                """);
        assertThatThrownBy(() -> fixture.resync("int_range"))
                .hasMessageContaining("int_range.t.id is integer")
                .hasMessageContaining("2147483648");
        assertThat(db.nextValue("int_range.s")).isEqualTo(1);
    }

    // 11. never backwards; exact mode

    @Test
    void forwardModeNeverMovesBackwards() {
        db.execute("""
                CREATE SCHEMA ahead;
                CREATE TABLE ahead.t (id serial PRIMARY KEY);
                INSERT INTO ahead.t VALUES (10);
                SELECT setval('ahead.t_id_seq', 500);
                """);
        SequenceReport seq = entry(fixture.resync("ahead"), "ahead.t_id_seq");
        assertThat(seq.action()).isEqualTo(Action.UNCHANGED);
        assertThat(db.nextValue("ahead.t_id_seq")).isEqualTo(501);
    }

    @Test
    void exactModeMovesBackAndResetsEmptyTablesToStart() {
        db.execute("""
                CREATE SCHEMA exact;
                CREATE TABLE exact.t (id serial PRIMARY KEY);
                INSERT INTO exact.t VALUES (10);
                SELECT setval('exact.t_id_seq', 500);
                CREATE SEQUENCE exact.s START 100;
                CREATE TABLE exact.empty (id int DEFAULT nextval('exact.s'));
                SELECT setval('exact.s', 700);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("exact").mode(Mode.EXACT).build());
        assertThat(entry(report, "exact.t_id_seq").action()).isEqualTo(Action.RESET);
        assertThat(db.nextValue("exact.t_id_seq")).isEqualTo(11);
        assertThat(db.nextValue("exact.s")).isEqualTo(100);
    }

    // 14. sequences no column uses

    @Test
    void unusedSequenceIsReportedAsSkipped() {
        db.execute("""
                CREATE SCHEMA unused;
                CREATE SEQUENCE unused.orders_seq INCREMENT 50;
                CREATE TABLE unused.orders (id bigint PRIMARY KEY);
                INSERT INTO unused.orders VALUES (1), (2), (730);
                """);
        SequenceReport seq = entry(fixture.resync("unused"), "unused.orders_seq");
        assertThat(seq.action()).isEqualTo(Action.SKIPPED);
        // the table named as Hibernate names its sequence, whose integer key has no default, is a candidate
        assertThat(seq.warnings()).singleElement().asString().contains("column mapping").contains(
                "the database shows unused.orders.id, which the column mapping unused.orders_seq=unused.orders.id"
                + " or the link rule {table}_seq->{table}.id link");
        assertThat(db.nextValue("unused.orders_seq")).isEqualTo(1);
    }

    @Test
    void unusedSequenceWithoutATableOfItsNameHasNoCandidates() {
        db.execute("""
                CREATE SCHEMA no_candidate;
                CREATE SEQUENCE no_candidate.invoice_numbers;
                CREATE TABLE no_candidate.invoice (id bigint PRIMARY KEY);
                CREATE SEQUENCE no_candidate.serial_seq;
                CREATE TABLE no_candidate.serial (id serial PRIMARY KEY);
                """);
        ResyncReport report = fixture.resync("no_candidate");
        assertThat(entry(report, "no_candidate.invoice_numbers").warnings()).singleElement().asString()
                .isEqualTo("no column uses this sequence; left alone (declare one with a column mapping)");
        // a key with a default (here serial's own sequence) is not a candidate
        assertThat(entry(report, "no_candidate.serial_seq").warnings()).singleElement().asString()
                .doesNotContain("database shows");
    }

    @Test
    void linkRuleLinksHibernateNamedSequencesToTheirTables() {
        db.execute("""
                CREATE SCHEMA rule;
                CREATE SEQUENCE rule.order_lines_seq INCREMENT 50;
                CREATE TABLE rule.order_lines (id bigint PRIMARY KEY);
                INSERT INTO rule.order_lines VALUES (1), (730);
                CREATE SEQUENCE rule.customers_seq INCREMENT 50;
                CREATE TABLE rule.customers (id bigint PRIMARY KEY);
                CREATE SEQUENCE rule.lonely_seq;
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("rule")
                .linkRule(LinkRule.parse("{table}_seq->{table}.id", "test")).build());
        SequenceReport lines = entry(report, "rule.order_lines_seq");
        assertThat(lines.columns()).containsExactly("rule.order_lines.id");
        assertThat(lines.links()).containsExactly("rule.order_lines.id by link rule {table}_seq->{table}.id");
        assertThat(db.nextValue("rule.order_lines_seq")).isEqualTo(780);
        assertThat(entry(report, "rule.customers_seq").action()).isEqualTo(Action.UNCHANGED);
        assertThat(entry(report, "rule.lonely_seq").action()).isEqualTo(Action.SKIPPED);
        assertThat(report.toText()).contains("linked: rule.order_lines_seq -> rule.order_lines.id by link rule");
        assertThat(report.toJson()).contains("\"links\":[\"rule.order_lines.id by link rule {table}_seq->{table}.id\"]");
    }

    @Test
    void linkRuleBuildsTheColumnNameFromTheTableName() {
        db.execute("""
                CREATE SCHEMA legacy;
                CREATE SEQUENCE legacy.seq_invoice;
                CREATE TABLE legacy.invoice (invoice_id int PRIMARY KEY);
                INSERT INTO legacy.invoice VALUES (41);
                CREATE SEQUENCE "legacy"."seq_Odd.Name";
                CREATE TABLE legacy."Odd.Name" ("Odd.Name_id" int PRIMARY KEY);
                INSERT INTO legacy."Odd.Name" VALUES (7);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("legacy")
                .linkRule(LinkRule.parse("seq_{table}->{table}.{table}_id", "test")).build());
        assertThat(db.nextValue("legacy.seq_invoice")).isEqualTo(42);
        assertThat(db.nextValue("legacy.\"seq_Odd.Name\"")).isEqualTo(8);
        assertThat(entry(report, "legacy.\"seq_Odd.Name\"").columns()).containsExactly("legacy.\"Odd.Name\".\"Odd.Name_id\"");
    }

    @Test
    void linkRuleWithoutTheTablePlaceholderIsRejectedNamingTheOption() {
        assertThatThrownBy(() -> ResyncOption.LINK_RULES.apply(ResyncOptions.builder(), "orders_seq->orders.id",
                Spelling.COMMAND_LINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid value 'orders_seq->orders.id' for option --link-rules: the sequence side must"
                            + " hold {table} once, beside other text, e.g. {table}_seq");
    }

    @Test
    void excludeAppliesToLinkedTables() {
        db.execute("""
                CREATE SCHEMA excluded_link;
                CREATE SEQUENCE excluded_link.orders_seq INCREMENT 50;
                CREATE TABLE excluded_link.orders (id bigint PRIMARY KEY);
                INSERT INTO excluded_link.orders VALUES (730);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("excluded_link").exclude("orders")
                .linkRule(LinkRule.parse("{table}_seq->{table}.id", "test")).build());
        assertThat(report.sequences()).isEmpty();
        assertThat(db.nextValue("excluded_link.orders_seq")).isEqualTo(1);
    }

    // 14b. ids a BEFORE INSERT trigger assigns (Oracle-style schemas): the trigger links the column

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            assignment                | NEW.id := nextval('trg.s');
            equals with regclass      | NEW.id = nextval('trg.s'::regclass);
            qualified nextval, spaces | new . id:=pg_catalog.nextval ( 'trg.s' ) ;
            select into strict        | SELECT nextval('trg.s') INTO STRICT NEW.id;
            only when null            | IF NEW.id IS NULL THEN NEW.id := nextval('trg.s'); END IF;
            unqualified, own path     | NEW.id := nextval('s');
            quoted names              | NEW."Id" := nextval('"trg"."s"');
            """)
    void triggerThatAssignsNextvalToTheNewRowLinksTheColumn(String form, String assignment) {
        String column = assignment.contains("\"Id\"") ? "\"Id\"" : "id";
        db.execute("""
                DROP SCHEMA IF EXISTS trg CASCADE;
                CREATE SCHEMA trg;
                CREATE SEQUENCE trg.s;
                CREATE TABLE trg.t (%1$s bigint PRIMARY KEY, v text);
                CREATE FUNCTION trg.assign_id() RETURNS trigger LANGUAGE plpgsql SET search_path = trg, pg_temp AS $f$
                BEGIN
                    %2$s
                    RETURN NEW;
                END $f$;
                CREATE TRIGGER t_id BEFORE INSERT ON trg.t FOR EACH ROW EXECUTE FUNCTION trg.assign_id();
                INSERT INTO trg.t (v) VALUES ('from the trigger');
                -- a data load with the trigger off, as restores and replication apply do
                ALTER TABLE trg.t DISABLE TRIGGER t_id;
                INSERT INTO trg.t VALUES (500, 'explicit');
                ALTER TABLE trg.t ENABLE TRIGGER t_id;
                """.formatted(column, assignment));
        SequenceReport seq = entry(fixture.resync("trg"), "trg.s");
        assertThat(seq.links()).singleElement().asString().endsWith("by trigger t_id (trg.assign_id())");
        assertThat(seq.nextValueAfter()).isEqualTo(501);
        db.execute("INSERT INTO trg.t (v) VALUES ('after')");
    }

    @Test
    void triggerThatAssignsAFunctionWhoseStringBodyIsNextvalLinksTheColumn() {
        db.execute("""
                CREATE SCHEMA trg_str;
                CREATE SEQUENCE trg_str.s;
                CREATE SEQUENCE trg_str.sharded;
                CREATE FUNCTION trg_str.next_id() RETURNS bigint LANGUAGE plpgsql SET search_path = trg_str
                    AS $f$ BEGIN RETURN nextval('s'); END $f$;
                CREATE FUNCTION trg_str.shard_id() RETURNS bigint LANGUAGE sql
                    AS $f$ SELECT nextval('trg_str.sharded') * 1024 + 5 $f$;
                -- an unqualified name, resolved with the search_path the trigger's function sets
                CREATE SEQUENCE trg_str.m_ids;
                CREATE FUNCTION trg_str.next_m() RETURNS bigint LANGUAGE plpgsql AS $f$ BEGIN RETURN nextval('m_ids'); END $f$;
                CREATE TABLE trg_str.t (id bigint PRIMARY KEY, n bigint, m bigint UNIQUE);
                CREATE FUNCTION trg_str.f() RETURNS trigger LANGUAGE plpgsql SET search_path = trg_str AS $f$
                BEGIN NEW.id := trg_str.next_id(); NEW.n := trg_str.shard_id(); NEW.m := next_m(); RETURN NEW; END $f$;
                CREATE TRIGGER t_id BEFORE INSERT ON trg_str.t FOR EACH ROW EXECUTE FUNCTION trg_str.f();
                ALTER TABLE trg_str.t DISABLE TRIGGER t_id;
                INSERT INTO trg_str.t VALUES (500, 600000, 700);
                ALTER TABLE trg_str.t ENABLE TRIGGER t_id;
                """);
        ResyncReport report = fixture.resync("trg_str");
        assertThat(entry(report, "trg_str.s").links()).containsExactly("trg_str.t.id by trigger t_id (trg_str.f())");
        assertThat(db.nextValue("trg_str.s")).isEqualTo(501);
        assertThat(db.nextValue("trg_str.m_ids")).isEqualTo(701);
        assertThat(entry(report, "trg_str.sharded").action()).as("a body that is more than nextval()")
                .isEqualTo(Action.SKIPPED);
        assertThat(db.nextValue("trg_str.sharded")).isEqualTo(1);
        db.execute("INSERT INTO trg_str.t DEFAULT VALUES");
    }

    @Test
    void triggerThatAssignsASqlStandardFunctionOfNextvalLinksTheColumn() {
        assumeTrue(db.queryLong("SELECT current_setting('server_version_num')::int") >= 140000,
                "SQL-standard function bodies arrived in PostgreSQL 14");
        db.execute("""
                CREATE SCHEMA trg_fn;
                CREATE SEQUENCE trg_fn.s;
                CREATE SEQUENCE trg_fn.other;
                CREATE FUNCTION trg_fn.next_id() RETURNS bigint LANGUAGE sql RETURN nextval('trg_fn.s');
                -- through EXECUTE: the driver would split BEGIN ATOMIC's body at its semicolon
                DO $d$ BEGIN EXECUTE 'CREATE FUNCTION trg_fn.next_atomic() RETURNS bigint LANGUAGE sql
                                      BEGIN ATOMIC SELECT nextval(''trg_fn.other''); END'; END $d$;
                CREATE TABLE trg_fn.t (id bigint PRIMARY KEY, n bigint);
                CREATE FUNCTION trg_fn.f() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN NEW.id := trg_fn.next_id(); NEW.n = trg_fn.next_atomic(); RETURN NEW; END $f$;
                CREATE TRIGGER t_id BEFORE INSERT ON trg_fn.t FOR EACH ROW EXECUTE FUNCTION trg_fn.f();
                ALTER TABLE trg_fn.t DISABLE TRIGGER t_id;
                INSERT INTO trg_fn.t VALUES (500, 600);
                ALTER TABLE trg_fn.t ENABLE TRIGGER t_id;
                """);
        ResyncReport report = fixture.resync("trg_fn");
        assertThat(entry(report, "trg_fn.s").links()).containsExactly("trg_fn.t.id by trigger t_id (trg_fn.f())");
        assertThat(db.nextValue("trg_fn.s")).isEqualTo(501);
        assertThat(db.nextValue("trg_fn.other")).isEqualTo(601);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', textBlock = """
            in an expression   # NEW.code := 'X-' || nextval('untrusted.s');
            times ten          # NEW.id := nextval('untrusted.s') * 10;
            another table      # INSERT INTO untrusted.audit VALUES (nextval('untrusted.s'));
            dynamic            # EXECUTE 'SELECT nextval(''untrusted.s'')' INTO NEW.id;
            """)
    void triggerThatUsesNextvalOtherwiseIsReportedNotLinked(String form, String statement) {
        db.execute("""
                DROP SCHEMA IF EXISTS untrusted CASCADE;
                CREATE SCHEMA untrusted;
                CREATE SEQUENCE untrusted.s;
                CREATE TABLE untrusted.audit (n bigint);
                CREATE TABLE untrusted.t (id bigint PRIMARY KEY, code text);
                CREATE FUNCTION untrusted.f() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN
                    %s
                    RETURN NEW;
                END $f$;
                CREATE TRIGGER t_code BEFORE INSERT ON untrusted.t FOR EACH ROW EXECUTE FUNCTION untrusted.f();
                INSERT INTO untrusted.t VALUES (900, 'explicit');
                """.formatted(statement));
        SequenceReport seq = entry(fixture.resync("untrusted"), "untrusted.s");
        assertThat(seq.action()).isEqualTo(Action.SKIPPED);
        assertThat(seq.links()).isEmpty();
        assertThat(seq.warnings()).anySatisfy(w -> assertThat(w).startsWith(
                "trigger t_code on untrusted.t calls nextval('untrusted.s') in a form that does not say which column"
                + " of the new row it fills").endsWith("declare it with a column mapping untrusted.s=untrusted.t.<column>"));
        assertThat(db.nextValue("untrusted.s")).isLessThan(900);
    }

    @Test
    void afterTriggerOrUpdateTriggerDoesNotLink() {
        db.execute("""
                CREATE SCHEMA after_trigger;
                CREATE SEQUENCE after_trigger.s;
                CREATE TABLE after_trigger.t (id bigint PRIMARY KEY);
                CREATE FUNCTION after_trigger.f() RETURNS trigger LANGUAGE plpgsql AS $f$
                BEGIN NEW.id := nextval('after_trigger.s'); RETURN NEW; END $f$;
                CREATE TRIGGER on_update BEFORE UPDATE ON after_trigger.t FOR EACH ROW EXECUTE FUNCTION after_trigger.f();
                CREATE TRIGGER after_insert AFTER INSERT ON after_trigger.t FOR EACH ROW EXECUTE FUNCTION after_trigger.f();
                INSERT INTO after_trigger.t VALUES (300);
                """);
        SequenceReport seq = entry(fixture.resync("after_trigger"), "after_trigger.s");
        assertThat(seq.action()).isEqualTo(Action.SKIPPED);
        assertThat(seq.links()).isEmpty();
    }

    @Test
    void pooledMappingKeepsTheWholeNextPoolPastTheDataWhateverTheIncrement() {
        // Hibernate with allocation size 50 on a sequence of INCREMENT 1 (mismatch check off): each
        // nextval value v stands for v-49..v, so the next value must be at least max + 50
        db.execute("""
                CREATE SCHEMA pool_mismatch;
                CREATE SEQUENCE pool_mismatch.orders_seq;
                CREATE TABLE pool_mismatch.orders (id bigint PRIMARY KEY);
                INSERT INTO pool_mismatch.orders VALUES (1), (730);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("pool_mismatch")
                .columnMapping(ColumnMapping.linked("pool_mismatch.orders_seq", "pool_mismatch.orders", "id",
                        "Hibernate entity Order (pooled, allocation size 50)", 50)).build());
        assertThat(db.nextValue("pool_mismatch.orders_seq")).isEqualTo(780);
        assertThat(entry(report, "pool_mismatch.orders_seq").links())
                .containsExactly("pool_mismatch.orders.id by Hibernate entity Order (pooled, allocation size 50)");
    }

    @Test
    void hibernatePooledSequenceIsResyncedThroughAColumnMapping() {
        db.execute("""
                CREATE SCHEMA pooled;
                CREATE SEQUENCE pooled.orders_seq INCREMENT 50;
                CREATE TABLE pooled.orders (id bigint PRIMARY KEY);
                INSERT INTO pooled.orders VALUES (1), (2), (730);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("pooled")
                .columnMapping(ColumnMapping.parse("pooled.orders_seq=pooled.orders.id", "test")).build());
        assertThat(entry(report, "pooled.orders_seq").columns()).containsExactly("pooled.orders.id");
        // the next pooled block (nextval - 49 .. nextval) starts above 730
        assertThat(db.nextValue("pooled.orders_seq")).isEqualTo(780);
    }

    @Test
    void columnMappingToAMissingTableNamesIt() {
        db.execute("CREATE SCHEMA bad_mapping; CREATE SEQUENCE bad_mapping.s;");
        assertThatThrownBy(() -> fixture.resync(ResyncOptions.builder().schemas("bad_mapping")
                .columnMapping(new ColumnMapping("bad_mapping.s", "bad_mapping.nope", "id")).build()))
                .isInstanceOf(ResyncException.class)
                .hasMessageContaining("table bad_mapping.nope does not exist");
    }

    // 15. temporary tables, system schemas, extension members

    @Test
    void temporaryTablesSystemSchemasAndExtensionMembersAreIgnored() throws Exception {
        db.execute("""
                CREATE SCHEMA ext_owned;
                CREATE SEQUENCE ext_owned.belongs_to_extension;
                ALTER EXTENSION plpgsql ADD SEQUENCE ext_owned.belongs_to_extension;
                """);
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE scratch (id serial); INSERT INTO scratch VALUES (99)");
            // every schema: other fixtures of this class may have problems, which do not matter here
            ResyncReport report = SequenceResync.with(ResyncOptions.builder().failOnProblem(false).build()).run(c);
            assertThat(report.sequences()).extracting(SequenceReport::sequence)
                    .noneMatch(name -> name.startsWith("pg_"))
                    .noneMatch(name -> name.contains("scratch"))
                    .doesNotContain("ext_owned.belongs_to_extension");
        } finally {
            db.execute("ALTER EXTENSION plpgsql DROP SEQUENCE ext_owned.belongs_to_extension");
        }
    }

    // schema filters, exclusion patterns, idempotence

    @Test
    void exclusionPatternsLeaveSequencesAndTablesAlone() {
        db.execute("""
                CREATE SCHEMA excl;
                CREATE TABLE excl.audit_log (id serial);
                CREATE TABLE excl.orders (id serial);
                CREATE TABLE excl.items (id serial);
                INSERT INTO excl.audit_log VALUES (10);
                INSERT INTO excl.orders VALUES (10);
                INSERT INTO excl.items VALUES (10);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("excl")
                .exclude("audit_*", "excl.orders_id_seq").build());
        assertThat(report.sequences()).extracting(SequenceReport::sequence).containsExactly("excl.items_id_seq");
        assertThat(db.nextValue("excl.audit_log_id_seq")).isEqualTo(1);
        assertThat(db.nextValue("excl.orders_id_seq")).isEqualTo(1);
        assertThat(db.nextValue("excl.items_id_seq")).isEqualTo(11);
    }

    @Test
    void schemaFilterLimitsTheSequencesTouched() {
        db.execute("""
                CREATE SCHEMA only_this;
                CREATE SCHEMA not_that;
                CREATE TABLE only_this.t (id serial);
                CREATE TABLE not_that.t (id serial);
                INSERT INTO only_this.t VALUES (5);
                INSERT INTO not_that.t VALUES (5);
                """);
        fixture.resync("only_this");
        assertThat(db.nextValue("only_this.t_id_seq")).isEqualTo(6);
        assertThat(db.nextValue("not_that.t_id_seq")).isEqualTo(1);
    }

    @Test
    void runningTwiceChangesNothingTheSecondTime() {
        db.execute("""
                CREATE SCHEMA twice;
                CREATE TABLE twice.a (id serial);
                CREATE TABLE twice.b (id bigint GENERATED ALWAYS AS IDENTITY);
                INSERT INTO twice.a VALUES (8);
                INSERT INTO twice.b OVERRIDING SYSTEM VALUE VALUES (9);
                """);
        assertThat(fixture.resync("twice").changed()).hasSize(2);
        ResyncReport second = fixture.resync("twice");
        assertThat(second.changed()).isEmpty();
        assertThat(second.inSync()).isTrue();
    }

    @Test
    void dryRunChangesNothingAndSaysWhatItWouldDo() {
        db.execute("""
                CREATE SCHEMA dry;
                CREATE TABLE dry.t (id serial);
                INSERT INTO dry.t VALUES (8);
                """);
        ResyncReport report = fixture.resync(ResyncOptions.builder().schemas("dry").dryRun(true).build());
        assertThat(entry(report, "dry.t_id_seq").nextValueAfter()).isEqualTo(9);
        assertThat(report.summary()).contains("1 to advance").contains("dry run");
        assertThat(db.nextValue("dry.t_id_seq")).isEqualTo(1);
    }
    // every case of the catalog

    static Stream<EdgeCase> catalog() {
        return EdgeCases.ALL.stream();
    }

    /**
     * Each case of the catalog, resynced in forward mode with problems reported, not failed on:
     * no sequence moves backwards, the case's ordinary inserts work, and a second run changes nothing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("catalog")
    void everyCaseOfTheCatalogIsFixedForwardAndStaysFixed(EdgeCase c) throws Exception {
        String prefix = "cat_" + c.name() + "_";
        db.execute(c.setup(prefix));
        List<String> schemas = c.schemas(prefix);
        ResyncOptions options = ResyncOptions.builder().schemas(schemas).failOnProblem(false).build();
        Map<String, Long> before = nextValues(schemas);
        fixture.resync(options);
        Map<String, Long> after = nextValues(schemas);
        assertThat(after).isNotEmpty();
        for (Map.Entry<String, Long> e : before.entrySet()) {
            long increment = db.queryLong("SELECT seqincrement FROM pg_sequence WHERE seqrelid = ?::regclass", e.getKey());
            assertThat(increment > 0 ? after.get(e.getKey()) >= e.getValue() : after.get(e.getKey()) <= e.getValue())
                    .as("%s never moves backwards: %s, then %s", e.getKey(), e.getValue(), after.get(e.getKey())).isTrue();
        }
        for (String insert : c.inserts(prefix)) {
            db.execute(insert);
        }
        assertThat(fixture.resync(options).changed()).as("a second run").isEmpty();
    }

    /** The next value of every sequence in these schemas, by name as regclass prints it. */
    private Map<String, Long> nextValues(List<String> schemas) throws Exception {
        Map<String, Long> values = new LinkedHashMap<>();
        try (Connection conn = db.connect(); PreparedStatement ps = conn.prepareStatement("""
                SELECT c.oid::regclass::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'S' AND n.nspname = ANY (?) ORDER BY 1""")) {
            ps.setArray(1, conn.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.put(rs.getString(1), db.nextValue(rs.getString(1)));
                }
            }
        }
        return values;
    }
}

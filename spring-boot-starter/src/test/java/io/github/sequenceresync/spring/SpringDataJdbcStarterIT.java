package io.github.sequenceresync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.SliceDatabase;
import com.example.sequences.SequenceIdsApplication;
import com.example.twodatajdbc.TwoDatabasesDataJdbcApplication;
import io.github.sequenceresync.SequenceReport;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;

/**
 * A Spring Data JDBC application whose ids come from {@code @Sequence}: after a migration brings rows
 * with their ids, the sequence is linked to its table by the application's own mapping and resynced
 * before the application takes traffic, so that the next save does not hit a migrated id.
 */
@PostgresTest
class SpringDataJdbcStarterIT {

    private static final String SCHEMA = "data_jdbc";

    private final TestDatabase db;

    SpringDataJdbcStarterIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void idsFromASequenceTheMappingNamesComeAfterTheMigratedOnes(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start(SCHEMA)) {
            SequenceResyncEvent afterMapping = app.getBean(SequenceResyncReports.class).all().stream()
                    .filter(e -> e.after().equals("spring data jdbc")).findFirst().orElseThrow();
            assertThat(afterMapping.report().sequences()).singleElement().satisfies(s -> {
                assertThat(s.sequence()).isEqualTo(SCHEMA + ".invoice_numbers");
                assertThat(s.columns()).containsExactly(SCHEMA + ".invoices.id");
                assertThat(s.nextValueAfter()).isEqualTo(301);
            });
            assertThat(afterMapping.report().sequences()).extracting(SequenceReport::links).singleElement().asString()
                    .contains("Spring Data entity");

            SequenceIdsApplication.Invoice invoice = new SequenceIdsApplication.Invoice();
            invoice.customer = "new";
            assertThat(app.getBean(SequenceIdsApplication.Invoices.class).save(invoice).id).isEqualTo(301);
            assertThat(output.getAll()).as("the resync after Flyway's warning, which the mapping made moot")
                    .doesNotContain("no column uses this sequence");
        }
    }

    /** With {@code spring.main.lazy-initialization=true} too, before the first save. */
    @Test
    void withLazyInitializationToo() {
        try (ConfigurableApplicationContext app = start(SCHEMA + "_lazy", "spring.main.lazy-initialization=true")) {
            SequenceIdsApplication.Invoice invoice = new SequenceIdsApplication.Invoice();
            invoice.customer = "new";
            assertThat(app.getBean(SequenceIdsApplication.Invoices.class).save(invoice).id).isEqualTo(301);
        }
    }

    /**
     * Least privilege: an application role that may only use the sequences (USAGE), Flyway or
     * Liquibase as a role of their own that may set them: the resync of the {@code @Sequence} ids
     * runs as the migration's role.
     */
    @Test
    void anApplicationRoleThatMayOnlyUseSequencesStartsAndSaves() {
        for (String migration : List.of("flyway", "liquibase")) {
            String schema = SCHEMA + "_least_privilege_" + migration;
            db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
            List<String> properties = new ArrayList<>(List.of(SliceDatabase.applicationRoleThatMayOnlyUseSequences(db, schema)));
            if (migration.equals("liquibase")) {
                properties.addAll(List.of("spring.flyway.enabled=false", "spring.liquibase.enabled=true",
                        "spring.liquibase.change-log=classpath:db/changelog/data-jdbc.xml",
                        "spring.liquibase.default-schema=" + schema));
            }
            try (ConfigurableApplicationContext app = restart(schema, properties.toArray(String[]::new))) {
                SequenceIdsApplication.Invoice invoice = new SequenceIdsApplication.Invoice();
                invoice.customer = "new";
                assertThat(app.getBean(SequenceIdsApplication.Invoices.class).save(invoice).id).as(migration)
                        .isEqualTo(301);
            }
        }
    }

    /** On a read replica ({@code default_transaction_read_only}) of a database loaded without a resync: it starts. */
    @Test
    void onAReadOnlyDatabaseTheApplicationStarts() {
        start(SCHEMA + "_read_only", "sequence-resync.enabled=false").close(); // loaded, no resync
        try (ConfigurableApplicationContext app = restart(SCHEMA + "_read_only", "spring.flyway.enabled=false",
                "spring.datasource.url=" + db.url() + "?currentSchema=" + SCHEMA + "_read_only"
                        + "&options=-c%20default_transaction_read_only%3Don")) {
            assertThat(app.getBean(SequenceResyncReports.class).all()).singleElement().satisfies(e -> {
                assertThat(e.after()).isEqualTo("spring data jdbc");
                assertThat(e.report().applied()).isFalse();
                assertThat(e.report().changed()).extracting(SequenceReport::nextValueAfter).containsExactly(301L);
            });
        }
    }

    /**
     * Two databases, each migrated by a Flyway of its own, one mapping: each {@code @Sequence} is
     * resynced on the database that has its table, and neither database's report notes the other's
     * entity as a link left out.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withTwoDatabasesEachSequenceIsResyncedWhereItsTableIs(CapturedOutput output) {
        db.execute("DROP SCHEMA IF EXISTS data_jdbc_two CASCADE; CREATE SCHEMA data_jdbc_two");
        TestDatabase archive = TestDatabase.create("data_jdbc_archive");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TwoDatabasesDataJdbcApplication.class)
                .properties("app.invoices.url=" + db.url() + "?currentSchema=data_jdbc_two",
                        "app.archive.url=" + archive.url(), "app.user=" + db.user(), "spring.liquibase.enabled=false",
                        "spring.main.banner-mode=off")
                .run()) {
            assertThat(app.getBean(RelationalMappingContext.class).getPersistentEntities())
                    .extracting(e -> e.getType().getSimpleName()).contains("Invoice", "ArchivedInvoice");
            assertThat(db.nextValue("data_jdbc_two.invoice_numbers")).isEqualTo(301);
            assertThat(archive.nextValue("public.archived_invoice_numbers")).isEqualTo(501);
            assertThat(app.getBean(SequenceResyncReports.class).all()).filteredOn(e -> e.after().equals("spring data jdbc"))
                    .hasSize(2).allSatisfy(e -> assertThat(e.report().notes()).isEmpty());
            assertThat(output.getAll()).doesNotContain("link left out");

            TwoDatabasesDataJdbcApplication.Invoice invoice = new TwoDatabasesDataJdbcApplication.Invoice();
            invoice.customer = "new";
            assertThat(app.getBean(TwoDatabasesDataJdbcApplication.Invoices.class).save(invoice).id).isEqualTo(301);
        } finally {
            archive.drop();
        }
    }

    private ConfigurableApplicationContext start(String schema, String... more) {
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        return restart(schema, more);
    }

    /** The application again, on the schema as it is; {@code more} wins over the defaults. */
    private ConfigurableApplicationContext restart(String schema, String... more) {
        return new SpringApplicationBuilder(SequenceIdsApplication.class)
                .properties(SliceDatabase.dataSource(db, db.url() + "?currentSchema=" + schema)).properties(
                "spring.flyway.schemas=" + schema,
                "spring.flyway.locations=classpath:db/data-jdbc",
                "spring.liquibase.enabled=false",
                "spring.main.banner-mode=off").properties(more).run();
    }
}

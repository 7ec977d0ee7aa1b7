package io.github.sequenceresync.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.SliceDatabase;
import com.example.jpa.JpaApplication;
import com.example.tenants.TenantsApplication;
import com.example.twounits.TwoUnitsApplication;
import com.example.twounits.archive.ArchivedCustomers;
import com.example.twounits.shop.Customers;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.Tenants;
import io.github.sequenceresync.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot + Spring Data JPA application with Hibernate's default generators and a Flyway
 * data migration starts with the starter alone and persists new entities without a duplicate key
 * (Spring Boot 3.5 with Hibernate 6.6; the compat modules: 4.0 and 4.1 with Hibernate 7).
 */
@PostgresTest
class JpaStarterIT {

    private final TestDatabase db;

    JpaStarterIT(TestDatabase db) {
        this.db = db;
    }

    private ConfigurableApplicationContext start(String schema, String... properties) {
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        return restart(schema, properties);
    }

    /** The application again, on the schema as it is. */
    private ConfigurableApplicationContext restart(String schema, String... properties) {
        List<String> all = new ArrayList<>(List.of(SliceDatabase.dataSource(db, db.url() + "?currentSchema=" + schema)));
        all.addAll(List.of(
                "spring.flyway.schemas=" + schema,
                "spring.flyway.locations=classpath:db/jpa",
                "spring.liquibase.enabled=false",
                "spring.jpa.hibernate.ddl-auto=validate",
                "spring.jpa.properties.hibernate.default_schema=" + schema,
                "spring.jpa.open-in-view=false",
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(JpaApplication.class).properties(all.toArray(String[]::new)).run();
    }

    @Test
    void afterADataMigrationNewEntitiesPersistInBatchesWithoutADuplicateKey() {
        try (ConfigurableApplicationContext app = start("jpa_app")) {
            JpaApplication.Customers customers = app.getBean(JpaApplication.Customers.class);
            JpaApplication.OrderLines lines = app.getBean(JpaApplication.OrderLines.class);
            JpaApplication.Payments payments = app.getBean(JpaApplication.Payments.class);
            for (int batch = 0; batch < 3; batch++) {
                customers.saveAll(IntStream.range(0, 70).mapToObj(i -> new JpaApplication.Customer()).toList());
                lines.saveAll(IntStream.range(0, 5).mapToObj(i -> new JpaApplication.OrderLine()).toList());
                payments.saveAll(IntStream.range(0, 60).mapToObj(i -> i % 2 == 0 ? new JpaApplication.Payment()
                        : new JpaApplication.CardPayment()).toList());
            }
            assertThat(customers.count()).isEqualTo(3 + 210);
            assertThat(db.queryLong("SELECT min(id) FROM jpa_app.customers WHERE name IS NULL")).isGreaterThan(730);
            assertThat(db.queryLong("SELECT min(id) FROM jpa_app.order_lines WHERE id > 1")).isEqualTo(99);
            assertThat(db.queryLong("SELECT count(*) FROM jpa_app.order_lines WHERE id > 99")).isEqualTo(15);

            List<SequenceResyncEvent> reports = app.getBean(SequenceResyncReports.class).all();
            assertThat(reports).extracting(SequenceResyncEvent::after).containsExactly("flyway",
                    "hibernate (entityManagerFactory)");
            assertThat(reports.get(1).report().sequences()).extracting(s -> s.sequence() + " " + s.action().label())
                    .containsExactlyInAnyOrder("jpa_app.customers_seq advance", "jpa_app.order_line_ids advance",
                            "jpa_app.payments_seq advance");
        }
        // a restart: nothing more to do
        try (ConfigurableApplicationContext app = restart("jpa_app")) {
            assertThat(app.getBean(SequenceResyncReports.class).all().get(1).report().changed()).isEmpty();
        }
    }

    /**
     * Least privilege: the application's role may use the sequences (USAGE: nextval) and write the
     * tables, and only the migration's role (spring.flyway.user) may set sequences. Hibernate's
     * sequences, which only the mapping links, are resynced as the migration's role, and new entities
     * persist (the application failed to start before: permission denied to set them).
     */
    @Test
    void anApplicationRoleThatMayOnlyUseSequencesStartsAndPersists() {
        String schema = "jpa_least_privilege";
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        try (ConfigurableApplicationContext app = restart(schema,
                SliceDatabase.applicationRoleThatMayOnlyUseSequences(db, schema))) {
            assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
                    .isEqualTo("app_using_sequences");
            JpaApplication.Customers customers = app.getBean(JpaApplication.Customers.class);
            customers.saveAll(IntStream.range(0, 70).mapToObj(i -> new JpaApplication.Customer()).toList());
            assertThat(db.queryLong("SELECT min(id) FROM " + schema + ".customers WHERE name IS NULL")).isGreaterThan(730);
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactly("flyway", "hibernate (entityManagerFactory)");
        }
    }

    /**
     * The same, with a migration whose connection resolves unqualified names elsewhere (its own URL,
     * without the application's {@code currentSchema}): not taken for the application's database,
     * the resync runs as the application's role, and the start fails naming the privilege it lacks.
     */
    @Test
    void aMigrationConnectionWithAnotherSearchPathIsNotTakenForTheApplications() {
        String schema = "jpa_least_privilege_path";
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        List<String> properties = new ArrayList<>(List.of(SliceDatabase.applicationRoleThatMayOnlyUseSequences(db, schema)));
        properties.add("spring.flyway.url=" + db.url());
        Throwable failure = catchThrowable(() -> restart(schema, properties.toArray(String[]::new)).close());
        assertThat(failure).hasStackTraceContaining("permission denied: SELECT on sequence " + schema + ".customers_seq");
        assertThat(new SequenceResyncFailureAnalyzer().analyze(failure).getAction())
                .contains("A missing privilege: grant it, or let Flyway or Liquibase migrate as a role of their own")
                .contains("spring.flyway.user");
    }

    /**
     * Two databases, each with a persistence unit and a Flyway of its own, and the same table and
     * sequence names in both: each unit's sequences are resynced on its own database, by its own rows
     * (the shop's ids reach 730, the archive's 2,000), and so is the archive's serial table after its
     * Flyway; new entities persist in both.
     */
    @Test
    void twoPersistenceUnitsOnTwoDatabasesAreEachResyncedOnTheirOwn() {
        inTwoDatabases((shop, archive) -> {
            try (ConfigurableApplicationContext app = startTwoUnits(shop, archive)) {
                assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                        .containsExactlyInAnyOrder("flyway", "flyway", "hibernate (shopEntityManagerFactory)",
                                "hibernate (archiveEntityManagerFactory)");
                persistInBoth(app, shop, archive);
                assertThat(archive.nextValue("public.notes_id_seq")).isEqualTo(42);
            }
            try (ConfigurableApplicationContext app = startTwoUnits(shop, archive)) {
                assertThat(app.getBean(SequenceResyncReports.class).all()).as("a restart: nothing more to do")
                        .allSatisfy(event -> assertThat(event.report().changed()).isEmpty());
            }
        });
    }

    /**
     * The same with least privilege in both databases: the application's role may only use the
     * sequences, and each Flyway migrates as the owner on a connection of its own. Each unit's
     * sequences are resynced as the role that migrated its database (the archive's failed to start
     * before: only the first Flyway's database was looked at).
     */
    @Test
    void twoPersistenceUnitsWhoseRoleMayOnlyUseSequencesAreResyncedAsEachDatabasesMigration() {
        inTwoDatabases((shop, archive) -> {
            SliceDatabase.applicationRoleThatMayOnlyUseSequences(shop, "public");
            SliceDatabase.applicationRoleThatMayOnlyUseSequences(archive, "public");
            try (ConfigurableApplicationContext app = startTwoUnits(shop, archive, "app.user=app_using_sequences",
                    "app.password=app-password", "app.migration.user=" + db.user(),
                    "app.migration.password=" + (db.password() == null ? "" : db.password()))) {
                assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
                        .isEqualTo("app_using_sequences");
                persistInBoth(app, shop, archive);
            }
        });
    }

    /**
     * The deploy log with two databases and sequences of the same names in both: the archive's
     * leftover {@code invoices_seq}, which nothing uses there, is warned of, though the shop's
     * sequence of that name is an entity's (that warning was dropped before: the sequences the
     * resyncs after Hibernate linked were matched by name alone, whatever their database).
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aSequenceNothingUsesInOneDatabaseIsWarnedOfThoughItsNamesakeIsUsedInTheOther(CapturedOutput output) {
        inTwoDatabases((shop, archive) -> {
            startTwoUnits(shop, archive).close();
            assertThat(unlinkedWarnings(output)).singleElement().asString().contains("public.invoices_seq:");
        });
    }

    private void inTwoDatabases(java.util.function.BiConsumer<TestDatabase, TestDatabase> test) {
        TestDatabase shop = TestDatabase.create("starter_units_shop");
        TestDatabase archive = TestDatabase.create("starter_units_archive");
        try {
            test.accept(shop, archive);
        } finally {
            shop.drop();
            archive.drop();
        }
    }

    private ConfigurableApplicationContext startTwoUnits(TestDatabase shop, TestDatabase archive, String... properties) {
        List<String> all = new ArrayList<>(List.of("app.shop.url=" + shop.url(), "app.archive.url=" + archive.url(),
                "app.user=" + db.user(), "app.password=" + (db.password() == null ? "" : db.password()),
                "spring.liquibase.enabled=false", "spring.jpa.open-in-view=false", "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(TwoUnitsApplication.class).properties(all.toArray(String[]::new)).run();
    }

    /** 70 new customers in each database, through each unit's repository: all above that database's rows. */
    private static void persistInBoth(ConfigurableApplicationContext app, TestDatabase shop, TestDatabase archive) {
        app.getBean(Customers.class).saveAll(IntStream.range(0, 70).mapToObj(i -> new Customers.Customer()).toList());
        app.getBean(ArchivedCustomers.class).saveAll(
                IntStream.range(0, 70).mapToObj(i -> new ArchivedCustomers.ArchivedCustomer()).toList());
        assertThat(shop.queryLong("SELECT count(*) FROM customers WHERE name IS NULL")).isEqualTo(70);
        assertThat(shop.queryLong("SELECT min(id) FROM customers WHERE name IS NULL")).isGreaterThan(730);
        assertThat(archive.queryLong("SELECT count(*) FROM customers WHERE name IS NULL")).isEqualTo(70);
        assertThat(archive.queryLong("SELECT min(id) FROM customers WHERE name IS NULL")).isGreaterThan(2000);
    }

    /**
     * data.sql with explicit ids, run after Hibernate made the schema
     * ({@code spring.jpa.defer-datasource-initialization=true}): the serial table and the entity's
     * sequence are both resynced after it.
     */
    @Test
    void dataSqlRunAfterTheEntityManagerFactoryIsFollowedToo() {
        try (ConfigurableApplicationContext app = start("jpa_data_sql", "spring.flyway.enabled=false",
                "spring.jpa.hibernate.ddl-auto=create", "spring.jpa.defer-datasource-initialization=true",
                "spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:db/sql-init/schema.sql",
                "spring.sql.init.data-locations=classpath:db/sql-init/data.sql")) {
            app.getBean(JpaApplication.Customers.class)
                    .saveAll(IntStream.range(0, 70).mapToObj(i -> new JpaApplication.Customer()).toList());
            assertThat(db.queryLong("SELECT min(id) FROM jpa_data_sql.customers WHERE name IS NULL")).isGreaterThan(730);
            assertThat(app.getBean(JdbcTemplate.class).queryForObject(
                    "INSERT INTO things (name) VALUES ('ordinary') RETURNING id", Long.class)).isEqualTo(42);
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactly("hibernate (entityManagerFactory)",
                            "SQL initialization (dataSourceScriptDatabaseInitializer)",
                            "hibernate, SQL initialization (dataSourceScriptDatabaseInitializer)");
        }
    }

    /**
     * Hibernate's own import script ({@code import.sql}, or {@code hibernate.hbm2ddl.import_files}),
     * which it runs after creating the schema ({@code ddl-auto=create}), before the factory is built:
     * the resync after Hibernate covers the identity column's sequence too, not only its generators'.
     */
    @Test
    void rowsHibernatesImportScriptLoadsAreFollowed() {
        try (ConfigurableApplicationContext app = start("jpa_import", "spring.flyway.enabled=false",
                "spring.jpa.hibernate.ddl-auto=create",
                "spring.jpa.properties.hibernate.hbm2ddl.import_files=db/hibernate-import/import.sql")) {
            app.getBean(JpaApplication.Customers.class)
                    .saveAll(IntStream.range(0, 70).mapToObj(i -> new JpaApplication.Customer()).toList());
            assertThat(db.queryLong("SELECT min(id) FROM jpa_import.customers WHERE name IS NULL")).isGreaterThan(900);
            assertThat(app.getBean(JpaApplication.Tickets.class).save(new JpaApplication.Ticket()).id).isEqualTo(78);
        }
    }

    /**
     * A pool tuned as recommended with Hibernate, handing connections out with auto-commit off: the
     * resyncs after SQL initialization and Hibernate still commit their own work (the core's
     * runInOwnTransaction, which FaultsIT shows splitting a run into transactions on such connections).
     */
    @Test
    void aPoolHandingOutConnectionsWithAutoCommitOffIsFollowedToo() throws Exception {
        try (ConfigurableApplicationContext app = start("jpa_manual_commit", "spring.flyway.enabled=false",
                "spring.jpa.hibernate.ddl-auto=create", "spring.jpa.defer-datasource-initialization=true",
                "spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:db/sql-init/schema.sql",
                "spring.sql.init.data-locations=classpath:db/sql-init/data.sql",
                "spring.datasource.hikari.auto-commit=false",
                "spring.jpa.properties.hibernate.connection.provider_disables_autocommit=true")) {
            assertThat(db.nextValue("jpa_manual_commit.things_id_seq")).isEqualTo(42);
            assertThat(db.nextValue("jpa_manual_commit.customers_seq")).isGreaterThan(730);
            try (java.sql.Connection c = app.getBean(javax.sql.DataSource.class).getConnection()) {
                assertThat(c.getAutoCommit()).as("as the pool hands it out").isFalse();
            }
        }
    }

    /**
     * The deploy log. The resync after Flyway runs before Hibernate's mapping exists and finds no
     * column for the entities' sequences; its warnings of them are held back until the context is
     * refreshed and dropped there, as the resync after Hibernate linked and moved them. A sequence
     * nothing uses is still warned of, once.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theLogWarnsOfASequenceNothingUsesAndOfNoneHibernatesMappingLinks(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("jpa_log", UNLINKED)) {
            assertThat(unlinkedWarnings(output)).singleElement().asString()
                    .contains("sequence-resync: jpa_log.legacy_ticket_numbers: no column uses this sequence; left alone");
        }
    }

    /** With nothing that links Hibernate's sequences, every held warning is logged once the context is refreshed. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withoutTheResyncAfterHibernateItsSequencesAreWarnedOf(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("jpa_log_off", UNLINKED, "sequence-resync.hibernate=false")) {
            assertThat(unlinkedWarnings(output)).hasSize(4).allSatisfy(line -> assertThat(line).containsAnyOf(
                    "jpa_log_off.customers_seq:", "jpa_log_off.order_line_ids:", "jpa_log_off.payments_seq:",
                    "jpa_log_off.legacy_ticket_numbers:"));
        }
    }

    /** An application that fails to start after the migration still logs the warnings held back. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anApplicationThatFailsToStartLogsTheHeldWarnings(CapturedOutput output) {
        assertThatThrownBy(() -> start("jpa_log_failed", UNLINKED,
                "spring.jpa.properties.hibernate.default_schema=jpa_log_nowhere")) // validation fails
                .hasStackTraceContaining("missing table");
        assertThat(unlinkedWarnings(output)).hasSize(4);
    }

    /** A migration that also creates a sequence no column uses and no mapping names. */
    private static final String UNLINKED = "spring.flyway.locations=classpath:db/jpa,classpath:db/jpa-unlinked";

    private static List<String> unlinkedWarnings(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("no column uses this sequence")).toList();
    }

    /**
     * {@code spring.main.lazy-initialization=true}: Hibernate's sequences are resynced at start-up all
     * the same (Spring Boot builds the EntityManagerFactory then), and the log holds no false alarm.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withLazyInitializationHibernatesSequencesAreResyncedAtStartUpToo(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("jpa_lazy", UNLINKED, "spring.main.lazy-initialization=true")) {
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactly("flyway", "hibernate (entityManagerFactory)");
            assertThat(unlinkedWarnings(output)).singleElement().asString().contains("jpa_lazy.legacy_ticket_numbers:");
            assertThat(app.getBean(JpaApplication.Customers.class).save(new JpaApplication.Customer()).id)
                    .isGreaterThan(730);
        }
    }

    /**
     * An application on a read replica (here {@code default_transaction_read_only}, as a hot standby
     * has it) of a database loaded without a resync: it cannot move the sequences it finds behind, and
     * it need not, since it cannot insert there either. It starts, with one warning; its report says
     * what would change.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void onAReadOnlyDatabaseTheApplicationStartsWithOneWarning(CapturedOutput output) {
        start("jpa_read_only", "sequence-resync.enabled=false").close(); // loaded, no resync
        try (ConfigurableApplicationContext app = restart("jpa_read_only", "spring.flyway.enabled=false",
                "spring.datasource.url=" + db.url() + "?currentSchema=jpa_read_only"
                        + "&options=-c%20default_transaction_read_only%3Don")) {
            List<SequenceResyncEvent> reports = app.getBean(SequenceResyncReports.class).all();
            assertThat(reports).extracting(SequenceResyncEvent::after).containsExactly("hibernate (entityManagerFactory)");
            assertThat(reports.get(0).report().applied()).isFalse();
            assertThat(reports.get(0).report().changed()).hasSize(3);
            assertThat(output.getAll()).contains("nothing changed after hibernate (entityManagerFactory): cannot resync"
                    + " sequences: the transaction is read-only");
        }
        assertThat(db.nextValue("jpa_read_only.customers_seq")).isEqualTo(1);
    }

    @Test
    void offWithTheProperty() {
        try (ConfigurableApplicationContext app = start("jpa_off", "sequence-resync.hibernate=false")) {
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactly("flyway");
            assertThat(db.nextValue("jpa_off.customers_seq")).isEqualTo(1);
        }
    }

    /**
     * A multi-tenant application, a schema per tenant, each migrated and loaded on its own
     * ({@link Tenants}): the tenants the starter is told are each resynced on the connection
     * Hibernate's own provider gives for them, and each tenant's next customer gets a fresh id.
     */
    @Test
    void aMultiTenantApplicationHasEachTenantItNamesResyncedOnItsOwnSchema() {
        Tenants.load(db);
        try (ConfigurableApplicationContext app = startTenants("sequence-resync.tenants=tenant_a,tenant_b")) {
            TenantsApplication.Customers customers = app.getBean(TenantsApplication.Customers.class);
            assertThat(TenantsApplication.CurrentTenant.as("tenant_a", () -> customers.save(customer()).id))
                    .isGreaterThan(Tenants.A_LOADED);
            assertThat(TenantsApplication.CurrentTenant.as("tenant_b", () -> customers.save(customer()).id))
                    .isGreaterThan(Tenants.B_LOADED);
            assertThat(db.nextValue("tenant_a.customers_seq")).as("its own rows, not the other's")
                    .isLessThan(Tenants.B_LOADED);
        }
    }

    /** Hibernate cannot list the tenants: without them, one warning says where to name them. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aMultiTenantApplicationWithoutItsTenantsNamedStartsWithOneWarningSayingWhere(CapturedOutput output) {
        Tenants.load(db);
        startTenants().close();
        assertThat(output.getOut().lines().filter(line -> line.contains("sequence-resync: nothing done"))).singleElement()
                .asString().endsWith("this session factory has no single connection provider (multi-tenancy);"
                                     + " name the tenants in sequence-resync.tenants");
        assertThat(db.nextValue("tenant_a.customers_seq")).isEqualTo(1);
    }

    /** Tenants named for an application that is not multi-tenant: resynced as usual, and one warning says they are ignored. */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void tenantsNamedWhereNoSessionFactoryIsMultiTenantAreIgnoredWithOneWarning(CapturedOutput output) {
        try (ConfigurableApplicationContext app = start("jpa_no_tenants", "sequence-resync.tenants=acme,globex")) {
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .contains("hibernate (entityManagerFactory)");
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("sequence-resync.tenants"))).singleElement()
                .asString().endsWith("sequence-resync: sequence-resync.tenants names [acme, globex], but no Hibernate"
                                     + " session factory here is multi-tenant (hibernate.multi_tenant_connection_provider):"
                                     + " the tenants are ignored");
    }

    private ConfigurableApplicationContext startTenants(String... properties) {
        List<String> all = new ArrayList<>(List.of(SliceDatabase.dataSource(db, db.url())));
        all.addAll(List.of("spring.flyway.enabled=false", "spring.liquibase.enabled=false",
                "spring.jpa.hibernate.ddl-auto=none", "spring.jpa.open-in-view=false", "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(TenantsApplication.class).properties(all.toArray(String[]::new)).run();
    }

    private static TenantsApplication.Customer customer() {
        TenantsApplication.Customer customer = new TenantsApplication.Customer();
        customer.name = "new";
        return customer;
    }
}

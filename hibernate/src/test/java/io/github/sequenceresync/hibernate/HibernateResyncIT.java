package io.github.sequenceresync.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sequenceresync.Action;
import io.github.sequenceresync.ColumnMapping;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceReport;
import io.github.sequenceresync.hibernate.model.Entities;
import io.github.sequenceresync.testing.JulLog;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real Hibernate session factories on real PostgreSQL: the schema Hibernate makes, rows loaded
 * with explicit ids as a data migration loads them, then a session factory built with the resync
 * on, and new entities of every shape persisted in batches.
 */
@PostgresTest
class HibernateResyncIT {

    /**
     * The sequences Hibernate made for {@link Entities} (the IDENTITY one is the catalog's). Its default
     * name is the table's (or, without one, the entity's) with {@code _SEQ}, which PostgreSQL folds to
     * lower case unless the name is quoted.
     */
    private static final List<String> SEQUENCES = List.of("public.customers_seq", "public.order_line_ids",
            "billing.invoice_ids", "public.mail_ids", "public.vehicles_seq", "public.payments_seq",
            "public.animal_seq", "public.base_ids", "public.\"Odd Items_SEQ\"");

    private final TestDatabase db;

    HibernateResyncIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void emptyDatabase() {
        db.execute("DROP SCHEMA IF EXISTS public CASCADE; DROP SCHEMA IF EXISTS billing CASCADE;"
                   + " CREATE SCHEMA public; CREATE SCHEMA billing;");
    }

    /** The compat modules run these tests on Hibernate 7; check that they really do. */
    @Test
    void runsOnTheHibernateVersionTheBuildChose() {
        assertThat(org.hibernate.Version.getVersionString())
                .isEqualTo(System.getProperty("hibernate.expected.version", org.hibernate.Version.getVersionString()));
    }

    @Test
    void anEntityWhoseTableIsMissingIsLeftOutWithANote() {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            persistOneOfEach(first);
        }
        loadRowsWithExplicitIds();
        db.execute("DROP TABLE letters");
        try (SessionFactory sf = factory(Map.of())) {
            ResyncReport report = HibernateResync.run(sf, ResyncOptions.defaults(), false).orElseThrow();
            assertThat(report.notes()).singleElement().asString().startsWith("link left out: table letters does not"
                    + " exist (Hibernate entity " + Entities.Letter.class.getName());
            assertThat(db.nextValue("public.mail_ids")).isEqualTo(80); // parcels' 70 + 10
        }
    }

    @Test
    void idsFromATableGeneratorAreNamedInAWarningAndLeftAlone() throws Exception {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            persistOneOfEach(first);
        }
        db.execute("INSERT INTO receipts (id) VALUES (500)");
        String warnings = JulLog.during(Level.WARNING, () -> {
            try (SessionFactory sf = factory(Map.of())) {
                assertThat(HibernateResync.run(sf, ResyncOptions.defaults(), false)).isPresent();
            }
        });
        // the row's name is Hibernate's choice ('default' for GenerationType.TABLE): the one row there
        String row = db.queryString("SELECT sequence_name FROM hibernate_sequences");
        assertThat(warnings.lines().filter(line -> line.contains("not a sequence"))).containsExactly(
                "sequence-resync: left alone, not a sequence: Hibernate entity " + Entities.Receipt.class.getName()
                + " takes its ids from table hibernate_sequences (next_val of row '" + row + "'); after rows are"
                + " loaded with explicit ids, raise it past them by hand"
                + (HibernateResync.RESYNCHRONIZES ? " or with Hibernate's SchemaManager.resynchronizeGenerators()" : ""));
        assertThat(db.queryLong("SELECT next_val FROM hibernate_sequences")).as("left alone").isLessThan(500);
    }

    @Test
    void onH2NothingRunsWithOneWarningAndTableGeneratorsAreNotWarnedOf() throws Exception {
        Configuration configuration = new Configuration();
        Entities.ALL.forEach(configuration::addAnnotatedClass);
        configuration.setProperty("hibernate.connection.url", "jdbc:h2:mem:hibernate_resync;DB_CLOSE_DELAY=-1");
        configuration.setProperty("hibernate.hbm2ddl.auto", "create");
        configuration.setProperty("hibernate.hbm2ddl.create_namespaces", "true");
        String warnings = JulLog.during(Level.WARNING, () -> {
            try (SessionFactory sf = configuration.buildSessionFactory()) {
                assertThat(HibernateResync.run(sf, ResyncOptions.defaults(), false)).isEmpty();
            }
        });
        assertThat(warnings.lines().filter(line -> line.startsWith("sequence-resync"))).singleElement().asString()
                .startsWith("sequence-resync: nothing done for Hibernate's sequences: ");
    }

    @ParameterizedTest(name = "optimizer {0}")
    @ValueSource(strings = {"pooled", "pooled-lo", "pooled-lotl"})
    void afterADataLoadNewEntitiesOfEveryShapeGetFreshIds(String optimizer) {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create",
                "hibernate.id.optimizer.pooled.preferred", optimizer))) {
            persistOneOfEach(first); // the application ran before: its sequences are called
        }
        loadRowsWithExplicitIds();
        Map<String, Long> before = nextValues();

        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("hibernate.id.optimizer.pooled.preferred", optimizer);
        settings.put(HibernateResync.ENABLED, "true");
        try (SessionFactory app = factory(settings)) {
            for (int batch = 0; batch < 3; batch++) {
                persistBatch(app, 60);
            }
            ResyncReport second = HibernateResync.run(app, ResyncOptions.defaults(), false).orElseThrow();
            assertThat(second.changed()).as("a second run").isEmpty();
        }
        Map<String, Long> after = nextValues();
        after.forEach((sequence, next) -> assertThat(next).as(sequence).isGreaterThanOrEqualTo(before.get(sequence)));
    }

    @Test
    void linksFollowTheMappingModel() {
        try (SessionFactory sf = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            assertThat(HibernateLinks.of(sf)).extracting(m -> m.sequence() + "=" + m.table() + "." + m.column()
                            + " x" + m.step())
                    .containsExactlyInAnyOrder(
                            "customers_SEQ=customers.id x50",
                            "order_line_ids=order_lines.id x0",
                            "billing.invoice_ids=billing.invoice.id x20",
                            "mail_ids=parcels.id x10",
                            "mail_ids=letters.id x10",
                            "vehicles_SEQ=vehicles.id x50",
                            "payments_SEQ=payments.id x50",
                            "Animal_SEQ=dogs.id x50",
                            "Animal_SEQ=cats.id x50",
                            "base_ids=authors.id x50",
                            "base_ids=books.id x50",
                            "\"Odd Items_SEQ\"=\"Odd Items\".id x50");
            assertThat(HibernateLinks.of(sf)).filteredOn(m -> m.table().equals("customers")).singleElement()
                    .extracting(ColumnMapping::linkedBy).asString()
                    .isEqualTo("Hibernate entity " + Entities.Customer.class.getName()
                               + " (optimizer pooled, allocation size 50)");
        }
    }

    @Test
    void theReportShowsTheLinksAndOnlyHibernatesSequences() {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            persistOneOfEach(first);
        }
        loadRowsWithExplicitIds();
        db.execute("CREATE SEQUENCE public.unrelated; CREATE TABLE public.other (id serial PRIMARY KEY);"
                   + " INSERT INTO public.other VALUES (500);");
        try (SessionFactory sf = factory(Map.of())) {
            ResyncReport report = HibernateResync.run(sf, ResyncOptions.builder().dryRun(true).build(), false)
                    .orElseThrow();
            assertThat(report.sequences()).extracting(SequenceReport::sequence)
                    .containsExactlyInAnyOrderElementsOf(SEQUENCES);
            SequenceReport customers = report.sequences().stream()
                    .filter(s -> s.sequence().equals("public.customers_seq")).findFirst().orElseThrow();
            assertThat(customers.action()).isEqualTo(Action.ADVANCE);
            assertThat(customers.nextValueAfter()).isEqualTo(780); // 730 + a whole pool of 50
            assertThat(customers.links()).containsExactly("public.customers.id by Hibernate entity "
                    + Entities.Customer.class.getName() + " (optimizer pooled, allocation size 50)");
            assertThat(report.toJson()).contains("\"links\":[\"public.customers.id by Hibernate entity");
        }
    }

    /**
     * Hibernate made the schema and ran an import script ({@code import.sql}, here through
     * {@code hibernate.hbm2ddl.import_files}): rows it loaded with explicit ids are followed in every
     * table, a serial column's too, not only in the tables of the generators' sequences.
     */
    @Test
    void rowsAnImportScriptLoadsAreFollowedWhenHibernateMadeTheSchema() {
        try (SessionFactory sf = factory(Map.of("hibernate.hbm2ddl.auto", "create",
                "hibernate.hbm2ddl.import_files", "import-with-ids.sql", HibernateResync.ENABLED, "true"))) {
            assertThat(db.nextValue("public.customers_seq")).isGreaterThan(900);
            assertThat(db.nextValue("public.imported_id_seq")).isEqualTo(78);
        }
    }

    /**
     * Hibernate 7.2 and later resynchronize their own generators at bootstrap with
     * {@code hibernate.hbm2ddl.auto=synchronize}: the table generator's row too, but not the sequence a
     * TABLE_PER_CLASS hierarchy shares (its root has no table). The resync after it catches that one,
     * agrees with Hibernate on every other (nothing more to move), and leaves the table generator to it
     * without a warning.
     */
    @Test
    void besideHibernatesOwnSynchronizeTheSequenceItMissesIsResyncedToo() throws Exception {
        assumeTrue(HibernateResync.RESYNCHRONIZES, "Hibernate 7.2 and later");
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            persistOneOfEach(first);
        }
        loadRowsWithExplicitIds();
        db.execute("INSERT INTO receipts (id) VALUES (500)");
        String warnings = JulLog.during(Level.WARNING, () -> {
            try (SessionFactory sf = factory(Map.of("hibernate.hbm2ddl.auto", "synchronize", HibernateResync.ENABLED, "true"))) {
                assertThat(db.nextValue("public.animal_seq")).as("cats' 260 + a pool of 50").isEqualTo(310);
                assertThat(db.nextValue("public.customers_seq")).isEqualTo(780);
                assertThat(db.queryLong("SELECT next_val FROM hibernate_sequences")).as("Hibernate's").isGreaterThan(500);
                assertThat(HibernateResync.run(sf, ResyncOptions.defaults(), false).orElseThrow().changed()).isEmpty();
                for (int batch = 0; batch < 3; batch++) {
                    persistBatch(sf, 60); // 360 cats and dogs: past 200 and 260 unless animal_seq moved
                }
            }
        });
        assertThat(warnings).doesNotContain("not a sequence");
    }

    @Test
    void hibernatesSchemaActionIsReadAsHibernateReadsIt() {
        assertThat(HibernateResync.databaseAction(Map.of("hibernate.hbm2ddl.auto", "update")))
                .isEqualTo(org.hibernate.tool.schema.Action.UPDATE);
        assertThat(HibernateResync.databaseAction(Map.of("hibernate.hbm2ddl.auto", "update",
                "jakarta.persistence.schema-generation.database.action", "create")))
                .isEqualTo(org.hibernate.tool.schema.Action.CREATE_ONLY);
        assertThat(HibernateResync.databaseAction(Map.of("hibernate.hbm2ddl.auto", "update",
                "jakarta.persistence.schema-generation.scripts.action", "create")))
                .as("a Jakarta Persistence action set: hbm2ddl.auto is not read").isEqualTo(org.hibernate.tool.schema.Action.NONE);
        assertThat(HibernateResync.databaseAction(Map.of())).isEqualTo(org.hibernate.tool.schema.Action.NONE);
    }

    @ParameterizedTest(name = "optimizer {0}")
    @ValueSource(strings = {"hilo", "legacy-hilo"})
    void optimizersWhoseIdsDependOnTheApplicationsStateAreProblemsNamingTheEntity(String optimizer) {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create",
                "hibernate.id.optimizer.pooled.preferred", optimizer))) {
            persistOneOfEach(first);
        }
        loadRowsWithExplicitIds();
        long before = db.nextValue("public.customers_seq");
        Map<String, Object> settings = Map.of("hibernate.id.optimizer.pooled.preferred", optimizer,
                HibernateResync.ENABLED, "true");
        assertThatThrownBy(() -> factory(settings).close())
                .hasMessageStartingWith("sequences not resynced, nothing changed")
                .hasMessageContaining("public.customers_seq: Hibernate entity " + Entities.Customer.class.getName()
                                      + ": its id optimizer")
                .hasMessageContaining("no next value can be computed");
        assertThat(db.nextValue("public.customers_seq")).isEqualTo(before);

        Map<String, Object> lenient = new LinkedHashMap<>(settings);
        lenient.put("sequence-resync.fail-on-problem", "false");
        try (SessionFactory sf = factory(lenient)) {
            assertThat(db.nextValue("public.customers_seq")).isEqualTo(before);
            assertThat(db.nextValue("public.order_line_ids")).isEqualTo(100); // allocation size 1: no optimizer
        }
    }

    @Test
    void jakartaPersistenceBootstrapWithTheSettingInPersistenceXml() {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            persistOneOfEach(first);
        }
        loadRowsWithExplicitIds();
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("jakarta.persistence.jdbc.url", db.url());
        connection.put("jakarta.persistence.jdbc.user", db.user());
        if (db.password() != null) {
            connection.put("jakarta.persistence.jdbc.password", db.password());
        }
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("shop", connection);
        try {
            assertThat(db.nextValue("public.customers_seq")).isEqualTo(780);
            assertThat(db.nextValue("public.order_line_ids")).isEqualTo(100);
            assertThat(db.nextValue("public.vehicles_seq")).as("not an entity of this unit").isLessThan(400);
            EntityManager em = emf.createEntityManager();
            em.getTransaction().begin();
            for (int i = 0; i < 60; i++) {
                em.persist(new Entities.Customer());
            }
            em.getTransaction().commit();
            em.close();
        } finally {
            emf.close();
        }
    }

    @Test
    void offUnlessTheSettingTurnsItOn() {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            persistOneOfEach(first);
        }
        loadRowsWithExplicitIds();
        Map<String, Long> before = nextValues();
        try (SessionFactory sf = factory(Map.of())) {
            assertThat(nextValues()).isEqualTo(before);
        }
    }

    @Test
    void aSettingThatCannotBeReadFailsTheBootstrapNamingIt() {
        try (SessionFactory first = factory(Map.of("hibernate.hbm2ddl.auto", "create"))) {
            assertThat(first).isNotNull();
        }
        Map<String, Object> settings = Map.of(HibernateResync.ENABLED, "true", "sequence-resync.lock-timeout", "soon");
        assertThatThrownBy(() -> factory(settings).close())
                .hasMessage("invalid value 'soon' for option sequence-resync.lock-timeout: expected milliseconds or a"
                            + " number with ms, s, m (or min) or h, or ISO-8601 (PT10S), e.g. 10s");
    }

    private SessionFactory factory(Map<String, Object> settings) {
        Configuration configuration = new Configuration();
        Entities.ALL.forEach(configuration::addAnnotatedClass);
        configuration.setProperty("hibernate.connection.url", db.url());
        configuration.setProperty("hibernate.connection.username", db.user());
        if (db.password() != null) {
            configuration.setProperty("hibernate.connection.password", db.password());
        }
        configuration.setProperty("hibernate.jdbc.batch_size", "20");
        settings.forEach((k, v) -> configuration.setProperty(k, String.valueOf(v)));
        return configuration.buildSessionFactory();
    }

    private static void persistOneOfEach(SessionFactory sf) {
        persistBatch(sf, 1);
    }

    private static void persistBatch(SessionFactory sf, int each) {
        List<Supplier<Object>> shapes = List.of(Entities.Customer::new, Entities.OrderLine::new, Entities.Invoice::new,
                Entities.Parcel::new, Entities.Letter::new, Entities.Vehicle::new, Entities.Car::new,
                Entities.Payment::new, Entities.CardPayment::new, Entities.Dog::new, Entities.Cat::new,
                Entities.Author::new, Entities.Book::new, Entities.OddItem::new, Entities.Ticket::new, Entities.Token::new,
                Entities.Receipt::new);
        sf.inTransaction(session -> {
            for (int i = 0; i < each; i++) {
                shapes.forEach(shape -> session.persist(shape.get()));
            }
        });
    }

    /** Rows with explicit ids past every sequence, as a data migration or a restore writes them. */
    private void loadRowsWithExplicitIds() {
        db.execute("""
                INSERT INTO customers (id, name) VALUES (700, 'loaded'), (730, 'loaded');
                INSERT INTO order_lines (id) VALUES (99);
                INSERT INTO billing.invoice (id) VALUES (500);
                INSERT INTO parcels (id) VALUES (70);
                INSERT INTO letters (id) VALUES (120);
                INSERT INTO vehicles (id, dtype, doors) VALUES (400, 'Car', 3), (410, 'Vehicle', NULL);
                INSERT INTO payments (id) VALUES (333);
                INSERT INTO card_payments (id, last4) VALUES (333, '1234');
                INSERT INTO dogs (id) VALUES (200);
                INSERT INTO cats (id) VALUES (260);
                INSERT INTO authors (id) VALUES (60);
                INSERT INTO books (id) VALUES (640);
                INSERT INTO "Odd Items" (id) VALUES (17);
                """);
    }

    private Map<String, Long> nextValues() {
        Map<String, Long> values = new LinkedHashMap<>();
        SEQUENCES.forEach(s -> values.put(s, db.nextValue(s)));
        return values;
    }
}

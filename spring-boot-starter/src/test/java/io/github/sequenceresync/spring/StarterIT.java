package io.github.sequenceresync.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.example.SliceDatabase;
import com.example.jpa.JpaApplication;
import com.example.ownflyway.OwnFlywayApplication;
import com.example.shop.StarterApplication;
import com.example.twodatabases.TwoDatabasesApplication;
import io.github.sequenceresync.Action;
import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.testing.Blocker;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.ClassUtils;

/**
 * Real Spring Boot applications with the starter alone, on real PostgreSQL: Flyway migrations and a
 * Liquibase changelog load rows with explicit ids, and the application's first ordinary insert gets
 * the next free id. The compat modules run these tests on Spring Boot 4.0 and 4.1.
 */
@PostgresTest
class StarterIT {

    private final TestDatabase db;

    StarterIT(TestDatabase db) {
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
                "spring.liquibase.enabled=false",
                "spring.main.banner-mode=off"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(StarterApplication.class).properties(all.toArray(String[]::new)).run();
    }

    private static long insert(ConfigurableApplicationContext app, String sql) {
        return app.getBean(JdbcTemplate.class).queryForObject(sql + " RETURNING id", Long.class);
    }

    /** The compat modules run these tests on Spring Boot 4.0 and 4.1; check that they really do. */
    @Test
    void runsOnTheSpringBootVersionTheBuildChose() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("spring-boot.expected.version"));
    }

    @Test
    void afterFlywayTheFirstOrdinaryInsertGetsTheNextFreeId() {
        try (ConfigurableApplicationContext app = start("boot_flyway")) {
            assertThat(insert(app, "INSERT INTO orders (item) VALUES ('new')")).isEqualTo(42);
            assertThat(insert(app, "INSERT INTO customers (name) VALUES ('Grace')")).isEqualTo(8);
            List<SequenceResyncEvent> reports = app.getBean(StarterApplication.Reports.class).received;
            assertThat(reports).singleElement().satisfies(e -> {
                assertThat(e.after()).isEqualTo("flyway");
                assertThat(e.report().changed()).hasSize(2).allMatch(s -> s.action() == Action.ADVANCE);
            });
        }
    }

    @Test
    void afterLiquibaseWithAnUnchangedChangelogTheFirstOrdinaryInsertGetsTheNextFreeId() {
        try (ConfigurableApplicationContext app = start("boot_liquibase", "spring.flyway.enabled=false",
                "spring.liquibase.enabled=true", "spring.liquibase.change-log=classpath:db/changelog/master.xml",
                "spring.liquibase.default-schema=boot_liquibase")) {
            assertThat(insert(app, "INSERT INTO orders (item) VALUES ('new')")).isEqualTo(42);
            assertThat(app.getBean(StarterApplication.Reports.class).received).singleElement()
                    .satisfies(e -> assertThat(e.after()).isEqualTo("liquibase"));
            assertThat(app.getBean(SequenceResyncReports.class).all()).hasSize(1);
        }
    }

    /**
     * {@code spring.main.lazy-initialization=true} (a common start-up speed-up): Spring Boot still
     * migrates at start-up, and the resync follows before any bean of the application is asked for.
     */
    @Test
    void withLazyInitializationTheResyncStillRunsAtStartUp() {
        try (ConfigurableApplicationContext app = start("boot_lazy", "spring.main.lazy-initialization=true")) {
            assertThat(db.nextValue("boot_lazy.orders_id_seq")).isEqualTo(42);
            assertThat(db.nextValue("boot_lazy.customers_id_seq")).isEqualTo(8);
        }
        try (ConfigurableApplicationContext app = start("boot_lazy_liquibase", "spring.main.lazy-initialization=true",
                "spring.flyway.enabled=false", "spring.liquibase.enabled=true",
                "spring.liquibase.change-log=classpath:db/changelog/master.xml",
                "spring.liquibase.default-schema=boot_lazy_liquibase")) {
            assertThat(db.nextValue("boot_lazy_liquibase.orders_id_seq")).isEqualTo(42);
        }
    }

    /**
     * {@code spring.liquibase.url} and {@code user} (a DataSource of Liquibase's own, often for a
     * migration role that owns the tables): the resync runs on it, the connection with the privileges.
     */
    @Test
    void withADataSourceOfLiquibasesOwnTheResyncRunsOnIt() {
        try (ConfigurableApplicationContext app = start("boot_liquibase_own", "spring.flyway.enabled=false",
                "spring.liquibase.enabled=true", "spring.liquibase.change-log=classpath:db/changelog/master.xml",
                "spring.liquibase.default-schema=boot_liquibase_own", "spring.liquibase.url=" + db.url(),
                "spring.liquibase.user=" + db.user(),
                "spring.liquibase.password=" + (db.password() == null ? "" : db.password()))) {
            assertThat(insert(app, "INSERT INTO orders (item) VALUES ('new')")).isEqualTo(42);
            assertThat(app.getBean(StarterApplication.Reports.class).received).singleElement()
                    .satisfies(e -> assertThat(e.after()).isEqualTo("liquibase"));
            assertThat(app.getBean(SpringLiquibase.class).getDataSource()).isNotSameAs(app.getBean(DataSource.class));
        }
    }

    /** {@code spring.flyway.url} and {@code user}: the resync runs on Flyway's connection, as ever. */
    @Test
    void withADataSourceOfFlywaysOwnTheResyncRunsOnIt() {
        try (ConfigurableApplicationContext app = start("boot_flyway_own", "spring.flyway.url=" + db.url(),
                "spring.flyway.user=" + db.user(),
                "spring.flyway.password=" + (db.password() == null ? "" : db.password()))) {
            assertThat(insert(app, "INSERT INTO orders (item) VALUES ('new')")).isEqualTo(42);
            assertThat(app.getBean(StarterApplication.Reports.class).received).singleElement()
                    .satisfies(e -> assertThat(e.after()).isEqualTo("flyway"));
        }
    }

    /** A Flyway the application builds itself, with callbacks of its own: the resync follows it too. */
    @Test
    void anApplicationsOwnFlywayBeanIsFollowedToo() {
        db.execute("DROP SCHEMA IF EXISTS boot_own CASCADE; CREATE SCHEMA boot_own");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(OwnFlywayApplication.class)
                .properties(SliceDatabase.dataSource(db, db.url()))
                .properties("app.schema=boot_own", "spring.liquibase.enabled=false", "spring.main.banner-mode=off")
                .run()) {
            assertThat(app.getBean(OwnFlywayApplication.Audit.class).events).as("the application's callback ran")
                    .hasSize(1);
            assertThat(db.nextValue("boot_own.orders_id_seq")).as("and the resync").isEqualTo(42);
        }
    }

    /** A changelog that also carries the change keeps working: the second resync finds nothing to do. */
    @Test
    void aChangelogThatCarriesTheChangeToo() {
        try (ConfigurableApplicationContext app = start("boot_both", "spring.flyway.enabled=false",
                "spring.liquibase.enabled=true", "spring.liquibase.change-log=classpath:db/changelog/with-change.xml",
                "spring.liquibase.default-schema=boot_both")) {
            assertThat(insert(app, "INSERT INTO orders (item) VALUES ('new')")).isEqualTo(42);
            assertThat(app.getBean(SequenceResyncReports.class).all()).singleElement()
                    .satisfies(e -> assertThat(e.report().changed()).as("the changelog's change did it first").isEmpty());
        }
    }

    /**
     * A FlywayConfigurationCustomizer (its package differs between Spring Boot 3 and 4, hence the
     * proxy) that replaces the callbacks with the application's own: both run.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aCustomizerThatReplacesTheCallbacksDropsNeitherTheirsNorOurs() throws Exception {
        Class<Object> customizerType = (Class<Object>) Class.forName(
                ClassUtils.isPresent("org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer", null)
                        ? "org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer"
                        : "org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer");
        OwnFlywayApplication.Audit audit = new OwnFlywayApplication.Audit();
        Object customizer = Proxy.newProxyInstance(customizerType.getClassLoader(), new Class<?>[] {customizerType},
                (proxy, method, args) -> method.getName().equals("customize")
                        ? ((FluentConfiguration) args[0]).callbacks(audit) : method.invoke(audit, args));
        db.execute("DROP SCHEMA IF EXISTS boot_customized CASCADE; CREATE SCHEMA boot_customized");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarterApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean(customizerType, () -> customizer))
                .properties(SliceDatabase.dataSource(db, db.url() + "?currentSchema=boot_customized"))
                .properties("spring.flyway.schemas=boot_customized", "spring.liquibase.enabled=false",
                        "spring.main.banner-mode=off")
                .run()) {
            assertThat(audit.events).as("the application's callback ran").hasSize(1);
            assertThat(insert(app, "INSERT INTO orders (item) VALUES ('new')")).as("and the resync").isEqualTo(42);
        }
    }

    /** Several Liquibase beans, each on a database of its own: each is followed by a resync of that database. */
    @Test
    void eachLiquibaseIsFollowedByAResyncOfItsOwnDatabase() {
        db.execute("DROP SCHEMA IF EXISTS boot_two CASCADE; CREATE SCHEMA boot_two");
        TestDatabase archive = TestDatabase.create("starter_archive");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TwoDatabasesApplication.class)
                .properties("app.orders.url=" + db.url() + "?currentSchema=boot_two", "app.archive.url=" + archive.url(),
                        "app.user=" + db.user(), "spring.flyway.enabled=false", "spring.main.banner-mode=off")
                .run()) {
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactlyInAnyOrder("ordersLiquibase", "archiveLiquibase");
            assertThat(db.nextValue("boot_two.orders_id_seq")).isEqualTo(42);
            assertThat(archive.nextValue("public.orders_id_seq")).isEqualTo(42);
        } finally {
            archive.drop();
        }
    }

    @Test
    void propertiesAreBoundTheSpringBootWay() {
        try (ConfigurableApplicationContext app = start("boot_dry", "sequence-resync.dry-run=true",
                "sequence-resync.lock-timeout=1min", "sequence-resync.exclude[0]=customers*")) {
            SequenceResyncProperties p = app.getBean(SequenceResyncProperties.class);
            assertThat(p.options().lockTimeout()).as("PostgreSQL's spelling, as everywhere").hasMinutes(1);
            assertThat(p.options().exclude()).containsExactly("customers*");
            assertThat(app.getBean(StarterApplication.Reports.class).received).singleElement()
                    .satisfies(e -> assertThat(e.report().dryRun()).isTrue());
            assertThat(db.nextValue("boot_dry.orders_id_seq")).as("a dry run changes nothing").isEqualTo(1);
        }
    }

    @Test
    void disabledItDoesNothing() {
        try (ConfigurableApplicationContext app = start("boot_off", "sequence-resync.enabled=false")) {
            assertThat(app.getBeansOfType(SequenceResyncProperties.class)).isEmpty();
            assertThat(db.nextValue("boot_off.orders_id_seq")).isEqualTo(1);
        }
    }

    /**
     * A value that cannot be read, or is out of range: Spring Boot's own failure analysis names the
     * property, its value and why, without a stack trace, and nothing runs.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aBadValueFailsStartupNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("boot_bad", "sequence-resync.mode=backwards").close())
                .hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThatThrownBy(() -> start("boot_bad", "sequence-resync.warn-at=150").close())
                .hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThatThrownBy(() -> start("boot_bad", "sequence-resync.lock-timeout=1d").close())
                .hasRootCauseInstanceOf(InvalidConfigurationPropertyValueException.class);
        assertThat(output.getAll())
                .contains("Invalid value 'backwards' for configuration property 'sequence-resync.mode'",
                        "expected forward or exact",
                        "Invalid value '150' for configuration property 'sequence-resync.warn-at'",
                        "must be a percentage from 0 to 100, was 150",
                        "Invalid value '1d' for configuration property 'sequence-resync.lock-timeout'",
                        "expected milliseconds or a number with ms, s, m (or min) or h, or ISO-8601 (PT10S)")
                .doesNotContain("Application run failed").doesNotContain("\tat ");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relnamespace = 'boot_bad'::regnamespace"))
                .as("Flyway did not run either").isZero();
    }

    @Test
    void aProblemFailsStartupWithAFailureAnalysisThatSaysWhatToDo() {
        Throwable failure = null;
        try {
            start("boot_problem", "spring.flyway.locations=classpath:db/problem").close();
        } catch (Throwable e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        FailureAnalysis analysis = new SequenceResyncFailureAnalyzer().analyze(failure);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("boot_problem.small_seq").contains("above MAXVALUE 100")
                .as("the options named as properties, also where the Flyway callback read them on")
                .contains("(set sequence-resync.fail-on-problem=false to resync the other sequences anyway)");
        assertThat(analysis.getAction()).as("said once, in the description").doesNotContain("fail-on-problem")
                .contains("Fix the problems named above");
        assertThat(failure).hasRootCauseInstanceOf(ResyncException.class);
        db.execute("DROP SCHEMA boot_problem CASCADE");
    }

    /**
     * Another session holds a table the resync reads (a long ALTER TABLE during a deploy): the start
     * fails within {@code sequence-resync.lock-timeout}, not later, naming the table and the session,
     * and the failure analysis names, once, the properties that help.
     */
    @Test
    void aTableAnotherSessionHoldsFailsTheStartWithinTheLockTimeoutNamingIt() throws Exception {
        start("boot_locked").close();
        db.execute("INSERT INTO boot_locked.orders (id, item) VALUES (500, 'loaded')");
        try (Blocker blocker = Blocker.hold(db, "ALTER TABLE boot_locked.orders ADD COLUMN note text")) {
            long started = Blocker.serverMillis(db);
            Throwable failure = catchThrowable(() -> restart("boot_locked", "sequence-resync.lock-timeout=1s").close());
            assertThat(Blocker.serverMillis(db) - started).isBetween(1_000L, 30_000L);
            FailureAnalysis analysis = new SequenceResyncFailureAnalyzer().analyze(failure);
            assertThat(analysis).as("%s", failure).isNotNull();
            assertThat(analysis.getDescription()).doesNotContain("\n")
                    .contains("a lock was not granted within the lock timeout (1s): table boot_locked.orders: pid "
                              + blocker.pid());
            assertThat(analysis.getDescription()).contains("sequence-resync.lock-timeout", "sequence-resync.exclude");
            assertThat(analysis.getAction()).as("said once, in the description").doesNotContain("sequence-resync.");
        }
        assertThat(db.nextValue("boot_locked.orders_id_seq")).as("nothing changed").isEqualTo(42);
    }

    /**
     * A JPA application on H2, as in unit tests: Flyway, then Hibernate with sequences of its own;
     * one warning for the database, naming the property that would make it fail instead, not one
     * per resync.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void onH2AJpaApplicationStartsWithOneWarningForTheDatabase(CapturedOutput output) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(JpaApplication.class)
                .properties("spring.datasource.url=jdbc:h2:mem:starter_jpa;DB_CLOSE_DELAY=-1",
                        "spring.flyway.locations=classpath:db/h2", "spring.liquibase.enabled=false",
                        "spring.jpa.hibernate.ddl-auto=create-drop", "spring.main.banner-mode=off")
                .run()) {
            assertThat(app.getBean(SequenceResyncReports.class).all()).isEmpty();
            assertThat(output.getAll().lines().filter(line -> line.contains("works on PostgreSQL only")))
                    .singleElement().asString()
                    .contains("nothing done after flyway: sequence-resync works on PostgreSQL only; this connection is to H2")
                    .endsWith("(set sequence-resync.fail-on-other-database=true to fail instead)");
        }
    }

    @Test
    void onH2WithFailOnOtherDatabaseTheApplicationDoesNotStartAndTheErrorNamesTheProperty() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(StarterApplication.class)
                .properties("spring.datasource.url=jdbc:h2:mem:starter_fail;DB_CLOSE_DELAY=-1",
                        "spring.flyway.locations=classpath:db/h2", "spring.liquibase.enabled=false",
                        "sequence-resync.fail-on-other-database=true", "spring.main.banner-mode=off")
                .run())
                .hasStackTraceContaining("this connection is to H2")
                .hasStackTraceContaining("(sequence-resync.fail-on-other-database=true)");
    }

    @Test
    void onH2TheApplicationStartsWithOneWarning() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(StarterApplication.class)
                .properties("spring.datasource.url=jdbc:h2:mem:starter;DB_CLOSE_DELAY=-1",
                        "spring.flyway.locations=classpath:db/h2", "spring.liquibase.enabled=false",
                        "spring.main.banner-mode=off")
                .run()) {
            assertThat(app.getBean(StarterApplication.Reports.class).received).isEmpty();
            assertThat(SpringApplication.exit(app)).isZero();
        }
    }
}

package io.github.sequenceresync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.reactive.ReactiveApplication;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A reactive application (Spring Data R2DBC, no DataSource) whose Flyway or Liquibase connects
 * through JDBC with a URL of its own, as Spring Boot has it configured for R2DBC: the resync follows
 * the migration on that connection, and the application's next order gets an id past the loaded ones;
 * so does its next invoice, whose sequence only the application's {@code @Sequence} mapping names.
 */
@PostgresTest
class R2dbcApplicationIT {

    private final TestDatabase db;

    R2dbcApplicationIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void runsOnTheSpringBootVersionTheBuildChose() {
        assertThat(SpringBootVersion.getVersion())
                .isEqualTo(System.getProperty("spring-boot.expected.version", SpringBootVersion.getVersion()));
    }

    @Test
    void flywayOnItsOwnJdbcUrlIsFollowed() {
        try (ConfigurableApplicationContext app = start("r2dbc_flyway",
                "spring.flyway.url=" + db.url(),
                "spring.flyway.user=" + db.user(),
                "spring.flyway.password=" + password(),
                "spring.flyway.schemas=r2dbc_flyway",
                "spring.flyway.locations=classpath:db/r2dbc",
                "spring.liquibase.enabled=false")) {
            assertThat(newOrderId(app)).isEqualTo(501);
            assertThat(newInvoiceId(app)).isEqualTo(301);
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactly("flyway", "spring data r2dbc");
        }
    }

    @Test
    void liquibaseOnItsOwnJdbcUrlIsFollowed() {
        try (ConfigurableApplicationContext app = start("r2dbc_liquibase",
                "spring.liquibase.url=" + db.url(),
                "spring.liquibase.user=" + db.user(),
                "spring.liquibase.password=" + password(),
                "spring.liquibase.default-schema=r2dbc_liquibase",
                "spring.liquibase.change-log=classpath:db/r2dbc/changelog.xml",
                "spring.flyway.enabled=false")) {
            assertThat(newOrderId(app)).isEqualTo(501);
            assertThat(newInvoiceId(app)).isEqualTo(301);
            assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                    .containsExactly("liquibase", "spring data r2dbc");
        }
    }

    private ConfigurableApplicationContext start(String schema, String... migration) {
        db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
        List<String> properties = new ArrayList<>(List.of(
                "spring.r2dbc.url=" + ReactiveApplication.r2dbcUrl(db.url(), schema),
                "spring.r2dbc.username=" + db.user(),
                "spring.r2dbc.password=" + password(),
                "spring.main.banner-mode=off"));
        properties.addAll(List.of(migration));
        return new SpringApplicationBuilder(ReactiveApplication.class).properties(properties.toArray(String[]::new)).run();
    }

    private static long newOrderId(ConfigurableApplicationContext app) {
        return app.getBean(ReactiveApplication.Orders.class).save(new ReactiveApplication.Order(null, "ordinary"))
                .map(ReactiveApplication.Order::id).block();
    }

    /** Spring Data R2DBC takes the number from the sequence its {@code @Sequence} names. */
    private static long newInvoiceId(ConfigurableApplicationContext app) {
        return app.getBean(ReactiveApplication.Invoices.class).save(new ReactiveApplication.Invoice(null, "new"))
                .map(ReactiveApplication.Invoice::id).block();
    }

    private String password() {
        return db.password() == null ? "" : db.password();
    }
}

package io.github.sequenceresync.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.SliceDatabase;
import com.example.jpa.JpaApplication;
import io.github.sequenceresync.testing.PgBouncer;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.SessionState;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The JPA application of {@link JpaStarterIT} behind a real PgBouncer in transaction mode, with
 * two server connections that every client shares (Flyway holds its lock on one while it migrates
 * on the other): HikariCP, Flyway, Hibernate, and the resyncs after Flyway and after Hibernate all
 * go through it. Started again after each load of rows with explicit ids, the application persists
 * without a duplicate key, and the server connections carry none of the runs' state to the next
 * client.
 */
@PostgresTest
class PgBouncerStarterIT {

    private static final String SCHEMA = "pooled_jpa";

    private final TestDatabase db;

    PgBouncerStarterIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void aJpaApplicationBehindTransactionPoolingPersistsAfterEachLoadAndLeavesNothingBehind() throws Exception {
        db.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        try (PgBouncer bouncer = PgBouncer.start(db, 2)) {
            Set<String> before = serverConnectionsState(bouncer);
            for (int round = 1; round <= 3; round++) {
                if (round > 1) {
                    db.execute("INSERT INTO " + SCHEMA + ".customers (id) VALUES (" + round * 1000 + ");"
                               + " INSERT INTO " + SCHEMA + ".tickets (id) VALUES (" + round * 100 + ")");
                }
                try (ConfigurableApplicationContext app = start(bouncer)) {
                    List<JpaApplication.Customer> saved = app.getBean(JpaApplication.Customers.class)
                            .saveAll(IntStream.range(0, 70).mapToObj(i -> new JpaApplication.Customer()).toList());
                    assertThat(saved.get(0).id).as("round %s: %s", round, bouncer.log())
                            .isGreaterThan(round == 1 ? 730 : round * 1000);
                    assertThat(app.getBean(JpaApplication.Tickets.class).save(new JpaApplication.Ticket()).id)
                            .as("round %s", round).isEqualTo(round == 1 ? 1 : round * 100 + 1);
                    assertThat(app.getBean(SequenceResyncReports.class).all()).extracting(SequenceResyncEvent::after)
                            .containsExactly("flyway", "hibernate (entityManagerFactory)");
                }
                Set<String> after = serverConnectionsState(bouncer);
                after.removeAll(before);
                // Flyway's own: it puts its schema first in the search_path on its connection with a
                // SET, and puts it back later, in a transaction PgBouncer may send to the other one
                after.remove("setting search_path = \"" + SCHEMA + "\",\"$user\", public");
                assertThat(after).as("round %s", round).isEmpty();
            }
        }
    }

    private ConfigurableApplicationContext start(PgBouncer bouncer) {
        // what a host's own connection needs behind PgBouncer before 1.21 (docs/guarantees.md)
        List<String> properties = new ArrayList<>(List.of(SliceDatabase.dataSource(db, bouncer.url() + "?prepareThreshold=0")));
        properties.addAll(List.of(
                "spring.datasource.hikari.maximum-pool-size=3",
                "spring.flyway.schemas=" + SCHEMA,
                "spring.flyway.locations=classpath:db/jpa",
                "spring.liquibase.enabled=false",
                "spring.jpa.hibernate.ddl-auto=validate",
                "spring.jpa.properties.hibernate.default_schema=" + SCHEMA,
                "spring.jpa.open-in-view=false",
                "spring.main.banner-mode=off"));
        return new SpringApplicationBuilder(JpaApplication.class).properties(properties.toArray(String[]::new)).run();
    }

    /**
     * The session state of both server connections, read by two clients each in a transaction, so
     * that each holds one of them; with {@code prepareThreshold=0}, or the driver's own ROLLBACK
     * would leave a named statement of the reader's.
     */
    private Set<String> serverConnectionsState(PgBouncer bouncer) throws Exception {
        Properties credentials = new Properties();
        credentials.setProperty("user", db.user());
        if (db.password() != null) {
            credentials.setProperty("password", db.password());
        }
        Set<String> state = new TreeSet<>();
        credentials.setProperty("prepareThreshold", "0");
        try (Connection first = DriverManager.getConnection(bouncer.url(), credentials);
             Connection second = DriverManager.getConnection(bouncer.url(), credentials)) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            state.addAll(SessionState.of(first));
            state.addAll(SessionState.of(second));
            first.rollback();
            second.rollback();
        }
        return state;
    }
}

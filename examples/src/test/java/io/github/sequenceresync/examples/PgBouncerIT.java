package io.github.sequenceresync.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.SequenceResync;
import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import io.github.sequenceresync.testing.PgBouncer;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The Flyway callback, the Liquibase change and the core API through a real PgBouncer in
 * transaction mode (and, refused, statement mode) with one server connection, which every client shares: several runs in a row,
 * an application using the same connection in between. Flyway and Liquibase connect as the README
 * says a host behind such a pooler must ({@code prepareThreshold=0}); the core API is also run with
 * the driver's defaults, which it must survive on its own.
 */
@PostgresTest
class PgBouncerIT {

    private static final int ROUNDS = 4;

    private final TestDatabase db;

    PgBouncerIT(TestDatabase db) {
        this.db = db;
    }

    private Properties credentials(boolean forPooler) {
        Properties p = new Properties();
        p.setProperty("user", db.user());
        if (db.password() != null) {
            p.setProperty("password", db.password());
        }
        if (forPooler) {
            p.setProperty("prepareThreshold", "0");
        }
        return p;
    }

    /** An application's insert without an id through the pool, returning the id it got. */
    private long appInsert(PgBouncer bouncer, String table, String columns, String values) throws SQLException {
        try (Connection c = DriverManager.getConnection(bouncer.url(), credentials(true));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO " + table + " (" + columns + ") VALUES (" + values + ") RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void flywayCallbackThroughTransactionPooling() throws Exception {
        db.execute("CREATE SCHEMA pooled_flyway");
        // Flyway keeps a transaction open on one connection (its lock) while it migrates on another
        try (PgBouncer bouncer = PgBouncer.start(db, 2)) {
            for (int round = 1; round <= ROUNDS; round++) {
                if (round > 1) {
                    db.execute("INSERT INTO pooled_flyway.orders (id, customer_id, item) VALUES (" + round * 100 + ", 1, 'x')");
                }
                Flyway.configure().dataSource(bouncer.url() + "?prepareThreshold=0", db.user(), db.password())
                        .schemas("pooled_flyway").locations("classpath:demo/migration")
                        .callbacks(new ResyncSequencesCallback()).load().migrate();
                long id = appInsert(bouncer, "pooled_flyway.orders", "customer_id, item", "1, 'ordinary'");
                assertThat(id).as("round %s: %s", round, bouncer.log()).isEqualTo(round == 1 ? 43 : round * 100 + 1);
            }
        }
    }

    @Test
    void liquibaseChangeThroughTransactionPooling() throws Exception {
        db.execute("CREATE SCHEMA pooled_liquibase");
        try (PgBouncer bouncer = PgBouncer.start(db)) {
            for (int round = 1; round <= ROUNDS; round++) {
                if (round > 1) {
                    db.execute("INSERT INTO pooled_liquibase.authors (id, name) VALUES (" + round * 100 + ", 'x')");
                }
                CommandScope update = new CommandScope("update")
                        .addArgumentValue("url", bouncer.url() + "?prepareThreshold=0")
                        .addArgumentValue("username", db.user())
                        .addArgumentValue("password", db.password())
                        .addArgumentValue("changelogFile", "changelog.xml")
                        .addArgumentValue("defaultSchemaName", "pooled_liquibase");
                Scope.child(Scope.Attr.resourceAccessor.name(),
                        new DirectoryResourceAccessor(Path.of("liquibase").toFile()), () -> {
                            update.execute();
                        });
                long id = appInsert(bouncer, "pooled_liquibase.authors", "name", "'ordinary'");
                assertThat(id).as("round %s: %s", round, bouncer.log()).isEqualTo(round == 1 ? 41 : round * 100 + 1);
            }
        }
    }

    @Test
    void coreApiWithTheDriversDefaultsThroughTransactionPooling() throws Exception {
        db.execute("CREATE SCHEMA pooled_core; CREATE TABLE pooled_core.t (id serial PRIMARY KEY)");
        try (PgBouncer bouncer = PgBouncer.start(db)) {
            for (int round = 1; round <= ROUNDS * 2; round++) {
                db.execute("INSERT INTO pooled_core.t VALUES (" + round * 100 + ")");
                // the driver's defaults: prepareThreshold 5, which the run must not reach
                try (Connection c = DriverManager.getConnection(bouncer.url(), credentials(false))) {
                    SequenceResync.with(ResyncOptions.builder().schemas("pooled_core").build()).run(c);
                }
                assertThat(appInsert(bouncer, "pooled_core.t", "id", "DEFAULT")).as(bouncer.log())
                        .isEqualTo(round * 100 + 1);
            }
        }
    }

    /**
     * PgBouncer in statement mode refuses every transaction, and a resync needs one: refused in one
     * line that says so and what to connect through instead, whatever the auto-commit setting, and
     * nothing changed.
     */
    @Test
    void statementPoolingIsRefusedInOneLineAndNothingChanges() throws Exception {
        db.execute("CREATE SCHEMA pooled_statement; CREATE TABLE pooled_statement.t (id serial PRIMARY KEY);"
                   + " INSERT INTO pooled_statement.t VALUES (100)");
        try (PgBouncer bouncer = PgBouncer.start(db, 1, "statement")) {
            for (boolean autoCommit : new boolean[] {true, false}) {
                try (Connection c = DriverManager.getConnection(bouncer.url(), credentials(false))) {
                    c.setAutoCommit(autoCommit);
                    assertThatThrownBy(() -> SequenceResync.with(ResyncOptions.builder().schemas("pooled_statement")
                            .build()).run(c))
                            .as("auto-commit %s", autoCommit)
                            .isInstanceOf(ResyncException.class)
                            .hasMessageNotContaining("\n")
                            .hasMessageContaining("transaction blocks not allowed in statement pooling mode")
                            .hasMessageEndingWith("connect to the database directly or through a pool in transaction"
                                                  + " or session mode)");
                }
            }
        }
        assertThat(db.nextValue("pooled_statement.t_id_seq")).isEqualTo(1);
    }
}

package io.github.sequenceresync.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.Connections;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/**
 * The change leaves nothing on Liquibase's connection that a pooler would hand to its next client:
 * the session state is read right before and right after it, in its changeset, over more updates
 * on one server connection than the driver's prepare threshold (5), with the driver's defaults.
 */
@PostgresTest
class SessionStateIT {

    private final TestDatabase db;

    SessionStateIT(TestDatabase db) {
        this.db = db;
    }

    @Test
    void theChangeLeavesNoSessionStateOnLiquibasesConnection() throws Exception {
        db.execute("CREATE SCHEMA lb_state");
        SessionStateSnapshot.STATES.clear();
        try (Connection physical = db.connect()) {
            for (int i = 0; i < 8; i++) {
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(Connections.neverClosed(physical)));
                database.setDefaultSchemaName("lb_state");
                CommandScope update = new CommandScope("update").addArgumentValue("database", database)
                        .addArgumentValue("changelogFile", "changelog/session-state.xml");
                Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(), () -> {
                    update.execute();
                });
            }
        }
        List<List<String>> before = SessionStateSnapshot.STATES.get("before");
        List<List<String>> after = SessionStateSnapshot.STATES.get("after");
        assertThat(before).hasSize(8);
        assertThat(after).hasSize(8);
        // nothing added; the driver may drop its own statements (PostgreSQL 18 reports search_path changes)
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("right after the change, run %s", i + 1).isSubsetOf(before.get(i));
        }
        assertThat(db.nextValue("lb_state.orders_id_seq")).isEqualTo(41);
    }
}

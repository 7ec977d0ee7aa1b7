package io.github.sequenceresync.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.Connections;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.SessionState;
import io.github.sequenceresync.testing.TestDatabase;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.junit.jupiter.api.Test;

/**
 * The callback leaves nothing on Flyway's connection that a pooler would hand to its next client:
 * the session state is read right before and right after it, on that connection, over more
 * migrates than the driver's prepare threshold (5), with the driver's defaults.
 */
@PostgresTest
class SessionStateIT {

    private final TestDatabase db;

    SessionStateIT(TestDatabase db) {
        this.db = db;
    }

    /** The callback, with the session state of Flyway's connection read right before and after it. */
    private static final class Watched implements Callback {
        final ResyncSequencesCallback callback = new ResyncSequencesCallback();
        final List<List<String>> before = new ArrayList<>();
        final List<List<String>> after = new ArrayList<>();

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return callback.canHandleInTransaction(event, context);
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                before.add(SessionState.of(context.getConnection()));
                callback.handle(event, context);
                after.add(SessionState.of(context.getConnection()));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String getCallbackName() {
            return callback.getCallbackName();
        }
    }

    /**
     * Every connection Flyway asks for is the same server connection, as behind a pooler with one:
     * what the callback leaves there, the next migrate meets.
     */
    private static DataSource oneServerConnection(Connection physical) {
        Connection shared = Connections.neverClosed(physical);
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> method.getName().equals("getConnection") ? shared : null);
    }

    @Test
    void theCallbackLeavesNoSessionStateOnFlywaysConnection() throws Exception {
        Watched watched = new Watched();
        try (Connection physical = db.connect()) {
            for (int i = 0; i < 8; i++) {
                Flyway.configure().dataSource(oneServerConnection(physical)).schemas("state")
                        .locations("classpath:db/loading")
                        .callbacks(watched).load().migrate();
            }
        }
        assertThat(watched.before).hasSize(8);
        // nothing added; the driver may drop its own statements (PostgreSQL 18 reports search_path changes)
        for (int i = 0; i < watched.before.size(); i++) {
            assertThat(watched.after.get(i)).as("right after the callback, run %s", i + 1).isSubsetOf(watched.before.get(i));
        }
        assertThat(db.nextValue("state.orders_id_seq")).isEqualTo(41);
    }
}

package io.github.sequenceresync.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Work run as a hand-written afterMigrate Java callback, the way a team would wire it. */
record AfterMigrate(String name, Work work) implements Callback {

    /** What the callback does on Flyway's connection. */
    @FunctionalInterface
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        try {
            work.run(context.getConnection());
        } catch (SQLException e) {
            throw new FlywayException(name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getCallbackName() {
        return name;
    }
}

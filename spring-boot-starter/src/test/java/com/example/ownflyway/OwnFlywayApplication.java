package com.example.ownflyway;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * An application that builds its own Flyway, with callbacks of its own and not the starter's, and
 * migrates it itself: the starter's resync must follow anyway, and the application's callback too.
 */
@SpringBootApplication
public class OwnFlywayApplication {

    /** The application's own callback, which records that it ran. */
    public static final class Audit implements Callback {
        public final List<Event> events = new ArrayList<>();

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
            events.add(event);
        }

        @Override
        public String getCallbackName() {
            return "audit";
        }
    }

    @Bean
    Audit audit() {
        return new Audit();
    }

    @Bean(initMethod = "migrate")
    Flyway flyway(DataSource dataSource, Audit audit, @Value("${app.schema}") String schema) {
        return Flyway.configure().dataSource(dataSource).schemas(schema).callbacks(audit).load();
    }
}

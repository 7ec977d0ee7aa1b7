package io.github.sequenceresync.flyway;

import java.util.Locale;
import org.flywaydb.core.api.callback.Event;

/** When the callback resyncs. */
public enum ResyncEvent {
    /** After every successful migrate, even when nothing was applied (the default). */
    AFTER_MIGRATE(Event.AFTER_MIGRATE),
    /** After a migrate that applied at least one migration. */
    AFTER_MIGRATE_APPLIED(Event.AFTER_MIGRATE_APPLIED),
    /**
     * After each migration, inside its transaction: a later migration of the same run that inserts
     * without ids then finds the sequences already past the ids an earlier one loaded.
     */
    AFTER_EACH_MIGRATE(Event.AFTER_EACH_MIGRATE);

    private final Event flywayEvent;

    ResyncEvent(Event flywayEvent) {
        this.flywayEvent = flywayEvent;
    }

    Event flywayEvent() {
        return flywayEvent;
    }

    /** Parses {@code after_migrate}, {@code after_migrate_applied} or {@code after_each_migrate}. */
    static ResyncEvent parse(String value, String key) {
        for (ResyncEvent e : values()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("invalid value '" + value + "' for " + key
                + ": expected after_migrate, after_migrate_applied or after_each_migrate");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

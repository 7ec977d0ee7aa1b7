package io.github.sequenceresync.flyway;

import io.github.sequenceresync.OtherDatabase;
import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceResync;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * A Flyway callback that brings PostgreSQL sequences in step with their tables after migrations,
 * so that the first ordinary insert after a data-loading migration does not fail with "duplicate
 * key value violates unique constraint".
 *
 * <p>Register it by class name ({@code flyway.callbacks=io.github.sequenceresync.flyway.ResyncSequencesCallback},
 * configured through {@link ResyncPlaceholders}) or as an instance built with {@link #builder()}
 * (Java API, Spring {@code Callback} bean); builder values win over placeholders.
 *
 * <p>It runs on Flyway's connection and never closes it: after all migrations ({@code afterMigrate},
 * {@code afterMigrateApplied}) outside any transaction of Flyway's, so that the resync has one of
 * its own and can split itself into several when the server's lock table is too small for one
 * transaction over every table; after each migration ({@code afterEachMigrate}) inside that
 * migration's transaction, which it does not commit. By default it resyncs the schemas Flyway
 * manages, forward-only, after every migrate, and fails the migrate on any problem (the
 * migrations stay applied; Flyway reports the error).
 */
public final class ResyncSequencesCallback implements Callback {

    private static final Log LOG = LogFactory.getLog(ResyncSequencesCallback.class);
    /** The placeholder that fails the migrate on a database that is not PostgreSQL, as users write it. */
    private static final String FAILING = ResyncPlaceholders.FAIL_ON_OTHER_DATABASE + "=true";

    private final Builder explicit;

    /** Configured by Flyway placeholders alone (for registration by class name). */
    public ResyncSequencesCallback() {
        this(new Builder());
    }

    private ResyncSequencesCallback(Builder explicit) {
        this.explicit = explicit.copy();
    }

    /** Options that win over placeholders; unset ones fall back to placeholders, then defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean supports(Event event, Context context) {
        // Flyway 9 to 11 pass a null context here and 13 one without connection: the configured
        // event may come from placeholders, so accept every candidate and decide in handle().
        Configuration configuration = context == null ? null : context.getConfiguration();
        if (configuration != null) {
            try {
                return settings(configuration).event().flywayEvent() == event;
            } catch (IllegalArgumentException e) {
                return isCandidate(event); // handle() reports the bad value
            }
        }
        return isCandidate(event);
    }

    private static boolean isCandidate(Event event) {
        for (ResyncEvent e : ResyncEvent.values()) {
            if (e.flywayEvent() == event) {
                return true;
            }
        }
        return false;
    }

    /**
     * False after all migrations: Flyway then calls {@link #handle} on its connection in autocommit
     * mode, and the resync runs in a transaction of its own (see the class comment). True after each
     * migration, whose event Flyway handles in the migration's transaction.
     */
    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public void handle(Event event, Context context) {
        Settings settings;
        try {
            settings = settings(context.getConfiguration());
        } catch (IllegalArgumentException e) {
            throw new FlywayException(e.getMessage());
        }
        if (!settings.enabled() || settings.event().flywayEvent() != event) {
            return;
        }
        Connection connection = context.getConnection();
        Optional<String> other;
        try {
            other = SequenceResync.notPostgres(connection);
        } catch (ResyncException e) {
            throw new FlywayException("sequence-resync: " + e.getMessage(), e);
        }
        if (other.isPresent() && explicit.onOtherDatabase != null) {
            explicit.onOtherDatabase.accept(other.get());
            return;
        }
        if (other.isPresent()) {
            if (settings.failOnOtherDatabase()) {
                throw new FlywayException("sequence-resync: " + OtherDatabase.refused(other.get(), FAILING));
            }
            LOG.warn(OtherDatabase.leftAlone(other.get(), null, FAILING));
            return;
        }
        ResyncOptions options = settings.schemasGiven() ? settings.options()
                : settings.options().toBuilder().schemas(flywaySchemas(context.getConfiguration(), connection)).build();
        ResyncReport report;
        try {
            report = SequenceResync.with(options).run(connection);
        } catch (ResyncException e) {
            throw new FlywayException("sequence-resync: " + e.getMessage(), e);
        }
        if (explicit.logReports) {
            log(report, event == Event.AFTER_EACH_MIGRATE && context.getMigrationInfo() != null
                    ? " after migration " + context.getMigrationInfo().getVersion() : "");
        }
        if (explicit.onReport != null) {
            explicit.onReport.accept(report, context.getConfiguration());
        }
    }

    private Settings settings(Configuration configuration) {
        return Settings.resolve(explicit, configuration == null ? null : configuration.getPlaceholders());
    }

    /** Flyway's {@code schemas}, else its default schema, else the connection's current schema. */
    private static List<String> flywaySchemas(Configuration configuration, Connection connection) {
        if (configuration != null && configuration.getSchemas() != null && configuration.getSchemas().length > 0) {
            return Arrays.asList(configuration.getSchemas());
        }
        if (configuration != null && configuration.getDefaultSchema() != null) {
            return List.of(configuration.getDefaultSchema());
        }
        try {
            return List.of(connection.getSchema());
        } catch (SQLException e) {
            throw new FlywayException("sequence-resync: cannot read the connection's current schema: "
                    + e.getMessage(), e);
        }
    }

    private static void log(ResyncReport report, String when) {
        report.log(LOG::info, LOG::warn, LOG::debug, when);
    }

    @Override
    public String getCallbackName() {
        return "sequence-resync";
    }

    /**
     * This callback behind a {@link Proxy} of the {@code Callback} interface of the Flyway on the
     * classpath. Use it where a framework reflects on callback classes, as Spring does with every
     * bean: this class is compiled against Flyway 13, whose {@code Callback} extends
     * {@code GenericCallback}, so its bridge methods name {@code CallbackEvent}, a type Flyway before
     * 11.13 does not have, and listing its methods fails there with NoClassDefFoundError. Flyway
     * itself never lists them, so direct registration works on every version.
     */
    public Callback asCallback() {
        ClassLoader loader = Callback.class.getClassLoader();
        return (Callback) Proxy.newProxyInstance(loader, new Class<?>[] {Callback.class}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "supports" -> supports((Event) args[0], (Context) args[1]);
                    case "canHandleInTransaction" -> canHandleInTransaction((Event) args[0], (Context) args[1]);
                    case "handle" -> {
                        handle((Event) args[0], (Context) args[1]);
                        yield null;
                    }
                    case "getCallbackName" -> getCallbackName();
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "ResyncSequencesCallback (proxy)";
                    default -> throw new UnsupportedOperationException(method.toString());
                });
    }

    /** Options for {@link ResyncSequencesCallback}; each one set here wins over its placeholder. */
    public static final class Builder {
        Boolean enabled;
        ResyncEvent event;
        Boolean failOnOtherDatabase;
        /** Every option at once ({@link #options(ResyncOptions)}), which then stands instead of the placeholders. */
        ResyncOptions options;
        /** The resync options set in code ({@link #options(Consumer)}), applied over the placeholders; null: none. */
        Consumer<ResyncOptions.Builder> set;
        BiConsumer<ResyncReport, Configuration> onReport;
        boolean logReports = true;
        Consumer<String> onOtherDatabase;

        private Builder() {
        }

        public Builder enabled(boolean value) {
            this.enabled = value;
            return this;
        }

        public Builder event(ResyncEvent value) {
            this.event = value;
            return this;
        }

        /**
         * Sets resync options in code, each over its placeholder; those it leaves alone keep their
         * placeholder (or default): {@code .options(o -> o.lockTables(true).warnAt(90))}. Called again,
         * it adds to what was set before.
         */
        public Builder options(Consumer<ResyncOptions.Builder> settings) {
            Consumer<ResyncOptions.Builder> before = set;
            this.set = before == null ? settings : before.andThen(settings);
            return this;
        }

        /**
         * Every resync option at once, as a host that reads them itself has them (the Spring Boot
         * starter, from {@code sequence-resync.*}): they win over placeholders, which are then unused.
         */
        public Builder options(ResyncOptions options) {
            this.options = options;
            return this;
        }

        /** Whether a database that is not PostgreSQL fails the migrate; by default: one warning, nothing done. */
        public Builder failOnOtherDatabase(boolean value) {
            this.failOnOtherDatabase = value;
            return this;
        }

        /** Receives every report, after it is logged (to print it, count it, export metrics...). */
        public Builder onReport(Consumer<ResyncReport> listener) {
            return onReportFrom((report, configuration) -> listener.accept(report));
        }

        /**
         * Receives every report with the configuration of the Flyway that ran it (its DataSource,
         * schemas, placeholders), for a host that registers one callback with several Flyways, as
         * the Spring Boot starter does with one per database. Replaces {@link #onReport(Consumer)}.
         *
         * @param listener receives the report and Flyway's configuration (null if Flyway gave none)
         */
        public Builder onReportFrom(BiConsumer<ResyncReport, Configuration> listener) {
            this.onReport = listener;
            return this;
        }

        /**
         * Says what a database that is not PostgreSQL does, instead of {@link #failOnOtherDatabase}
         * and its warning: {@code listener} receives the one-line reason, throws to fail the migrate
         * or returns to skip the resync (the callback then logs nothing). For a host with a setting
         * of its own, as the Spring Boot starter has.
         */
        public Builder onOtherDatabase(Consumer<String> listener) {
            this.onOtherDatabase = listener;
            return this;
        }

        /**
         * Whether each report is logged through Flyway's logging (the default). A host that logs the
         * reports {@link #onReport} hands it itself turns this off, as the Spring Boot starter does.
         */
        public Builder logReports(boolean value) {
            this.logReports = value;
            return this;
        }

        /** Builds the callback; values are validated now, placeholders when Flyway runs it. */
        public ResyncSequencesCallback build() {
            Settings.resolve(this, null);
            return new ResyncSequencesCallback(this);
        }

        private Builder copy() {
            Builder b = new Builder();
            b.enabled = enabled;
            b.event = event;
            b.failOnOtherDatabase = failOnOtherDatabase;
            b.options = options;
            b.set = set;
            b.onReport = onReport;
            b.logReports = logReports;
            b.onOtherDatabase = onOtherDatabase;
            return b;
        }
    }
}

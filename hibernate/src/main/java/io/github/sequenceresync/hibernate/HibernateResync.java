package io.github.sequenceresync.hibernate;

import io.github.sequenceresync.ColumnMapping;
import io.github.sequenceresync.OtherDatabase;
import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOption;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceResync;
import io.github.sequenceresync.Spelling;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.tool.schema.Action;
import org.jboss.logging.Logger;

/**
 * Resyncs the sequences of a session factory's id generators with the links {@link HibernateLinks}
 * reads from its mapping, on a connection of its own connection provider, and logs the report
 * through Hibernate's logging. Only those sequences: what the catalog links (SERIAL, identity,
 * defaults) is the Flyway callback's, the Liquibase change's or the CLI's; unless Hibernate made the
 * schema itself, when its import scripts ({@code import.sql}) may have loaded rows into any table
 * with explicit ids: then every sequence in scope.
 */
public final class HibernateResync {

    /** The Hibernate setting that turns the resync on at bootstrap ({@link ResyncIntegrator}). */
    public static final String ENABLED = "sequence-resync.enabled";
    /**
     * The Hibernate setting that names the tenants of a multi-tenant session factory, comma-separated,
     * as its {@code CurrentTenantIdentifierResolver} returns them: each is resynced on the connection
     * Hibernate's {@code MultiTenantConnectionProvider} gives for it ({@link #runForTenants}).
     */
    public static final String TENANTS = "sequence-resync.tenants";
    /** Whether a database that is not PostgreSQL fails bootstrap (default: one warning, nothing done). */
    public static final String FAIL_ON_OTHER_DATABASE = "sequence-resync.fail-on-other-database";

    private static final Logger LOG = Logger.getLogger(HibernateResync.class);

    /**
     * The schema actions after which Hibernate runs its import scripts ({@code import.sql},
     * {@code hibernate.hbm2ddl.import_files}, {@code jakarta.persistence.sql-load-script-source}),
     * by the names of its {@code Action} enum (POPULATE since Hibernate 7).
     */
    private static final Set<String> LOADING_ACTIONS = Set.of("CREATE_ONLY", "CREATE", "CREATE_DROP", "TRUNCATE", "POPULATE");

    /**
     * Hibernate's own resync of its generators, since 7.2 ({@code hibernate.hbm2ddl.auto=synchronize},
     * {@code SchemaManager.resynchronizeGenerators()}): it raises table generators' rows too, which
     * this resync leaves alone, but not the sequence of a {@code TABLE_PER_CLASS} hierarchy (7.2.19 and
     * 7.4.13), nor identity or serial columns.
     */
    private static final String SYNCHRONIZE = "SYNCHRONIZE";

    /** Whether this Hibernate can resynchronize its generators itself (7.2 and later). */
    static final boolean RESYNCHRONIZES = Stream.of(Action.values()).anyMatch(a -> a.name().equals(SYNCHRONIZE));

    private HibernateResync() {
    }

    /**
     * Reads the options from Hibernate settings named as Spring Boot names them
     * ({@link ResyncOption#property()}: {@code sequence-resync.lock-timeout}, ...); schemas,
     * exclude, mode, dry run, locks and failOnProblem apply, as do extra column mappings.
     *
     * @throws IllegalArgumentException naming the setting whose value cannot be read
     */
    public static ResyncOptions options(Map<String, Object> settings) {
        ResyncOptions.Builder builder = ResyncOptions.builder();
        for (ResyncOption option : ResyncOption.values()) {
            Object value = settings.get(option.property());
            option.apply(builder, value == null ? null : value.toString(), Spelling.PROPERTY);
        }
        return builder.build();
    }

    /**
     * Resyncs the generators' sequences; {@code options} gives everything but the links, which are
     * added to its column mappings. Ids taken from a table, not a sequence, are named in a warning
     * (on PostgreSQL) and left alone. Does nothing, with one warning, when the database is not
     * PostgreSQL (unless {@code failOnOtherDatabase}) or the session factory has no single
     * connection provider (multi-tenancy: {@link #runForTenants}).
     *
     * @return the report, or empty when nothing ran
     * @throws ResyncException one line naming what failed (a problem, a lock not granted in time)
     */
    public static Optional<ResyncReport> run(SessionFactory sessionFactory, ResyncOptions options,
                                             boolean failOnOtherDatabase) {
        return run(sessionFactory, options, otherDatabase(failOnOtherDatabase));
    }

    /** What a database that is not PostgreSQL does, by {@value #FAIL_ON_OTHER_DATABASE}. */
    static Consumer<String> otherDatabase(boolean failOnOtherDatabase) {
        return reason -> {
            if (failOnOtherDatabase) {
                throw new ResyncException(OtherDatabase.refused(reason, FAIL_ON_OTHER_DATABASE + "=true"));
            }
            LOG.warn(OtherDatabase.leftAlone(reason, "for Hibernate's sequences", FAIL_ON_OTHER_DATABASE + "=true"));
        };
    }

    /** The tenants {@value #TENANTS} names (comma-separated, or a collection given in code), none when it is not set. */
    static List<Object> tenants(Map<String, Object> settings) {
        Object value = settings.get(TENANTS);
        if (value instanceof Collection<?> given) {
            return List.copyOf(given);
        }
        return value == null ? List.of() : Stream.of(value.toString().split(",")).map(String::strip)
                .filter(tenant -> !tenant.isEmpty()).map(Object.class::cast).toList();
    }

    /**
     * As {@link #run(SessionFactory, ResyncOptions, boolean)}, for a host that says itself what a
     * database that is not PostgreSQL does (the Spring Boot starter, once per database).
     *
     * @param otherDatabase receives the one-line reason when the database is not PostgreSQL and there
     *                      are sequences to resync: throws to fail, returns to do nothing (this logs
     *                      nothing then)
     */
    public static Optional<ResyncReport> run(SessionFactory sessionFactory, ResyncOptions options,
                                             Consumer<String> otherDatabase) {
        SessionFactoryImplementor factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
        ConnectionProvider provider = factory.getServiceRegistry().getService(ConnectionProvider.class);
        return run(sessionFactory, provider == null ? null : new Connections(provider::getConnection,
                provider::closeConnection), options, otherDatabase, null);
    }

    /**
     * As {@link #run(SessionFactory, ResyncOptions, Consumer)}, on a connection of {@code dataSource}
     * rather than of the session factory's connection provider: another way into the same database,
     * such as the migration's role, which may set the sequences the application's role may only use
     * ({@code USAGE}). Unqualified names of the mapping resolve on that connection.
     */
    public static Optional<ResyncReport> run(SessionFactory sessionFactory, DataSource dataSource, ResyncOptions options,
                                             Consumer<String> otherDatabase) {
        Objects.requireNonNull(dataSource, "dataSource");
        return run(sessionFactory, new Connections(dataSource::getConnection, Connection::close), options, otherDatabase,
                null);
    }

    /**
     * Resyncs the generators' sequences once for each tenant of a multi-tenant session factory
     * (schema or database per tenant), on the connection its {@code MultiTenantConnectionProvider}
     * gives for that tenant, where the mapping's unqualified names resolve as the tenant's sessions
     * resolve them. Hibernate cannot list the tenants: the application names them.
     *
     * @param tenants the tenant identifiers, as the application's {@code CurrentTenantIdentifierResolver}
     *                returns them
     * @param otherDatabase as in {@link #run(SessionFactory, ResyncOptions, Consumer)}, for each tenant
     * @return each tenant's report, in the order given; a tenant where nothing ran has none
     * @throws ResyncException one line naming the tenant and what failed there; the tenants before it
     *                         are resynced, those after it are not
     * @throws IllegalStateException when the session factory has no multi-tenant connection provider
     */
    public static <T> Map<T, ResyncReport> runForTenants(SessionFactory sessionFactory, Collection<T> tenants,
                                                          ResyncOptions options, Consumer<String> otherDatabase) {
        @SuppressWarnings("unchecked")
        MultiTenantConnectionProvider<T> provider = sessionFactory.unwrap(SessionFactoryImplementor.class)
                .getServiceRegistry().getService(MultiTenantConnectionProvider.class);
        if (provider == null) {
            throw new IllegalStateException("sequence-resync: tenants named (" + TENANTS + "), but this session factory"
                                            + " has no multi-tenant connection provider"
                                            + " (hibernate.multi_tenant_connection_provider): nothing done");
        }
        Map<T, ResyncReport> reports = new LinkedHashMap<>();
        for (T tenant : tenants) {
            String where = "tenant '" + tenant + "'";
            try {
                run(sessionFactory, new Connections(() -> provider.getConnection(tenant),
                        c -> provider.releaseConnection(tenant, c)), options, otherDatabase, where)
                        .ifPresent(report -> reports.put(tenant, report));
            } catch (ResyncException e) {
                throw e.in(where);
            }
        }
        return reports;
    }

    /** Where the resync takes its connection, and how it gives it back. */
    private record Connections(Open open, Close close) {
    }

    @FunctionalInterface
    private interface Open {
        Connection get() throws SQLException;
    }

    @FunctionalInterface
    private interface Close {
        void accept(Connection connection) throws SQLException;
    }

    /** @param tenant where the report says it ran, or null for the session factory's one database */
    private static Optional<ResyncReport> run(SessionFactory sessionFactory, Connections connections,
                                              ResyncOptions options, Consumer<String> otherDatabase, String tenant) {
        List<String> fromTables = HibernateLinks.fromTables(sessionFactory);
        List<ColumnMapping> links = HibernateLinks.of(sessionFactory);
        String action = databaseAction(sessionFactory.getProperties()).name();
        // Hibernate made the schema and ran its import scripts, whose rows may be in any table
        boolean imported = LOADING_ACTIONS.contains(action);
        boolean tablesRaised = action.equals(SYNCHRONIZE);
        if (links.isEmpty() && fromTables.isEmpty() && !imported) {
            return noSequences();
        }
        if (connections == null) {
            LOG.warn("sequence-resync: nothing done for Hibernate's sequences: this session factory has no single"
                     + " connection provider (multi-tenancy); name the tenants in " + TENANTS);
            return Optional.empty();
        }
        ResyncOptions.Builder withLinks = options.toBuilder().mappedSequencesOnly(!imported);
        links.forEach(withLinks::columnMapping);
        ResyncReport report;
        try {
            Connection connection = connections.open().get();
            try {
                Optional<String> other = SequenceResync.notPostgres(connection);
                if (other.isPresent()) {
                    if (links.isEmpty()) {
                        return noSequences(); // and no rows loaded there to warn of
                    }
                    otherDatabase.accept(other.get());
                    return Optional.empty();
                }
                // on PostgreSQL only: H2 in unit tests has no rows loaded with explicit ids to warn of
                for (String entity : fromTables) {
                    if (tablesRaised) {
                        LOG.debug("sequence-resync: left to Hibernate, which resynchronized it at bootstrap: " + entity);
                    } else {
                        LOG.warn("sequence-resync: left alone, not a sequence: " + entity + "; after rows are loaded"
                                 + " with explicit ids, raise it past them by hand"
                                 + (RESYNCHRONIZES ? " or with Hibernate's SchemaManager.resynchronizeGenerators()" : ""));
                    }
                }
                if (links.isEmpty() && !imported) {
                    return noSequences();
                }
                // pools may hand connections out with auto-commit off: the resync commits its own work
                report = SequenceResync.with(withLinks.build()).runInOwnTransaction(connection);
            } finally {
                connections.close().accept(connection);
            }
        } catch (SQLException e) {
            throw new ResyncException("cannot resync Hibernate's sequences: " + e.getMessage(), e);
        }
        report.log(LOG::info, LOG::warn, LOG::debug, " (" + (imported ? "Hibernate's schema and import scripts"
                : "Hibernate's id generators") + (tenant == null ? "" : ", " + tenant) + ")");
        return Optional.of(report);
    }

    /**
     * The schema action Hibernate ran on the database at bootstrap, as it decides: Jakarta
     * Persistence's database action when a Jakarta Persistence action (database or scripts) is set,
     * {@code hibernate.hbm2ddl.auto} otherwise.
     */
    static Action databaseAction(Map<String, Object> settings) {
        Optional<Object> database = jpaAction(settings, "database");
        if (database.isPresent() || jpaAction(settings, "scripts").isPresent()) {
            return database.map(Action::interpretJpaSetting).orElse(Action.NONE);
        }
        return Action.interpretHbm2ddlSetting(settings.get("hibernate.hbm2ddl.auto"));
    }

    private static Optional<Object> jpaAction(Map<String, Object> settings, String target) {
        return Stream.of("jakarta", "javax")
                .map(prefix -> settings.get(prefix + ".persistence.schema-generation." + target + ".action"))
                .filter(Objects::nonNull).findFirst();
    }

    private static Optional<ResyncReport> noSequences() {
        LOG.debug("sequence-resync: no entity takes its id from a sequence");
        return Optional.empty();
    }
}

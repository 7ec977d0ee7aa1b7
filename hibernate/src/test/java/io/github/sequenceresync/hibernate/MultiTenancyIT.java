package io.github.sequenceresync.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.hibernate.model.Entities;
import io.github.sequenceresync.testing.Blocker;
import io.github.sequenceresync.testing.JulLog;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.Tenants;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A multi-tenant session factory, a schema per tenant ({@link Tenants}), each migrated on its own
 * and loaded with explicit ids: Hibernate cannot list the tenants, so the application names them,
 * and each is resynced on the connection Hibernate's own provider gives for it.
 */
@PostgresTest
class MultiTenancyIT {

    private final TestDatabase db;

    MultiTenancyIT(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void twoTenantsLoadedWithExplicitIds() {
        Tenants.load(db);
    }

    @Test
    void eachTenantNamedIsResyncedOnItsOwnConnection() {
        try (SessionFactory sf = factory(Map.of())) {
            Map<String, ResyncReport> reports = HibernateResync.runForTenants(sf, Tenants.NAMES,
                    ResyncOptions.defaults(), reason -> {
                        throw new AssertionError(reason);
                    });
            assertThat(reports).containsOnlyKeys("tenant_a", "tenant_b");
            assertThat(reports.values()).allSatisfy(r -> assertThat(r.changed()).hasSize(1));
            assertThat(persistIn(sf, "tenant_a")).isGreaterThan(Tenants.A_LOADED);
            assertThat(persistIn(sf, "tenant_b")).isGreaterThan(Tenants.B_LOADED);
            assertThat(db.nextValue("tenant_a.customers_seq")).as("its own rows, not the other tenant's")
                    .isLessThan(Tenants.B_LOADED);
        }
    }

    /** Without the resync, the first new customer takes an id the load already used. */
    @Test
    void withoutTheResyncATenantsFirstInsertCollides() {
        try (SessionFactory sf = factory(Map.of())) {
            db.execute("INSERT INTO tenant_a.customers (id, name) VALUES (1, 'loaded')");
            assertThatThrownBy(() -> persistIn(sf, "tenant_a")).hasStackTraceContaining("duplicate key");
        }
    }

    /** Comma-separated, as in hibernate.properties, or a collection, as a map given to the bootstrap in code has it. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theSettingResyncsTheTenantsItNamesAtBootstrap(boolean asCollection) {
        Object tenants = asCollection ? Tenants.NAMES : "tenant_a, tenant_b";
        try (SessionFactory sf = factory(Map.of(HibernateResync.ENABLED, "true", HibernateResync.TENANTS, tenants))) {
            assertThat(persistIn(sf, "tenant_a")).isGreaterThan(Tenants.A_LOADED);
            assertThat(persistIn(sf, "tenant_b")).isGreaterThan(Tenants.B_LOADED);
        }
    }

    @Test
    void withNoTenantsNamedOneWarningSaysWhereToNameThem() throws Exception {
        String warnings = JulLog.during(Level.WARNING, () -> factory(Map.of(HibernateResync.ENABLED, "true")).close());
        assertThat(warnings.lines().filter(line -> line.startsWith("sequence-resync"))).containsExactly(
                "sequence-resync: nothing done for Hibernate's sequences: this session factory has no single connection"
                + " provider (multi-tenancy); name the tenants in sequence-resync.tenants");
        assertThat(db.nextValue("tenant_a.customers_seq")).isEqualTo(1);
    }

    @Test
    void aFailureNamesTheTenantAndTheTenantsBeforeItAreResynced() throws Exception {
        ResyncOptions options = ResyncOptions.builder().lockTimeout(Duration.ofMillis(300)).build();
        try (SessionFactory sf = factory(Map.of());
             Blocker blocker = Blocker.hold(db, "LOCK TABLE tenant_b.customers IN ACCESS EXCLUSIVE MODE")) {
            assertThatThrownBy(() -> HibernateResync.runForTenants(sf, Tenants.NAMES, options, reason -> { }))
                    .hasMessageStartingWith("tenant 'tenant_b': cannot resync sequences: a lock was not granted within"
                                            + " the lock timeout (300ms): table tenant_b.customers: pid ");
        }
        assertThat(db.nextValue("tenant_a.customers_seq")).isGreaterThan(Tenants.A_LOADED);
        assertThat(db.nextValue("tenant_b.customers_seq")).as("nothing changed there").isEqualTo(1);
    }

    @Test
    void tenantsForASessionFactoryWithoutTenancyAreRefusedInOneLine() {
        Configuration single = new Configuration().addAnnotatedClass(Entities.Customer.class)
                .setProperty("hibernate.connection.url", db.url())
                .setProperty("hibernate.connection.username", db.user());
        if (db.password() != null) {
            single.setProperty("hibernate.connection.password", db.password());
        }
        try (SessionFactory sf = single.buildSessionFactory()) {
            assertThatThrownBy(() -> HibernateResync.runForTenants(sf, List.of("tenant_a"), ResyncOptions.defaults(),
                    reason -> { }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("sequence-resync: tenants named (sequence-resync.tenants), but this session factory has"
                                + " no multi-tenant connection provider (hibernate.multi_tenant_connection_provider):"
                                + " nothing done");
        }
    }

    /** The new customer's id. */
    private static long persistIn(SessionFactory sf, String tenant) {
        try (var session = sf.withOptions().tenantIdentifier(tenant).openSession()) {
            var tx = session.beginTransaction();
            Entities.Customer customer = new Entities.Customer();
            customer.name = "new";
            session.persist(customer);
            tx.commit();
            return customer.id;
        }
    }

    private SessionFactory factory(Map<String, Object> settings) {
        Configuration configuration = new Configuration().addAnnotatedClass(Entities.Customer.class);
        configuration.getProperties().put("hibernate.multi_tenant_connection_provider", new SchemaPerTenant(db));
        configuration.getProperties().put("hibernate.tenant_identifier_resolver", new NoCurrentTenant());
        configuration.getProperties().putAll(settings);
        return configuration.buildSessionFactory();
    }

    /** The usual schema-per-tenant provider: a connection whose schema is the tenant's. */
    private record SchemaPerTenant(TestDatabase db) implements MultiTenantConnectionProvider<String> {
        @Override
        public Connection getAnyConnection() throws SQLException {
            return db.connect();
        }

        @Override
        public void releaseAnyConnection(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public Connection getConnection(String tenant) throws SQLException {
            Connection connection = db.connect();
            connection.setSchema(tenant);
            return connection;
        }

        @Override
        public void releaseConnection(String tenant, Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public boolean supportsAggressiveRelease() {
            return false;
        }

        @Override
        public boolean isUnwrappableAs(Class<?> type) {
            return false;
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnknownUnwrapTypeException(type);
        }
    }

    /** Sessions name their tenant. */
    private record NoCurrentTenant() implements CurrentTenantIdentifierResolver<String> {
        @Override
        public String resolveCurrentTenantIdentifier() {
            return "tenant_a";
        }

        @Override
        public boolean validateExistingCurrentSessions() {
            return false;
        }
    }
}

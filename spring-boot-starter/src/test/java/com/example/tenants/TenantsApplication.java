package com.example.tenants;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.hibernate.context.spi.CurrentTenantIdentifierResolver;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.service.UnknownUnwrapTypeException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * A multi-tenant Spring Data JPA application, a schema per tenant, as Hibernate's documentation
 * wires one: its connection provider gives each tenant a connection whose schema is the tenant's,
 * and a resolver says which tenant the current request is for. Each tenant's schema was migrated
 * and loaded elsewhere (a Flyway per tenant); the starter is told the tenants by
 * {@code sequence-resync.tenants}. The provider is handed to Hibernate by {@code TenancyCustomizer}
 * (Spring Boot 3.5 and 4 keep HibernatePropertiesCustomizer in different packages).
 */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true)
public class TenantsApplication {

    /** Hibernate's default generator: {@code customers_seq} in the tenant's schema, INCREMENT 50. */
    @Entity
    @Table(name = "customers")
    public static class Customer {
        @Id
        @GeneratedValue
        public Long id;
        public String name;
    }

    /** The customers of the current tenant. */
    public interface Customers extends JpaRepository<Customer, Long> {
    }

    /** Which tenant the current thread works for, as a web filter would set it per request. */
    public static final class CurrentTenant implements CurrentTenantIdentifierResolver<String> {
        private static final ThreadLocal<String> TENANT = ThreadLocal.withInitial(() -> "tenant_a");

        /** Runs {@code work} for {@code tenant}. */
        public static <T> T as(String tenant, java.util.function.Supplier<T> work) {
            TENANT.set(tenant);
            try {
                return work.get();
            } finally {
                TENANT.remove();
            }
        }

        @Override
        public String resolveCurrentTenantIdentifier() {
            return TENANT.get();
        }

        @Override
        public boolean validateExistingCurrentSessions() {
            return true;
        }
    }

    /** A connection of the application's pool, its schema the tenant's. */
    public record SchemaPerTenant(DataSource dataSource) implements MultiTenantConnectionProvider<String> {
        @Override
        public Connection getAnyConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void releaseAnyConnection(Connection connection) throws SQLException {
            connection.close();
        }

        @Override
        public Connection getConnection(String tenant) throws SQLException {
            Connection connection = dataSource.getConnection();
            connection.setSchema(tenant);
            return connection;
        }

        @Override
        public void releaseConnection(String tenant, Connection connection) throws SQLException {
            connection.setSchema("public"); // the pool's connection as it was
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
}

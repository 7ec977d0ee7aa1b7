package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.hibernate.HibernateLinks;
import io.github.sequenceresync.hibernate.HibernateResync;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.SessionFactory;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.jdbc.connections.spi.MultiTenantConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.orm.jpa.EntityManagerFactoryInfo;

/**
 * Resyncs the sequences of Hibernate's id generators once an EntityManagerFactory is built: Spring
 * Boot runs Flyway and Liquibase before it, so the data is loaded, and the application takes no
 * traffic before the context is refreshed. The links come from that factory's own mapping
 * ({@link io.github.sequenceresync.hibernate.HibernateLinks}); the connection from its connection
 * provider, the application's DataSource, or, when Flyway or Liquibase migrated that database as a
 * role of their own ({@code spring.flyway.user}), from theirs: the application's role may only be
 * allowed to use the sequences ({@code USAGE}), not to set them.
 */
final class ResyncAfterHibernate implements BeanPostProcessor, SmartInitializingSingleton, HibernateSequences {

    private static final Log LOG = LogFactory.getLog(ResyncAfterHibernate.class);

    private final ObjectProvider<SequenceResyncProperties> properties;
    private final ObjectProvider<SequenceResyncReports> reports;
    private final ObjectProvider<MigrationDatabase> migrated;
    private final Set<SessionFactory> resynced = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    ResyncAfterHibernate(ObjectProvider<SequenceResyncProperties> properties,
                         ObjectProvider<SequenceResyncReports> reports, ObjectProvider<MigrationDatabase> migrated) {
        this.properties = properties;
        this.reports = reports;
        this.migrated = migrated;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        // Spring's factory bean (LocalContainerEntityManagerFactoryBean) and the proxy it makes both
        // come here, as may a factory an application builds itself: each native one is resynced once
        EntityManagerFactory factory = bean instanceof EntityManagerFactoryInfo info ? info.getNativeEntityManagerFactory()
                : bean instanceof EntityManagerFactory emf ? emf : null;
        if (factory != null && properties.getObject().isHibernate()) {
            SessionFactory sessionFactory;
            try {
                sessionFactory = factory.unwrap(SessionFactory.class);
            } catch (PersistenceException notHibernate) {
                return bean; // another JPA provider
            }
            if (resynced.add(sessionFactory)) {
                resync(sessionFactory, bean, "hibernate (" + beanName + ")");
            }
        }
        return bean;
    }

    /**
     * Tenants named where no session factory is multi-tenant would be ignored without a word: the
     * sequences were resynced once, on the factory's DataSource, which may not be what was meant.
     */
    @Override
    public void afterSingletonsInstantiated() {
        SequenceResyncProperties settings = properties.getObject();
        if (settings.isHibernate() && !settings.getTenants().isEmpty()
                && built().stream().noneMatch(ResyncAfterHibernate::multiTenant)) {
            LOG.warn("sequence-resync: sequence-resync.tenants names " + settings.getTenants() + ", but no Hibernate"
                     + " session factory here is multi-tenant (hibernate.multi_tenant_connection_provider):"
                     + " the tenants are ignored");
        }
    }

    @Override
    public void again(String after) {
        built().forEach(sessionFactory -> resync(sessionFactory, sessionFactory, "hibernate, " + after));
    }

    @Override
    public ResyncOptions withLinks(ResyncOptions options) {
        ResyncOptions.Builder builder = options.toBuilder();
        built().forEach(sessionFactory -> HibernateLinks.of(sessionFactory).forEach(builder::columnMapping));
        return builder.build();
    }

    /** The factories built and resynced so far. */
    private List<SessionFactory> built() {
        synchronized (resynced) {
            return new ArrayList<>(resynced);
        }
    }

    private void resync(SessionFactory sessionFactory, Object source, String after) {
        SequenceResyncProperties settings = properties.getObject();
        SequenceResyncReports log = reports.getObject();
        Consumer<String> otherDatabase = log.otherDatabase(after, settings.isFailOnOtherDatabase());
        boolean tenants = !settings.getTenants().isEmpty() && multiTenant(sessionFactory);
        Optional<DataSource> application = tenants ? Optional.empty() : dataSourceOf(sessionFactory);
        // as the role that migrated the database, when the migration has one of its own
        Optional<DataSource> asMigrated = application.flatMap(a -> MigrationDatabase.ownOn(migrated, a));
        DataSource on = asMigrated.or(() -> application).orElse(null); // none tells a tenant's database apart
        try {
            if (tenants) {
                HibernateResync.runForTenants(sessionFactory, settings.getTenants(), settings.options(), otherDatabase)
                        .forEach((tenant, report) -> log.addLogged(source, after + ", tenant '" + tenant + "'", report, on));
            } else {
                asMigrated.map(m -> HibernateResync.run(sessionFactory, m, settings.options(), otherDatabase))
                        .orElseGet(() -> HibernateResync.run(sessionFactory, settings.options(), otherDatabase))
                        .ifPresent(report -> log.addLogged(source, after, report, on));
            }
        } catch (ResyncException failure) {
            log.readOnly(failure, after).ifPresent(report -> log.add(source, after, report, on));
        }
    }

    private static boolean multiTenant(SessionFactory sessionFactory) {
        return sessionFactory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .getService(MultiTenantConnectionProvider.class) != null;
    }

    /** The DataSource Hibernate takes its connections from, when it has one (Spring Boot's). */
    private static Optional<DataSource> dataSourceOf(SessionFactory sessionFactory) {
        ConnectionProvider provider = sessionFactory.unwrap(SessionFactoryImplementor.class).getServiceRegistry()
                .getService(ConnectionProvider.class);
        return provider != null && provider.isUnwrappableAs(DataSource.class)
                ? Optional.of(provider.unwrap(DataSource.class)) : Optional.empty();
    }
}

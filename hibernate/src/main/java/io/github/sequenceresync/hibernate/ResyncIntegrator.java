package io.github.sequenceresync.hibernate;

import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.SessionFactoryObserver;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

/**
 * Found by Hibernate itself (a service in this jar): with the setting
 * {@value HibernateResync#ENABLED} {@code true} (hibernate.properties, persistence.xml, or the
 * settings of a Jakarta Persistence bootstrap), resyncs the sequences of the id generators once the
 * session factory is built, before it serves a session. A problem fails the bootstrap, as a failed
 * migration would (unless {@code sequence-resync.fail-on-problem=false}). The Spring Boot starter
 * does the same on its own and leaves this off.
 */
public final class ResyncIntegrator implements Integrator {

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        Map<String, Object> settings = sessionFactory.getProperties();
        if (!Boolean.parseBoolean(String.valueOf(settings.get(HibernateResync.ENABLED)))) {
            return;
        }
        // read now, so that a bad value fails the bootstrap naming the setting
        var options = HibernateResync.options(settings);
        boolean failOnOtherDatabase = Boolean.parseBoolean(String.valueOf(settings.get(HibernateResync.FAIL_ON_OTHER_DATABASE)));
        List<Object> tenants = HibernateResync.tenants(settings);
        sessionFactory.addObserver(new SessionFactoryObserver() {
            @Override
            public void sessionFactoryCreated(SessionFactory factory) {
                if (tenants.isEmpty()) {
                    HibernateResync.run(factory, options, failOnOtherDatabase);
                } else {
                    HibernateResync.runForTenants(factory, tenants, options,
                            HibernateResync.otherDatabase(failOnOtherDatabase));
                }
            }
        });
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing held
    }
}

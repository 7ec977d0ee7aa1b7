package io.github.sequenceresync.spring;

import java.lang.reflect.Method;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.core.env.Environment;

/**
 * Resyncs after Spring Boot's SQL initialization ran {@code data.sql} (and {@code schema.sql}) on a
 * PostgreSQL DataSource, which it does with {@code spring.sql.init.mode=always}: right after the
 * initializer bean, which runs the scripts when it is initialized. With
 * {@code spring.jpa.defer-datasource-initialization=true} the scripts run after the
 * EntityManagerFactory is built, so the sequences of Hibernate's id generators are resynced again.
 */
final class ResyncAfterSqlInit implements BeanPostProcessor {

    private final ObjectProvider<SequenceResyncProperties> properties;
    private final ObjectProvider<SequenceResyncReports> reports;
    private final ObjectProvider<HibernateSequences> hibernate;
    private final Environment environment;

    ResyncAfterSqlInit(ObjectProvider<SequenceResyncProperties> properties, ObjectProvider<SequenceResyncReports> reports,
                       ObjectProvider<HibernateSequences> hibernate, Environment environment) {
        this.properties = properties;
        this.reports = reports;
        this.hibernate = hibernate;
        this.environment = environment;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        // on PostgreSQL (not an embedded database) the scripts run only with mode "always"
        if (bean instanceof DataSourceScriptDatabaseInitializer initializer
            && "always".equalsIgnoreCase(environment.getProperty("spring.sql.init.mode", "embedded"))) {
            String after = "SQL initialization (" + beanName + ")";
            SequenceResyncProperties settings = properties.getObject();
            DataSourceResync.run(dataSource(initializer), settings.options(), bean, after, settings, reports.getObject());
            hibernate.ifAvailable(h -> h.again(after));
        }
        return bean;
    }

    /** Its DataSource, which it keeps to itself (a protected getter, the same in Spring Boot 3.5 and 4). */
    private static DataSource dataSource(DataSourceScriptDatabaseInitializer initializer) {
        try {
            Method getter = DataSourceScriptDatabaseInitializer.class.getDeclaredMethod("getDataSource");
            getter.setAccessible(true);
            return (DataSource) getter.invoke(initializer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("sequence-resync: cannot read the DataSource of " + initializer, e);
        }
    }
}

package io.github.sequenceresync.spring;

import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Resyncs right after a {@code SpringLiquibase} bean is initialized, which is when it ran its update,
 * on that bean's DataSource, and logs through the application's logging.
 */
final class ResyncAfterLiquibase implements BeanPostProcessor {

    private final ObjectProvider<SequenceResyncProperties> properties;
    private final ObjectProvider<SequenceResyncReports> reports;

    ResyncAfterLiquibase(ObjectProvider<SequenceResyncProperties> properties,
                         ObjectProvider<SequenceResyncReports> reports) {
        this.properties = properties;
        this.reports = reports;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SpringLiquibase liquibase) {
            resync(liquibase, beanName);
        }
        return bean;
    }

    private void resync(SpringLiquibase liquibase, String beanName) {
        // with spring.liquibase.url or user, a DataSource of Liquibase's own (Spring Boot makes it a
        // SimpleDriverDataSource, a new connection each time, which it has nothing to close on)
        SequenceResyncProperties settings = properties.getObject();
        DataSourceResync.run(liquibase.getDataSource(),
                DataSourceResync.inSchema(settings.options(), liquibase.getDefaultSchema()), liquibase, beanName,
                settings, reports.getObject());
    }
}

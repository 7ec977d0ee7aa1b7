package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceReport;
import io.github.sequenceresync.SequenceResync;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Resyncs right after a {@code SpringLiquibase} bean is initialized, which is when it ran its update,
 * on that bean's DataSource, and logs through the application's logging.
 */
final class ResyncAfterLiquibase implements BeanPostProcessor {

    private static final Log LOG = LogFactory.getLog(ResyncAfterLiquibase.class);

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
        SequenceResyncProperties settings = properties.getObject();
        DataSource dataSource = liquibase.getDataSource();
        ResyncReport report;
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> other = SequenceResync.notPostgres(connection);
            if (other.isPresent()) {
                if (settings.isFailOnOtherDatabase()) {
                    throw new ResyncException(other.get() + " (sequence-resync.fail-on-other-database is true)");
                }
                LOG.warn("sequence-resync: nothing done after Liquibase (" + beanName + "): " + other.get()
                        + " (set sequence-resync.fail-on-other-database=true to fail instead)");
                return;
            }
            ResyncOptions options = settings.options();
            if (options.schemas().isEmpty() && liquibase.getDefaultSchema() != null) {
                // as the Flyway callback takes Flyway's schemas: the schema this Liquibase manages
                options = options.toBuilder().schemas(liquibase.getDefaultSchema()).build();
            }
            report = SequenceResync.with(options).run(connection);
        } catch (SQLException e) {
            // a DataSource of Liquibase's own (spring.liquibase.url) is closed by Spring Boot after the update
            throw new ResyncException("cannot resync sequences after Liquibase (" + beanName + "): " + e.getMessage(), e);
        }
        report.log(LOG::info, LOG::warn, LOG::debug, " after Liquibase (" + beanName + ")");
        reports.getObject().add(liquibase, beanName, report);
    }
}

package io.github.sequenceresync.spring;

import java.util.Arrays;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.ClassicConfiguration;
import org.flywaydb.core.api.configuration.Configuration;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Sees that every {@code Flyway} bean of the application calls the resync after migrate: one that
 * Spring Boot configured has the callback bean already, unless a {@code FlywayConfigurationCustomizer}
 * replaced its callbacks; one the application built itself does not. Either way the callback is
 * added to the callbacks the bean has, before anything migrates (Flyway reads them when it runs).
 */
final class KeepFlywayCallback implements BeanPostProcessor, BeanFactoryAware {

    private static final Log LOG = LogFactory.getLog(KeepFlywayCallback.class);

    private BeanFactory beans;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beans = beanFactory;
    }

    /** Before initialization: an application's Flyway bean may migrate in its init method. */
    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof Flyway flyway) {
            Callback ours = beans.getBean(SequenceResyncAutoConfiguration.FLYWAY_CALLBACK, Callback.class);
            Configuration configuration = flyway.getConfiguration();
            Callback[] callbacks = configuration.getCallbacks();
            boolean present = Arrays.stream(callbacks).anyMatch(c -> ours.getCallbackName().equals(c.getCallbackName()));
            if (!present) {
                if (configuration instanceof ClassicConfiguration classic) {
                    Callback[] all = Arrays.copyOf(callbacks, callbacks.length + 1);
                    all[callbacks.length] = ours;
                    classic.setCallbacks(all);
                } else {
                    LOG.warn("sequence-resync: cannot add its callback to Flyway bean " + beanName
                            + "; add it to that Flyway's callbacks");
                }
            }
        }
        return bean;
    }
}

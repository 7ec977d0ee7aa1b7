package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncReport;
import org.springframework.context.ApplicationEvent;

/**
 * Published after each resync the starter runs (after a Flyway migrate, after a Liquibase update),
 * for the application's own use: an Actuator endpoint, metrics, a log of its own.
 */
public final class SequenceResyncEvent extends ApplicationEvent {

    private final transient ResyncReport report;
    private final String after;

    /**
     * @param source the migration tool's bean that ran (the Flyway callback, the SpringLiquibase bean)
     * @param after  what the resync followed: {@code flyway} or the SpringLiquibase bean's name
     */
    public SequenceResyncEvent(Object source, String after, ResyncReport report) {
        super(source);
        this.after = after;
        this.report = report;
    }

    /** What the resync found and did. */
    public ResyncReport report() {
        return report;
    }

    /**
     * What it followed: {@code flyway}, the name of a SpringLiquibase bean, {@code SQL initialization
     * (bean name)}, {@code hibernate (bean name)} (and {@code hibernate, SQL initialization (...)} when
     * SQL initialization ran after Hibernate), {@code spring data jdbc} or {@code spring data r2dbc}.
     */
    public String after() {
        return after;
    }
}

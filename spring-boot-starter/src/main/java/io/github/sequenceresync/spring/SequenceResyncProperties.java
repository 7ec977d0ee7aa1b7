package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncOption;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.Spelling;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * {@code sequence-resync.*}: the option table ({@link ResyncOption}) spelled as Spring Boot
 * properties, bound by Boot's binder (profiles, environment variables, lists) and read by the
 * table, and the starter's own switches. Validated at startup: an error names the property.
 */
@ConfigurationProperties(prefix = "sequence-resync")
public class SequenceResyncProperties implements EnvironmentAware {

    /** Where Spring Batch's table prefix is read from; none outside an application context. */
    private Environment environment;

    /** Whether the resync runs after every Flyway migrate and Liquibase update of the application. */
    private boolean enabled = true;
    // The option table's options: what each means and its default are the table's, which is also
    // what IDEs show of them (META-INF/additional-spring-configuration-metadata.json, generated from
    // it). Null or empty: not set, the table's default.
    private List<String> schemas = new ArrayList<>();
    private List<String> exclude = new ArrayList<>();
    private String mode;
    private Boolean dryRun;
    private Boolean lockTables;
    // text read by the option table, not a Duration bound by Spring: the same units as everywhere else
    // (PostgreSQL's 1min too), and the table's error naming the property
    private String lockTimeout;
    private Boolean failOnProblem;
    private List<String> columnMappings = new ArrayList<>();
    private Double warnAt;
    private List<String> linkRules = new ArrayList<>();

    /**
     * Whether the sequences of Hibernate's id generators are resynced, with the tables and columns its
     * mapping says they fill, once the EntityManagerFactory is built (before the application takes traffic).
     */
    private boolean hibernate = true;
    /**
     * The tenants of a multi-tenant Hibernate (a schema or database per tenant), as its
     * CurrentTenantIdentifierResolver returns them: each one's sequences are resynced on the connection
     * its MultiTenantConnectionProvider gives for it. Hibernate cannot list them; without them nothing is done there.
     */
    private List<String> tenants = new ArrayList<>();
    /** Whether a DataSource that is not PostgreSQL (H2, HSQLDB in tests) fails startup (false: one warning). */
    private boolean failOnOtherDatabase;

    /**
     * The resync's options, read through the option table; an error names the property. With Spring
     * Batch on the classpath, the link rules include those of its job repository's sequences
     * ({@link SpringBatchSequences}).
     */
    public ResyncOptions options() {
        Map<ResyncOption, String> values = new EnumMap<>(ResyncOption.class);
        values.put(ResyncOption.SCHEMAS, String.join(",", schemas));
        values.put(ResyncOption.EXCLUDE, String.join(",", exclude));
        values.put(ResyncOption.MODE, mode);
        values.put(ResyncOption.DRY_RUN, Objects.toString(dryRun, null));
        values.put(ResyncOption.LOCK_TABLES, Objects.toString(lockTables, null));
        values.put(ResyncOption.LOCK_TIMEOUT, lockTimeout);
        values.put(ResyncOption.FAIL_ON_PROBLEM, Objects.toString(failOnProblem, null));
        values.put(ResyncOption.COLUMN_MAPPINGS, String.join(",", columnMappings));
        values.put(ResyncOption.LINK_RULES, String.join(",", linkRules));
        values.put(ResyncOption.WARN_AT, Objects.toString(warnAt, null));
        ResyncOptions.Builder builder = ResyncOptions.builder();
        values.forEach((option, value) -> {
            try {
                option.apply(builder, value, Spelling.PROPERTY);
            } catch (IllegalArgumentException e) {
                // Spring Boot's own failure analysis of a bad value: one description naming the
                // property, its value and where it was set, no stack trace
                String named = "option " + option.property() + ": ";
                String message = e.getMessage();
                throw new InvalidConfigurationPropertyValueException(option.property(), value,
                        message.contains(named) ? message.substring(message.indexOf(named) + named.length()) : message);
            }
        });
        if (environment != null) {
            SpringBatchSequences.linkRules(environment).forEach(builder::linkRule);
        }
        return builder.build();
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getSchemas() {
        return schemas;
    }

    public void setSchemas(List<String> schemas) {
        this.schemas = schemas;
    }

    public List<String> getExclude() {
        return exclude;
    }

    public void setExclude(List<String> exclude) {
        this.exclude = exclude;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    public Boolean getLockTables() {
        return lockTables;
    }

    public void setLockTables(Boolean lockTables) {
        this.lockTables = lockTables;
    }

    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    public Boolean getFailOnProblem() {
        return failOnProblem;
    }

    public void setFailOnProblem(Boolean failOnProblem) {
        this.failOnProblem = failOnProblem;
    }

    public List<String> getColumnMappings() {
        return columnMappings;
    }

    public void setColumnMappings(List<String> columnMappings) {
        this.columnMappings = columnMappings;
    }

    public Double getWarnAt() {
        return warnAt;
    }

    public void setWarnAt(Double warnAt) {
        this.warnAt = warnAt;
    }

    public List<String> getLinkRules() {
        return linkRules;
    }

    public void setLinkRules(List<String> linkRules) {
        this.linkRules = linkRules;
    }

    public boolean isHibernate() {
        return hibernate;
    }

    public void setHibernate(boolean hibernate) {
        this.hibernate = hibernate;
    }

    public List<String> getTenants() {
        return tenants;
    }

    public void setTenants(List<String> tenants) {
        this.tenants = tenants;
    }

    public boolean isFailOnOtherDatabase() {
        return failOnOtherDatabase;
    }

    public void setFailOnOtherDatabase(boolean failOnOtherDatabase) {
        this.failOnOtherDatabase = failOnOtherDatabase;
    }
}

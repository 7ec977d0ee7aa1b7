package io.github.sequenceresync.spring;

import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import liquibase.integration.spring.SpringLiquibase;
import org.flywaydb.core.api.callback.Callback;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Resyncs the application's sequences after every Flyway migrate and Liquibase update that Spring
 * Boot runs, on the same DataSource. One class for Spring Boot 3.5 and 4.x: it names the classes
 * that moved between them only as strings (conditions, ordering) and loads none of them.
 *
 * <ul>
 * <li>Flyway: a {@link Callback} bean, which Spring Boot (3.5 and 4.x alike) hands to every Flyway
 * it configures; after migrate, the resync runs in a transaction of its own on Flyway's connection.
 * Every other {@code Flyway} bean (one the application builds itself, one whose callbacks a
 * customizer replaced) gets the callback added too ({@link KeepFlywayCallback}).</li>
 * <li>Liquibase: Liquibase has no "after update" hook; Spring Boot runs the update when its
 * {@code SpringLiquibase} bean is initialized, so a bean post-processor resyncs right after that,
 * on the bean's own DataSource: each {@code SpringLiquibase} (several DataSources, several beans)
 * is followed by a resync of its own database.</li>
 * <li>SQL initialization ({@code data.sql} with {@code spring.sql.init.mode=always}): right after
 * it ran ({@link ResyncAfterSqlInit}).</li>
 * <li>Hibernate: once an EntityManagerFactory is built (after the migrations), the sequences of its
 * id generators, which the catalog links to no column, with the links its mapping gives
 * ({@link ResyncAfterHibernate}); {@code sequence-resync.hibernate=false} turns that off.</li>
 * <li>Spring Data JDBC and R2DBC: once every singleton exists, the sequences of their
 * {@code @Sequence} ids, linked as their mapping names them ({@link ResyncAfterSpringData}); without
 * a DataSource (R2DBC), on the database Flyway or Liquibase migrated ({@link MigrationDatabase}).</li>
 * <li>Spring Batch: its job repository's sequences, which the catalog links to no column either,
 * are linked to their tables in every resync's options ({@link SpringBatchSequences}).</li>
 * </ul>
 * Test slices ({@code @DataJpaTest}, {@code @JdbcTest} and the others that run Flyway and Liquibase)
 * load only the auto-configurations listed for them: this one is listed beside Flyway's and
 * Liquibase's ({@code META-INF/spring/*.imports}: Spring Boot 3.5's list for each slice, and 4's
 * {@code AutoConfigureDataSourceInitialization}), so that a slice's migrations are followed as the
 * application's are.
 */
@AutoConfiguration(
        afterName = {
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"},
        beforeName = {
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.liquibase.LiquibaseAutoConfiguration",
            "org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration"})
@ConditionalOnProperty(prefix = "sequence-resync", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(SequenceResyncProperties.class)
public class SequenceResyncAutoConfiguration {

    /** The name of the Flyway callback bean. */
    static final String FLYWAY_CALLBACK = "sequenceResyncFlywayCallback";

    @Bean
    SequenceResyncReports sequenceResyncReports() {
        return new SequenceResyncReports();
    }

    /** After every Flyway migrate. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.flywaydb.core.api.callback.Callback")
    static class AfterFlyway {

        /**
         * {@code asCallback()}: Spring lists the methods of every bean, which fails on the callback
         * class itself before Flyway 11.13 (Spring Boot 3.5 brings 11.7).
         */
        @Bean(FLYWAY_CALLBACK)
        Callback sequenceResyncFlywayCallback(SequenceResyncProperties properties, SequenceResyncReports reports) {
            return ResyncSequencesCallback.builder()
                    .options(properties.options())
                    .onOtherDatabase(reports.otherDatabase("flyway", properties.isFailOnOtherDatabase()))
                    .logReports(false) // logged with the others, warnings of unlinked sequences held back
                    // which Flyway's database: with several, held warnings are matched per database
                    .onReportFrom((report, flyway) -> reports.add(reports, "flyway", report,
                            flyway == null ? null : flyway.getDataSource()))
                    .build().asCallback();
        }

        /** Static: post-processors are made before other beans. */
        @Bean
        static BeanPostProcessor sequenceResyncKeepsItsFlywayCallback() {
            return new KeepFlywayCallback();
        }

        /** The databases Flyway migrated and whether on DataSources of their own ({@link MigrationDatabase}). */
        @Bean
        MigrationDatabase sequenceResyncFlywayDatabase(ObjectProvider<org.flywaydb.core.Flyway> flyways,
                                                       ObjectProvider<javax.sql.DataSource> beans) {
            return () -> flyways.orderedStream().map(org.flywaydb.core.Flyway::getConfiguration)
                    .filter(c -> c.getDataSource() != null)
                    .map(c -> new MigrationDatabase.Target(c.getDataSource(), c.getDefaultSchema() != null
                            ? c.getDefaultSchema() : c.getSchemas().length > 0 ? c.getSchemas()[0] : null,
                            beans.stream().noneMatch(bean -> bean == c.getDataSource())))
                    .toList();
        }
    }

    /** After every Hibernate EntityManagerFactory is built. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.hibernate.SessionFactory", "org.springframework.orm.jpa.EntityManagerFactoryInfo"})
    static class AfterHibernate {

        /** Static: post-processors are made before other beans, and read their settings only when used. */
        @Bean
        static ResyncAfterHibernate sequenceResyncAfterHibernate(ObjectProvider<SequenceResyncProperties> properties,
                                                                 ObjectProvider<SequenceResyncReports> reports,
                                                                 ObjectProvider<MigrationDatabase> migrated) {
            return new ResyncAfterHibernate(properties, reports, migrated);
        }
    }

    /** Once every singleton exists: the sequences of Spring Data JDBC's and R2DBC's {@code @Sequence} ids. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.data.relational.core.mapping.Sequence")
    static class AfterSpringData {

        @Bean
        ResyncAfterSpringData sequenceResyncAfterSpringData(
                ObjectProvider<org.springframework.data.relational.core.mapping.RelationalMappingContext> mappings,
                ObjectProvider<javax.sql.DataSource> dataSource, ObjectProvider<MigrationDatabase> migrated,
                ObjectProvider<SequenceResyncProperties> properties, ObjectProvider<SequenceResyncReports> reports) {
            return new ResyncAfterSpringData(mappings, dataSource, migrated, properties, reports);
        }
    }

    /** After Spring Boot's SQL initialization ({@code data.sql}) with {@code spring.sql.init.mode=always}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer")
    static class AfterSqlInitialization {

        /** Static: post-processors are made before other beans, and read their settings only when used. */
        @Bean
        static BeanPostProcessor sequenceResyncAfterSqlInitialization(
                ObjectProvider<SequenceResyncProperties> properties, ObjectProvider<SequenceResyncReports> reports,
                ObjectProvider<HibernateSequences> hibernate, Environment environment) {
            return new ResyncAfterSqlInit(properties, reports, hibernate, environment);
        }
    }

    /** After every Liquibase update. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "liquibase.integration.spring.SpringLiquibase")
    static class AfterLiquibase {

        /** Static: post-processors are made before other beans, and read their settings only when used. */
        @Bean
        static BeanPostProcessor sequenceResyncAfterLiquibase(ObjectProvider<SequenceResyncProperties> properties,
                                                              ObjectProvider<SequenceResyncReports> reports) {
            return new ResyncAfterLiquibase(properties, reports);
        }

        /** The databases Liquibase migrated and whether on DataSources of their own ({@link MigrationDatabase}). */
        @Bean
        MigrationDatabase sequenceResyncLiquibaseDatabase(ObjectProvider<SpringLiquibase> liquibases,
                                                          ObjectProvider<javax.sql.DataSource> beans) {
            return () -> liquibases.orderedStream().filter(l -> l.getDataSource() != null)
                    .map(l -> new MigrationDatabase.Target(l.getDataSource(), l.getDefaultSchema(),
                            beans.stream().noneMatch(bean -> bean == l.getDataSource())))
                    .toList();
        }
    }
}

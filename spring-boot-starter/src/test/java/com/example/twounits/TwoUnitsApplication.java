package com.example.twounits;

import com.example.twounits.archive.ArchivedCustomers;
import com.example.twounits.shop.Customers;
import jakarta.persistence.EntityManagerFactory;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * An application with two databases, each with a JPA persistence unit of its own (entities,
 * repositories, transaction manager) and a Flyway of its own that loads rows with explicit ids, as
 * a Spring Boot application with several databases configures them: Spring Boot's JPA and Flyway
 * auto-configurations back off. Both databases have a {@code customers} table and Hibernate's
 * {@code customers_seq}, with different rows. With {@code app.migration.user}, each Flyway migrates
 * as that role on a connection of its own, while the application connects as {@code app.user}.
 */
@SpringBootApplication
public class TwoUnitsApplication {

    @Bean
    @Primary
    DataSource shop(Environment env) {
        return new DriverManagerDataSource(env.getProperty("app.shop.url"), env.getProperty("app.user"),
                env.getProperty("app.password", ""));
    }

    @Bean
    DataSource archive(Environment env) {
        return new DriverManagerDataSource(env.getProperty("app.archive.url"), env.getProperty("app.user"),
                env.getProperty("app.password", ""));
    }

    @Bean(initMethod = "migrate")
    Flyway shopFlyway(DataSource shop, Environment env) {
        return flyway(shop, env.getProperty("app.shop.url"), env, "shop");
    }

    @Bean(initMethod = "migrate")
    Flyway archiveFlyway(@Qualifier("archive") DataSource archive, Environment env) {
        return flyway(archive, env.getProperty("app.archive.url"), env, "archive");
    }

    private static Flyway flyway(DataSource application, String url, Environment env, String unit) {
        FluentConfiguration flyway = Flyway.configure().locations("classpath:db/twounits/" + unit);
        String owner = env.getProperty("app.migration.user");
        return (owner == null ? flyway.dataSource(application)
                : flyway.dataSource(url, owner, env.getProperty("app.migration.password", ""))).load();
    }

    /** The shop's unit, the primary one, on its database once migrated. */
    @Configuration(proxyBeanMethods = false)
    @EnableJpaRepositories(basePackageClasses = Customers.class, entityManagerFactoryRef = "shopEntityManagerFactory",
            transactionManagerRef = "shopTransactionManager")
    static class ShopUnit {

        @Bean
        @Primary
        @DependsOn("shopFlyway")
        LocalContainerEntityManagerFactoryBean shopEntityManagerFactory(DataSource shop) {
            return unit(shop, Customers.class.getPackageName());
        }

        @Bean
        @Primary
        PlatformTransactionManager shopTransactionManager(@Qualifier("shopEntityManagerFactory") EntityManagerFactory shop) {
            return new JpaTransactionManager(shop);
        }
    }

    /** The archive's unit. */
    @Configuration(proxyBeanMethods = false)
    @EnableJpaRepositories(basePackageClasses = ArchivedCustomers.class,
            entityManagerFactoryRef = "archiveEntityManagerFactory", transactionManagerRef = "archiveTransactionManager")
    static class ArchiveUnit {

        @Bean
        @DependsOn("archiveFlyway")
        LocalContainerEntityManagerFactoryBean archiveEntityManagerFactory(@Qualifier("archive") DataSource archive) {
            return unit(archive, ArchivedCustomers.class.getPackageName());
        }

        @Bean
        PlatformTransactionManager archiveTransactionManager(
                @Qualifier("archiveEntityManagerFactory") EntityManagerFactory archive) {
            return new JpaTransactionManager(archive);
        }
    }

    private static LocalContainerEntityManagerFactoryBean unit(DataSource dataSource, String entities) {
        LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
        factory.setDataSource(dataSource);
        factory.setPackagesToScan(entities);
        factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
        factory.getJpaPropertyMap().put("hibernate.hbm2ddl.auto", "validate");
        return factory;
    }
}

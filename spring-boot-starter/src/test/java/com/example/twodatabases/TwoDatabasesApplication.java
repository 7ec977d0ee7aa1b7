package com.example.twodatabases;

import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** An application with two databases, each migrated by a Liquibase of its own. */
@SpringBootApplication
public class TwoDatabasesApplication {

    @Bean
    @Primary
    DataSource orders(@Value("${app.orders.url}") String url, @Value("${app.user}") String user) {
        return new DriverManagerDataSource(url, user, "");
    }

    @Bean
    DataSource archive(@Value("${app.archive.url}") String url, @Value("${app.user}") String user) {
        return new DriverManagerDataSource(url, user, "");
    }

    @Bean
    SpringLiquibase ordersLiquibase(DataSource orders) {
        return liquibase(orders);
    }

    @Bean
    SpringLiquibase archiveLiquibase(@org.springframework.beans.factory.annotation.Qualifier("archive") DataSource archive) {
        return liquibase(archive);
    }

    private static SpringLiquibase liquibase(DataSource dataSource) {
        SpringLiquibase liquibase = new SpringLiquibase();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog("classpath:db/changelog/master.xml");
        return liquibase;
    }
}

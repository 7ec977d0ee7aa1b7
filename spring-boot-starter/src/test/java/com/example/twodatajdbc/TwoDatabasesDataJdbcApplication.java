package com.example.twodatajdbc;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.mapping.Sequence;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.CrudRepository;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A Spring Data JDBC application with two databases, each migrated by a Flyway of its own, and one
 * mapping: invoices in the primary database, archived invoices in the other, each numbered by a
 * {@code @Sequence} of its own. The application saves invoices through a repository; Spring Boot's
 * mapping holds both entities (its initial entity set: every {@code @Table} of the package), as it
 * does when the archive's repositories are configured on the other database.
 */
@SpringBootApplication
@EnableJdbcRepositories(considerNestedRepositories = true)
public class TwoDatabasesDataJdbcApplication {

    /** Numbered by {@code invoice_numbers}, in the primary database. */
    @Table("invoices")
    public static class Invoice {
        @Id
        @Sequence("invoice_numbers")
        public Long id;
        public String customer;
    }

    /** Numbered by {@code archived_invoice_numbers}, in the archive database. */
    @Table("archived_invoices")
    public static class ArchivedInvoice {
        @Id
        @Sequence("archived_invoice_numbers")
        public Long id;
        public String customer;
    }

    /** The invoices, on the primary database. */
    public interface Invoices extends CrudRepository<Invoice, Long> {
    }

    @Bean
    @Primary
    DataSource invoicesDatabase(@Value("${app.invoices.url}") String url, @Value("${app.user}") String user) {
        return new DriverManagerDataSource(url, user, "");
    }

    @Bean
    DataSource archiveDatabase(@Value("${app.archive.url}") String url, @Value("${app.user}") String user) {
        return new DriverManagerDataSource(url, user, "");
    }

    @Bean(initMethod = "migrate")
    Flyway invoicesFlyway(@Qualifier("invoicesDatabase") DataSource invoices) {
        return Flyway.configure().dataSource(invoices).locations("classpath:db/two-data-jdbc/invoices").load();
    }

    @Bean(initMethod = "migrate")
    Flyway archiveFlyway(@Qualifier("archiveDatabase") DataSource archive) {
        return Flyway.configure().dataSource(archive).locations("classpath:db/two-data-jdbc/archive").load();
    }
}

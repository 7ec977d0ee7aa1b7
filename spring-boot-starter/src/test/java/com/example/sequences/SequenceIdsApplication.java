package com.example.sequences;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.repository.config.EnableJdbcRepositories;
import org.springframework.data.relational.core.mapping.Sequence;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.data.repository.CrudRepository;

/**
 * A Spring Data JDBC application whose ids come from sequences it names itself ({@code @Sequence},
 * Spring Data Relational 3.5 and later): Spring Data JDBC calls {@code nextval} before each insert,
 * so the catalog links those sequences to no column.
 */
@SpringBootApplication
@EnableJdbcRepositories(considerNestedRepositories = true)
public class SequenceIdsApplication {

    /** Ids from {@code invoice_numbers}, a sequence of its own. */
    @Table("invoices")
    public static class Invoice {
        @Id
        @Sequence("invoice_numbers")
        public Long id;
        public String customer;
    }

    /** The application's invoices. */
    public interface Invoices extends CrudRepository<Invoice, Long> {
    }
}

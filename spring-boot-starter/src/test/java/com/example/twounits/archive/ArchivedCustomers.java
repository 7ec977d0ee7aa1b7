package com.example.twounits.archive;

import com.example.twounits.CustomerColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * The archive's customers: a table and a sequence of the same names as the shop's
 * ({@code customers}, {@code customers_seq}), in another database, with other rows.
 */
public interface ArchivedCustomers extends JpaRepository<ArchivedCustomers.ArchivedCustomer, Long> {

    /** A customer moved to the archive. */
    @Entity
    @Table(name = "customers")
    class ArchivedCustomer extends CustomerColumns {
    }
}

package com.example.twounits.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.data.jpa.repository.JpaRepository;

/** The shop's invoices ({@code invoices_seq}); the archive has a sequence of that name that nothing uses. */
public interface Invoices extends JpaRepository<Invoices.Invoice, Long> {

    /** An invoice of the shop. */
    @Entity
    @Table(name = "invoices")
    class Invoice {
        @Id
        @GeneratedValue
        public Long id;
    }
}

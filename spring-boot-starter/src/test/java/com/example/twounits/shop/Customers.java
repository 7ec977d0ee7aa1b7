package com.example.twounits.shop;

import com.example.twounits.CustomerColumns;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.springframework.data.jpa.repository.JpaRepository;

/** The shop's customers, ids from Hibernate's default generator ({@code customers_seq}, INCREMENT 50). */
public interface Customers extends JpaRepository<Customers.Customer, Long> {

    /** A customer of the shop. */
    @Entity
    @Table(name = "customers")
    class Customer extends CustomerColumns {
    }
}

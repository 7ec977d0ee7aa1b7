package com.example.jpa;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * A Spring Data JPA application as Spring Initializr makes one, with the starter and nothing else
 * of ours: entities with Hibernate's default generator and a named one, a JOINED hierarchy, and a
 * Flyway migration that loads rows with explicit ids; and one entity with an identity column.
 */
@SpringBootApplication
@EnableJpaRepositories(considerNestedRepositories = true)
public class JpaApplication {

    /** Hibernate's default: {@code customers_seq}, INCREMENT 50, optimizer pooled. */
    @Entity
    @Table(name = "customers")
    public static class Customer {
        @Id
        @GeneratedValue
        public Long id;
        public String name;
    }

    /** A named sequence of allocation size 1. */
    @Entity
    @Table(name = "order_lines")
    public static class OrderLine {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_line_ids")
        @SequenceGenerator(name = "order_line_ids", sequenceName = "order_line_ids", allocationSize = 1)
        public Long id;
    }

    /** JOINED: ids in the root table. */
    @Entity
    @Table(name = "payments")
    @Inheritance(strategy = InheritanceType.JOINED)
    public static class Payment {
        @Id
        @GeneratedValue
        public Long id;
    }

    /** A subclass with a table of its own. */
    @Entity
    @Table(name = "card_payments")
    public static class CardPayment extends Payment {
        public String last4;
    }

    /** Ids from the table's identity column ({@code GenerationType.IDENTITY}), not from Hibernate. */
    @Entity
    @Table(name = "tickets")
    public static class Ticket {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
    }

    /** Spring Data repositories, as the application persists through them. */
    public interface Customers extends JpaRepository<Customer, Long> {
    }

    /** The order lines. */
    public interface OrderLines extends JpaRepository<OrderLine, Long> {
    }

    /** The payments, card payments among them. */
    public interface Payments extends JpaRepository<Payment, Long> {
    }

    /** The tickets. */
    public interface Tickets extends JpaRepository<Ticket, Long> {
    }
}

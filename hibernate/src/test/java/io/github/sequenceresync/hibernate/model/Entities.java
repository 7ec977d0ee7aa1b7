package io.github.sequenceresync.hibernate.model;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.util.List;
import java.util.UUID;

/**
 * The entity shapes whose ids come from a sequence, one class each, as applications map them. The
 * catalog links none of these sequences to a column.
 */
public final class Entities {

    private Entities() {
    }

    /** Every entity class, for a session factory's configuration. */
    public static final List<Class<?>> ALL = List.of(
            Customer.class, OrderLine.class, Invoice.class, Parcel.class, Letter.class, Vehicle.class, Car.class,
            Payment.class, CardPayment.class, Animal.class, Dog.class, Cat.class, Author.class, Book.class,
            OddItem.class, Ticket.class, Token.class, Receipt.class);

    /** Hibernate's default: a sequence of its own named after the table, {@code customers_seq}, INCREMENT 50. */
    @Entity
    @Table(name = "customers")
    public static class Customer {
        @Id
        @GeneratedValue
        public Long id;
        public String name;
    }

    /** A named sequence of allocation size 1: each value is an id. */
    @Entity
    @Table(name = "order_lines")
    public static class OrderLine {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "order_line_ids")
        @SequenceGenerator(name = "order_line_ids", sequenceName = "order_line_ids", allocationSize = 1)
        public Long id;
    }

    /** Another schema, another allocation size. */
    @Entity
    @Table(schema = "billing", name = "invoice")
    public static class Invoice {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_ids")
        @SequenceGenerator(name = "invoice_ids", schema = "billing", sequenceName = "invoice_ids", allocationSize = 20)
        public Long id;
    }

    /** One sequence two entities (and their two tables) take ids from, each through a generator of its own. */
    @Entity
    @Table(name = "parcels")
    public static class Parcel {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "parcel_ids")
        @SequenceGenerator(name = "parcel_ids", sequenceName = "mail_ids", allocationSize = 10)
        public Long id;
    }

    /** Takes its ids from the sequence {@link Parcel} uses. */
    @Entity
    @Table(name = "letters")
    public static class Letter {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "letter_ids")
        @SequenceGenerator(name = "letter_ids", sequenceName = "mail_ids", allocationSize = 10)
        public Long id;
    }

    /** SINGLE_TABLE: one table for the hierarchy. */
    @Entity(name = "Vehicle")
    @Table(name = "vehicles")
    @Inheritance(strategy = InheritanceType.SINGLE_TABLE)
    public static class Vehicle {
        @Id
        @GeneratedValue
        public Long id;
    }

    /** A subclass in its parent's table. */
    @Entity(name = "Car")
    public static class Car extends Vehicle {
        public Integer doors;
    }

    /** JOINED: the root's table holds every id; subclass tables share them. */
    @Entity
    @Table(name = "payments")
    @Inheritance(strategy = InheritanceType.JOINED)
    public static class Payment {
        @Id
        @GeneratedValue
        public Long id;
    }

    /** A subclass with a table of its own, keyed by the root's id. */
    @Entity
    @Table(name = "card_payments")
    public static class CardPayment extends Payment {
        public String last4;
    }

    /**
     * TABLE_PER_CLASS: no table for the abstract root; each concrete class's table takes ids from one
     * sequence, named after the root entity ({@code Animal_SEQ}).
     */
    @Entity(name = "Animal")
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    public abstract static class Animal {
        @Id
        @GeneratedValue
        public Long id;
    }

    /** A concrete class of its own table. */
    @Entity
    @Table(name = "dogs")
    public static class Dog extends Animal {
    }

    /** Another. */
    @Entity
    @Table(name = "cats")
    public static class Cat extends Animal {
    }

    /** Ids declared once for unrelated entities. */
    @MappedSuperclass
    public abstract static class Base {
        @Id
        @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "base_ids")
        @SequenceGenerator(name = "base_ids", sequenceName = "base_ids", allocationSize = 50)
        public Long id;
    }

    /** One user of {@link Base}. */
    @Entity
    @Table(name = "authors")
    public static class Author extends Base {
    }

    /** Another. */
    @Entity
    @Table(name = "books")
    public static class Book extends Base {
    }

    /** A table whose name needs quotes and is unlike the entity's. */
    @Entity
    @Table(name = "\"Odd Items\"")
    public static class OddItem {
        @Id
        @GeneratedValue
        public Long id;
    }

    /** IDENTITY: the catalog links it; nothing for the Hibernate links. */
    @Entity
    @Table(name = "tickets")
    public static class Ticket {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        public Long id;
    }

    /** GenerationType.TABLE: ids from a row of hibernate_sequences, not a sequence: a warning, left alone. */
    @Entity
    @Table(name = "receipts")
    public static class Receipt {
        @Id
        @GeneratedValue(strategy = GenerationType.TABLE)
        public Long id;
    }

    /** UUID ids: no sequence at all. */
    @Entity
    @Table(name = "tokens")
    public static class Token {
        @Id
        @GeneratedValue(strategy = GenerationType.UUID)
        public UUID id;
    }
}

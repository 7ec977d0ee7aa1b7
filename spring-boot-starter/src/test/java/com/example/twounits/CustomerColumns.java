package com.example.twounits;

import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/** The columns of a {@code customers} table in either database: ids from Hibernate's default generator. */
@MappedSuperclass
public abstract class CustomerColumns {
    @Id
    @GeneratedValue
    public Long id;
    public String name;
}

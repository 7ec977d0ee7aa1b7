package io.github.sequenceresync.testing;

import java.util.List;

/**
 * Two tenants of a multi-tenant application, a schema each, as a Flyway per tenant leaves them
 * after a load with explicit ids: the same table and Hibernate-default sequence
 * ({@code customers_seq}, INCREMENT 50, linked to no column) in each, loaded up to different ids.
 */
public final class Tenants {

    /** The tenants, as the application's tenant resolver names them: also their schemas. */
    public static final List<String> NAMES = List.of("tenant_a", "tenant_b");

    /** The highest id loaded in {@code tenant_a}. */
    public static final long A_LOADED = 700;
    /** The highest id loaded in {@code tenant_b}, above anything {@code tenant_a}'s sequence should reach. */
    public static final long B_LOADED = 2000;

    private Tenants() {
    }

    /** (Re)makes both tenants' schemas in {@code db}, loaded, their sequences never called. */
    public static void load(TestDatabase db) {
        for (String tenant : NAMES) {
            db.execute("""
                    DROP SCHEMA IF EXISTS %1$s CASCADE;
                    CREATE SCHEMA %1$s;
                    CREATE TABLE %1$s.customers (id bigint PRIMARY KEY, name varchar(255));
                    CREATE SEQUENCE %1$s.customers_seq INCREMENT 50;
                    INSERT INTO %1$s.customers (id, name) VALUES (%2$d, 'loaded');
                    """.formatted(tenant, tenant.equals("tenant_a") ? A_LOADED : B_LOADED));
        }
    }
}

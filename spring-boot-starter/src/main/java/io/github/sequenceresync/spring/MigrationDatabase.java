package io.github.sequenceresync.spring;

import java.util.Optional;
import javax.sql.DataSource;

/**
 * The database Flyway or Liquibase migrated, for an application that has no DataSource of its own
 * (R2DBC): Spring Boot runs them through JDBC on a URL of their own. An interface so that its users
 * load neither Flyway's nor Liquibase's classes.
 */
@FunctionalInterface
interface MigrationDatabase {

    /** Where the migration ran, if one did. */
    Optional<Target> target();

    /**
     * @param defaultSchema the schema the migration took unqualified names in (Flyway's default
     *                      schema or first schema, Liquibase's default schema); null: the connection's
     */
    record Target(DataSource dataSource, String defaultSchema) {
    }
}

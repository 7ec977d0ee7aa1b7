package io.github.sequenceresync.spring;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The databases Flyway or Liquibase migrated, and how: for an application that has no DataSource of
 * its own (R2DBC), where Spring Boot runs them through JDBC on a URL of their own, and for one whose
 * migration connects as a role of its own ({@code spring.flyway.user}, {@code spring.liquibase.user}),
 * the role that loaded the data and may set the sequences the application's role may only use. An
 * interface so that its users load neither Flyway's nor Liquibase's classes.
 */
@FunctionalInterface
interface MigrationDatabase {

    /**
     * Where the migrations ran, one per Flyway or Liquibase bean with a DataSource, in the beans'
     * order: an application with several databases may migrate each with a Flyway of its own.
     */
    List<Target> targets();

    /**
     * @param defaultSchema the schema the migration took unqualified names in (Flyway's default
     *                      schema or first schema, Liquibase's default schema); null: the connection's
     * @param own           whether Spring Boot built the DataSource for the migration alone (from
     *                      {@code spring.flyway.url}, {@code user} or {@code password}), no bean of the context
     */
    record Target(DataSource dataSource, String defaultSchema, boolean own) {
    }

    /**
     * The DataSource a migration built for itself on the database {@code application} connects to,
     * if there is one (of several databases, the one of that database's migration): where the resyncs of the sequences only a mapping links (Hibernate's, Spring
     * Data's) run, as the migration's role. Same database: the same name on the same running server
     * (its start time), whatever route each takes to it (a pooler, a host name), and the same schemas
     * on the search path, so that the mapping's unqualified names find the same tables there.
     */
    static Optional<DataSource> ownOn(ObjectProvider<MigrationDatabase> migrations, DataSource application) {
        List<DataSource> own = migrations.orderedStream().flatMap(m -> m.targets().stream()).filter(Target::own)
                .map(Target::dataSource).filter(dataSource -> dataSource != application).distinct().toList();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> database = identity(application);
        return database.isEmpty() ? Optional.empty()
                : own.stream().filter(dataSource -> identity(dataSource).equals(database)).findFirst();
    }

    /**
     * The database's name, its server's start time and the schemas unqualified names resolve in,
     * or empty when it cannot say (not PostgreSQL).
     */
    private static Optional<String> identity(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_catalog.current_database() || ' '"
                                               + " || pg_catalog.pg_postmaster_start_time() || ' '"
                                               + " || pg_catalog.current_schemas(false)::text")) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // a pool with auto-commit off gets its connection back as it gave it
                }
            }
        } catch (SQLException notPostgres) {
            return Optional.empty();
        }
    }
}

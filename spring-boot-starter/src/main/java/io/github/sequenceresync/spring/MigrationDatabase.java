package io.github.sequenceresync.spring;

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
     * if there is one (of several databases, the one of that database's migration): where the resyncs
     * of the sequences only a mapping links (Hibernate's, Spring Data's) run, as the migration's role.
     * Same database and the same schemas on the search path ({@link DatabaseIdentity}), so that the
     * mapping's unqualified names find the same tables there.
     */
    static Optional<DataSource> ownOn(ObjectProvider<MigrationDatabase> migrations, DataSource application) {
        List<DataSource> own = migrations.orderedStream().flatMap(m -> m.targets().stream()).filter(Target::own)
                .map(Target::dataSource).filter(dataSource -> dataSource != application).distinct().toList();
        if (own.isEmpty()) {
            return Optional.empty();
        }
        Optional<DatabaseIdentity> database = DatabaseIdentity.of(application);
        return database.isEmpty() ? Optional.empty()
                : own.stream().filter(dataSource -> DatabaseIdentity.of(dataSource).equals(database)).findFirst();
    }
}

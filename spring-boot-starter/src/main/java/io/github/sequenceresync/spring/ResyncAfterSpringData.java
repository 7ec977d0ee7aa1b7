package io.github.sequenceresync.spring;

import io.github.sequenceresync.ColumnMapping;
import io.github.sequenceresync.ResyncOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.relational.core.dialect.PostgresDialect;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.SqlIdentifier;

/**
 * Resyncs the sequences of Spring Data JDBC's and Spring Data R2DBC's {@code @Sequence} ids (Spring
 * Data Relational 3.5 and later), which the catalog links to no column: Spring Data calls
 * {@code nextval} itself before each insert. Once every singleton exists (Flyway and Liquibase have
 * run, the repositories have registered their entities) and before the application takes traffic,
 * each such id is linked to its table and column as the mapping names them, and only those
 * sequences are resynced: on the application's DataSource (as the migration's role when Flyway or
 * Liquibase migrated it as one of their own, see {@link MigrationDatabase}); with several, on each
 * for the entities whose tables it has; or, in an application without one (R2DBC), on the database
 * its Flyway or Liquibase migrated through JDBC.
 */
final class ResyncAfterSpringData implements SmartInitializingSingleton, MappedSequences {

    /** How Spring Data writes names for PostgreSQL: quoted ones exactly, unquoted ones folded. */
    private static final IdentifierProcessing NAMES = PostgresDialect.INSTANCE.getIdentifierProcessing();

    private final ObjectProvider<RelationalMappingContext> mappings;
    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<MigrationDatabase> migrated;
    private final ObjectProvider<SequenceResyncProperties> properties;
    private final ObjectProvider<SequenceResyncReports> reports;

    ResyncAfterSpringData(ObjectProvider<RelationalMappingContext> mappings, ObjectProvider<DataSource> dataSource,
                          ObjectProvider<MigrationDatabase> migrated, ObjectProvider<SequenceResyncProperties> properties,
                          ObjectProvider<SequenceResyncReports> reports) {
        this.mappings = mappings;
        this.dataSource = dataSource;
        this.migrated = migrated;
        this.properties = properties;
        this.reports = reports;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<DataSource> all = dataSource.orderedStream().toList();
        if (all.size() > 1) {
            resyncEach(all);
            return;
        }
        DataSource application = dataSource.getIfUnique();
        if (application != null) {
            // names as the application's connection resolves them; as the migration's role when it has one
            resync(links(null), () -> MigrationDatabase.ownOn(migrated, application).orElse(application),
                    "spring data jdbc");
            return;
        }
        // no DataSource (R2DBC): on the database Flyway or Liquibase migrated through JDBC, unqualified
        // names in its schema, as it took them (nothing migrated: no rows with explicit ids to follow)
        migrated.orderedStream().flatMap(m -> m.targets().stream()).findFirst().ifPresent(target ->
                resync(links(target.defaultSchema()), target::dataSource, "spring data r2dbc"));
    }

    /**
     * Several DataSources (several databases, one mapping): each entity's table is in one of them, so
     * each database is resynced for the links whose tables it has, as the role that migrated it when
     * that was one of its own; the primary first. A link whose table none has is left to the primary
     * (or the first), whose report notes it, once.
     */
    private void resyncEach(List<DataSource> all) {
        List<ColumnMapping> links = links(null);
        if (links.isEmpty()) {
            return;
        }
        List<DataSource> databases = new ArrayList<>(all);
        DataSource primary = dataSource.getIfUnique();
        if (primary != null) {
            databases.remove(primary);
            databases.add(0, primary);
        }
        Set<DatabaseIdentity> seen = new HashSet<>();
        Set<ColumnMapping> placed = new HashSet<>();
        for (DataSource database : databases) {
            Optional<DatabaseIdentity> identity = DatabaseIdentity.of(database);
            if (identity.isPresent() && seen.add(identity.get())) {
                List<ColumnMapping> here = withTables(database, links);
                placed.addAll(here);
                resync(here, () -> MigrationDatabase.ownOn(migrated, database).orElse(database), "spring data jdbc");
            }
        }
        List<ColumnMapping> nowhere = links.stream().filter(link -> !placed.contains(link)).toList();
        resync(nowhere, () -> MigrationDatabase.ownOn(migrated, databases.get(0)).orElse(databases.get(0)),
                "spring data jdbc");
    }

    /**
     * The links whose table the database has, resolved as the resync resolves it: on its connection,
     * with its search_path ({@code to_regclass}, NULL for a table that does not exist).
     */
    private static List<ColumnMapping> withTables(DataSource database, List<ColumnMapping> links) {
        List<ColumnMapping> here = new ArrayList<>();
        try (Connection connection = database.getConnection();
             PreparedStatement ps = connection.prepareStatement("SELECT pg_catalog.to_regclass(?) IS NOT NULL")) {
            try {
                for (ColumnMapping link : links) {
                    ps.setString(1, link.table());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            here.add(link);
                        }
                    }
                }
            } finally {
                if (!connection.getAutoCommit()) {
                    connection.rollback(); // a pool with auto-commit off gets its connection back as it gave it
                }
            }
        } catch (SQLException e) {
            // not PostgreSQL, or not reachable: the resync there says so, as on one database
            return links;
        }
        return here;
    }

    private void resync(List<ColumnMapping> links, Supplier<DataSource> on, String after) {
        if (links.isEmpty()) {
            return;
        }
        SequenceResyncProperties settings = properties.getObject();
        ResyncOptions options = withLinks(links, settings.options().toBuilder().mappedSequencesOnly(true).build());
        DataSourceResync.run(on.get(), options, this, after, settings, reports.getObject());
    }

    @Override
    public ResyncOptions withLinks(ResyncOptions options) {
        return withLinks(links(null), options);
    }

    private static ResyncOptions withLinks(List<ColumnMapping> links, ResyncOptions options) {
        ResyncOptions.Builder builder = options.toBuilder();
        links.forEach(builder::columnMapping);
        return builder.build();
    }

    /** Of every mapping context (Spring Data JDBC's, R2DBC's). */
    private List<ColumnMapping> links(String defaultSchema) {
        return mappings.orderedStream().flatMap(mapping -> links(mapping, defaultSchema).stream()).distinct().toList();
    }

    /**
     * Every entity's id that takes its values from a sequence, as a link to its table and column.
     *
     * @param defaultSchema the schema of names the mapping does not qualify; null: the connection's search_path
     */
    static List<ColumnMapping> links(RelationalMappingContext mapping, String defaultSchema) {
        return mapping.getPersistentEntities().stream()
                .filter(entity -> entity.getIdProperty() != null && entity.getIdProperty().hasSequence())
                .map(entity -> {
                    RelationalPersistentProperty id = entity.getRequiredIdProperty();
                    return ColumnMapping.linked(name(id.getSequence(), defaultSchema),
                            name(entity.getQualifiedTableName(), defaultSchema), id.getColumnName().getReference(),
                            "Spring Data entity " + entity.getName(), 0);
                })
                .toList();
    }

    /** As SQL, in {@code defaultSchema} when it names no schema of its own (one part). */
    private static String name(SqlIdentifier name, String defaultSchema) {
        return defaultSchema == null || name.stream().count() > 1 ? name.toSql(NAMES)
                : SqlIdentifier.from(SqlIdentifier.quoted(defaultSchema), name).toSql(NAMES);
    }
}

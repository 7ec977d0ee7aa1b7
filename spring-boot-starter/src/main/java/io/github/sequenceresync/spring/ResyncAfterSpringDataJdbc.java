package io.github.sequenceresync.spring;

import io.github.sequenceresync.ColumnMapping;
import io.github.sequenceresync.ResyncOptions;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.relational.core.dialect.PostgresDialect;
import org.springframework.data.relational.core.mapping.RelationalMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;
import org.springframework.data.relational.core.sql.IdentifierProcessing;

/**
 * Resyncs the sequences of Spring Data JDBC's {@code @Sequence} ids (Spring Data Relational 3.5 and
 * later), which the catalog links to no column: Spring Data JDBC calls {@code nextval} itself before
 * each insert. Once every singleton exists (Flyway and Liquibase have run, the repositories have
 * registered their entities) and before the application takes traffic, each such id is linked to
 * its table and column as the mapping names them, and only those sequences are resynced, on the
 * application's DataSource.
 */
final class ResyncAfterSpringDataJdbc implements SmartInitializingSingleton, MappedSequences {

    /** How Spring Data JDBC writes names for PostgreSQL: quoted ones exactly, unquoted ones folded. */
    private static final IdentifierProcessing NAMES = PostgresDialect.INSTANCE.getIdentifierProcessing();

    private final ObjectProvider<RelationalMappingContext> mappings;
    private final ObjectProvider<DataSource> dataSource;
    private final ObjectProvider<SequenceResyncProperties> properties;
    private final ObjectProvider<SequenceResyncReports> reports;

    ResyncAfterSpringDataJdbc(ObjectProvider<RelationalMappingContext> mappings, ObjectProvider<DataSource> dataSource,
                              ObjectProvider<SequenceResyncProperties> properties,
                              ObjectProvider<SequenceResyncReports> reports) {
        this.mappings = mappings;
        this.dataSource = dataSource;
        this.properties = properties;
        this.reports = reports;
    }

    @Override
    public void afterSingletonsInstantiated() {
        RelationalMappingContext mapping = mappings.getIfUnique();
        DataSource db = dataSource.getIfUnique();
        if (mapping == null || db == null) {
            return;
        }
        List<ColumnMapping> links = links(mapping);
        if (links.isEmpty()) {
            return;
        }
        SequenceResyncProperties settings = properties.getObject();
        ResyncOptions options = withLinks(links, settings.options().toBuilder().mappedSequencesOnly(true).build());
        String after = "spring data jdbc";
        DataSourceResync.run(db, settings.isFailOnOtherDatabase(), options, after)
                .ifPresent(report -> reports.getObject().add(mapping, after, report));
    }

    @Override
    public ResyncOptions withLinks(ResyncOptions options) {
        RelationalMappingContext mapping = mappings.getIfUnique();
        return mapping == null ? options : withLinks(links(mapping), options);
    }

    private static ResyncOptions withLinks(List<ColumnMapping> links, ResyncOptions options) {
        ResyncOptions.Builder builder = options.toBuilder();
        links.forEach(builder::columnMapping);
        return builder.build();
    }

    /** Every entity's id that takes its values from a sequence, as a link to its table and column. */
    static List<ColumnMapping> links(RelationalMappingContext mapping) {
        List<ColumnMapping> links = new ArrayList<>();
        for (RelationalPersistentEntity<?> entity : mapping.getPersistentEntities()) {
            RelationalPersistentProperty id = entity.getIdProperty();
            if (id != null && id.hasSequence()) {
                links.add(ColumnMapping.linked(id.getSequence().toSql(NAMES), entity.getQualifiedTableName().toSql(NAMES),
                        id.getColumnName().getReference(), "Spring Data JDBC entity " + entity.getName(), 0));
            }
        }
        return links;
    }
}

package io.github.sequenceresync.hibernate;

import io.github.sequenceresync.ColumnMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.generator.Generator;
import org.hibernate.id.enhanced.DatabaseStructure;
import org.hibernate.id.enhanced.NoopOptimizer;
import org.hibernate.id.enhanced.Optimizer;
import org.hibernate.id.enhanced.PooledLoOptimizer;
import org.hibernate.id.enhanced.PooledLoThreadLocalOptimizer;
import org.hibernate.id.enhanced.PooledOptimizer;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.hibernate.id.enhanced.TableGenerator;
import org.hibernate.metamodel.mapping.TableDetails;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.UnionSubclassEntityPersister;

/**
 * The links Hibernate's own mapping model gives and the PostgreSQL catalog does not record: each
 * entity whose id comes from a sequence ({@code @GeneratedValue}, Hibernate's default
 * {@code <table>_seq} or a {@code @SequenceGenerator}), the table and id column it fills, and how
 * its optimizer turns a value of {@code nextval} into ids.
 * <ul>
 * <li>Tables: an entity hierarchy's root table (SINGLE_TABLE and JOINED: subclasses share its
 * ids), and each concrete class's own table under TABLE_PER_CLASS; entities that only share a
 * {@code @MappedSuperclass} or a generator are roots of their own.</li>
 * <li>Optimizers: "pooled" (Hibernate's default for an allocation size above 1) hands out
 * {@code v - size + 1 .. v} for a value v, so the next value must lie a whole pool past the data;
 * "pooled-lo" hands out {@code v .. v + size - 1} and "none" v itself, the usual rule. For "hilo",
 * "legacy-hilo" or a custom optimizer the ids depend on state in the running application: the
 * sequence is reported as a problem naming the entity and left alone.</li>
 * </ul>
 * Entities with IDENTITY ids need nothing here (the catalog links their columns) and UUID ids no
 * resync; a table-backed generator ({@code @TableGenerator}) keeps its next value in a table, not a
 * sequence: it is left alone, and {@link #fromTables} names it for a warning.
 */
public final class HibernateLinks {

    private HibernateLinks() {
    }

    /** Every link of the session factory's sequence-based id generators, one per sequence and table. */
    public static List<ColumnMapping> of(SessionFactory sessionFactory) {
        SessionFactoryImplementor factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
        SqlStringGenerationContext names = factory.getSqlStringGenerationContext();
        Map<String, ColumnMapping> links = new LinkedHashMap<>();
        factory.getMappingMetamodel().forEachEntityDescriptor(entity -> {
            Generator generator = entity.getGenerator();
            if (!(generator instanceof SequenceStyleGenerator sequenceStyle) || !fillsItsOwnTable(entity)) {
                return;
            }
            DatabaseStructure structure = sequenceStyle.getDatabaseStructure();
            if (!structure.isPhysicalSequence()) {
                return; // a table that emulates a sequence
            }
            TableDetails table = entity.getMappedTableDetails();
            if (table.getKeyDetails().getColumnCount() != 1) {
                return;
            }
            String sequence = names.format(structure.getPhysicalName());
            String column = unquote(table.getKeyDetails().getKeyColumn(0).getColumnName());
            ColumnMapping link = link(sequence, table.getTableName(), column, entity.getEntityName(),
                    sequenceStyle.getOptimizer());
            links.putIfAbsent(sequence + "=" + table.getTableName() + "." + column, link);
        });
        return new ArrayList<>(links.values());
    }

    /**
     * The entities whose ids come from a row of a table, not a sequence ({@code @TableGenerator},
     * {@code GenerationType.TABLE}, a sequence generator Hibernate emulates with a table), each as
     * a warning says it: rows loaded with explicit ids leave that row behind too, and a resync of
     * sequences cannot move it.
     */
    public static List<String> fromTables(SessionFactory sessionFactory) {
        SessionFactoryImplementor factory = sessionFactory.unwrap(SessionFactoryImplementor.class);
        SqlStringGenerationContext names = factory.getSqlStringGenerationContext();
        List<String> entities = new ArrayList<>();
        factory.getMappingMetamodel().forEachEntityDescriptor(entity -> {
            if (!fillsItsOwnTable(entity)) {
                return;
            }
            String where = null;
            if (entity.getGenerator() instanceof TableGenerator table) {
                where = "table " + table.getTableName() + " (" + table.getValueColumnName() + " of row '"
                        + table.getSegmentValue() + "')";
            } else if (entity.getGenerator() instanceof SequenceStyleGenerator sequenceStyle
                       && !sequenceStyle.getDatabaseStructure().isPhysicalSequence()) {
                where = "table " + names.format(sequenceStyle.getDatabaseStructure().getPhysicalName());
            }
            if (where != null) {
                entities.add("Hibernate entity " + entity.getEntityName() + " takes its ids from " + where);
            }
        });
        return entities;
    }

    /**
     * Whether the entity's own mapped table holds the ids its generator hands out: the root of a
     * hierarchy, or a concrete class under TABLE_PER_CLASS (whose abstract root has no table).
     */
    private static boolean fillsItsOwnTable(EntityPersister entity) {
        if (entity instanceof UnionSubclassEntityPersister) {
            return !entity.isAbstract();
        }
        return entity.getEntityName().equals(entity.getRootEntityName());
    }

    private static ColumnMapping link(String sequence, String table, String column, String entity,
                                      Optimizer optimizer) {
        int size = optimizer.getIncrementSize();
        if (optimizer instanceof PooledOptimizer) {
            return ColumnMapping.linked(sequence, table, column,
                    "Hibernate entity " + entity + " (optimizer pooled, allocation size " + size + ")", size);
        }
        if (optimizer instanceof PooledLoOptimizer || optimizer instanceof PooledLoThreadLocalOptimizer) {
            return ColumnMapping.linked(sequence, table, column,
                    "Hibernate entity " + entity + " (optimizer pooled-lo, allocation size " + size + ")", 1);
        }
        if (optimizer instanceof NoopOptimizer) {
            return ColumnMapping.linked(sequence, table, column, "Hibernate entity " + entity, 0);
        }
        String name = optimizer.getClass().getSimpleName();
        return ColumnMapping.unsupported(sequence, table, column, "Hibernate entity " + entity,
                "its id optimizer " + name + " (allocation size " + size + ") makes ids from state held in the"
                + " running application, so no next value can be computed from the data; use pooled or pooled-lo"
                + " (hibernate.id.optimizer.pooled.preferred), or exclude the sequence and set it by hand");
    }

    /** A column name as PostgreSQL stores it: quoted names as written, unquoted ones folded to lower case. */
    static String unquote(String name) {
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\"")) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        if (name.length() > 1 && name.startsWith("`") && name.endsWith("`")) {
            return name.substring(1, name.length() - 1);
        }
        return name.toLowerCase(java.util.Locale.ROOT);
    }
}

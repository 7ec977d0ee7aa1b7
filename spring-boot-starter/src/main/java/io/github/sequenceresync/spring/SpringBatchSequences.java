package io.github.sequenceresync.spring;

import io.github.sequenceresync.LinkRule;
import java.util.List;
import java.util.Locale;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The sequences Spring Batch's JDBC job repository takes its ids from, which the catalog links to no
 * column: Spring Batch calls {@code nextval} itself and writes the value into its tables. After a
 * data migration that brings job history with its ids, they would stay behind, and the next job
 * launch would fail on {@code batch_job_instance_pkey}.
 * <p>
 * Two naming rules link them, in any schema the resync covers, whatever the Spring Batch version:
 * {@code P{table}_seq -> P{table}.{table}_id} ({@code batch_job_execution_seq},
 * {@code batch_step_execution_seq}, and Spring Batch 6's {@code batch_job_instance_seq}) and
 * {@code P{table}_seq -> P{table}_instance.{table}_instance_id} (Spring Batch 5's
 * {@code batch_job_seq}). A rule whose table or column does not exist links nothing, silently, so
 * an application with Spring Batch on the classpath but no JDBC job repository sees nothing.
 */
final class SpringBatchSequences {

    /** In Spring Batch 5 and 6 alike. */
    private static final String JOB_REPOSITORY = "org.springframework.batch.core.repository.JobRepository";

    /** Spring Boot's property for Spring Batch's table prefix (3.5 and 4.x). */
    static final String TABLE_PREFIX = "spring.batch.jdbc.table-prefix";

    /** Spring Batch's own default. */
    private static final String DEFAULT_TABLE_PREFIX = "BATCH_";

    private SpringBatchSequences() {
    }

    /** The link rules for the application's Spring Batch tables; none without Spring Batch. */
    static List<LinkRule> linkRules(Environment environment) {
        if (!ClassUtils.isPresent(JOB_REPOSITORY, SpringBatchSequences.class.getClassLoader())) {
            return List.of();
        }
        String prefix = environment.getProperty(TABLE_PREFIX, DEFAULT_TABLE_PREFIX);
        // Spring Batch writes prefix + name unquoted, which PostgreSQL folds to lower case; a schema in
        // the prefix is the schema's business (a rule links within the sequence's own schema)
        prefix = prefix.substring(prefix.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String sequence = prefix + "{table}_seq";
        return List.of(new LinkRule(sequence, prefix + "{table}", "{table}_id"),
                new LinkRule(sequence, prefix + "{table}_instance", "{table}_instance_id"));
    }
}

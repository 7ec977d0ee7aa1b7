package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.SequenceResync;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.jdbc.Sql;
import org.springframework.test.context.jdbc.SqlConfig;
import org.springframework.test.context.jdbc.SqlGroup;
import org.springframework.test.context.jdbc.SqlScriptsTestExecutionListener;
import org.springframework.test.context.support.AbstractTestExecutionListener;
import org.springframework.test.context.transaction.TestContextTransactionUtils;

/**
 * In the application's tests: resyncs right after the scripts of a test's {@code @Sql} annotations
 * ran, which is how test data with explicit ids usually arrives, so that the test's own inserts get
 * the next free id. Spring's test framework finds it through {@code META-INF/spring.factories};
 * it does nothing where the starter is off or not in the test's context, and nothing on a database
 * that is not PostgreSQL (the application's start said so once).
 * <p>
 * Inside a test-managed transaction ({@code @Transactional}, {@code @DataJpaTest}) the scripts'
 * rows are not committed: the resync runs in that transaction, on its connection, and leaves it
 * open; the sequences it moves stay moved when the test rolls back (sequences are not
 * transactional), which only skips ids.
 */
public final class ResyncAfterSqlScripts extends AbstractTestExecutionListener {

    /** Right after Spring's {@link SqlScriptsTestExecutionListener}, which runs the scripts. */
    @Override
    public int getOrder() {
        return new SqlScriptsTestExecutionListener().getOrder() + 1;
    }

    @Override
    public void beforeTestClass(TestContext context) {
        if (scripts(context.getTestClass(), null).anyMatch(s -> s.executionPhase() == Sql.ExecutionPhase.BEFORE_TEST_CLASS)) {
            resync(context, null, "@Sql of " + context.getTestClass().getSimpleName());
        }
    }

    @Override
    public void beforeTestMethod(TestContext context) {
        Method method = context.getTestMethod();
        if (scripts(context.getTestClass(), method).anyMatch(s -> s.executionPhase() == Sql.ExecutionPhase.BEFORE_TEST_METHOD)) {
            resync(context, method, "@Sql of " + context.getTestClass().getSimpleName() + "." + method.getName());
        }
    }

    /**
     * The test's {@code @Sql} annotations: the method's and its class's (enclosing classes', for
     * {@code @Nested} ones). Both, whatever {@code @SqlMergeMode} says: a resync too many costs time only.
     */
    private static Stream<Sql> scripts(Class<?> testClass, Method method) {
        Stream<Sql> onClass = TestContextAnnotationUtils.getMergedRepeatableAnnotations(testClass, Sql.class).stream();
        return method == null ? onClass
                : Stream.concat(AnnotatedElementUtils.getMergedRepeatableAnnotations(method, Sql.class, SqlGroup.class)
                        .stream(), onClass);
    }

    private static void resync(TestContext context, Method method, String after) {
        ApplicationContext application = context.getApplicationContext();
        SequenceResyncProperties settings = application.getBeanProvider(SequenceResyncProperties.class).getIfAvailable();
        SequenceResyncReports reports = application.getBeanProvider(SequenceResyncReports.class).getIfAvailable();
        if (settings == null || reports == null) {
            return;
        }
        // and the sequences of Hibernate's id generators and Spring Data's @Sequence ids,
        // linked as their mappings link them
        ResyncOptions options = settings.options();
        for (MappedSequences mapped : application.getBeanProvider(MappedSequences.class).orderedStream().toList()) {
            options = mapped.withLinks(options);
        }
        for (DataSource dataSource : dataSources(context, method)) {
            // the scripts' connection: the test transaction's, when there is one
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                if (SequenceResync.notPostgres(connection).isEmpty()) {
                    reports.log(DataSourceResync.run(connection,
                            DataSourceUtils.isConnectionTransactional(connection, dataSource), options), after, dataSource);
                }
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        }
    }

    /** The DataSources the scripts ran on: those their {@code @SqlConfig} names, the test's one for "". */
    private static Set<DataSource> dataSources(TestContext context, Method method) {
        Set<String> names = new LinkedHashSet<>();
        Stream.concat(scripts(context.getTestClass(), method).map(s -> s.config().dataSource()),
                        configOf(context.getTestClass()).map(SqlConfig::dataSource))
                .forEach(names::add);
        Set<DataSource> found = new LinkedHashSet<>();
        for (String name : names) {
            DataSource dataSource = TestContextTransactionUtils.retrieveDataSource(context, name.isEmpty() ? null : name);
            if (dataSource != null) {
                found.add(dataSource);
            }
        }
        return found;
    }

    private static Stream<SqlConfig> configOf(Class<?> testClass) {
        SqlConfig config = TestContextAnnotationUtils.findMergedAnnotation(testClass, SqlConfig.class);
        return config == null ? Stream.empty() : Stream.of(config);
    }
}

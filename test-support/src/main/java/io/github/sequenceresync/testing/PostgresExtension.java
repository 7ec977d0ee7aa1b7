package io.github.sequenceresync.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a fresh database on real PostgreSQL: the embedded server of the test run
 * (started once per JVM, version picked by {@code -Dpg.version}) or the existing server named by
 * {@code -Dpg.url}. Test constructors and methods receive it as a {@link TestDatabase} parameter.
 * The database is dropped when the class is done.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NAMESPACE)
                .getOrComputeIfAbsent("db", key -> new ClassDatabase(classContext), ClassDatabase.class)
                .database;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** The per-class database; JUnit closes it (drops the database) when the class is done. */
    @SuppressWarnings("deprecation") // CloseableResource keeps JUnit before 5.13 working
    private static final class ClassDatabase implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final TestDatabase database;

        ClassDatabase(ExtensionContext context) {
            String name = ("t_" + COUNTER.incrementAndGet() + "_"
                    + context.getRequiredTestClass().getSimpleName()).toLowerCase(Locale.ROOT);
            name = name.length() > 60 ? name.substring(0, 60) : name;
            this.database = TestDatabase.create(name);
        }

        @Override
        public void close() {
            // Tests may leave connections open; DROP DATABASE ... WITH (FORCE) needs PostgreSQL 13.
            database.drop();
        }
    }

    static void admin(PostgresServer server, String sql) {
        try (Connection c = server.connectAdmin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}

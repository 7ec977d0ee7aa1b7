package com.example;

import io.github.sequenceresync.testing.TestDatabase;
import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of its own on real PostgreSQL for a test slice class, made before Spring loads the
 * class's context (which it does before the test instance exists when an {@code @Sql} script runs
 * before the class) and dropped after Spring closed it ({@code @DirtiesContext}, or its pool would
 * reconnect). Declared with {@code @ExtendWith} on a superclass of the slice's test class, it comes
 * before the slice annotation's SpringExtension, and after it at the end.
 */
public final class SliceDatabase implements BeforeAllCallback, AfterAllCallback {

    /** The database of the class running now (test classes run one at a time). */
    private static TestDatabase current;

    /** The context's DataSource properties, read when Spring builds it. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> current.url());
        registry.add("spring.datasource.username", () -> current.user());
        registry.add("spring.datasource.password", () -> current.password() == null ? "" : current.password());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = TestDatabase.create("slice_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        current.drop();
        current = null;
    }
}

package io.github.sequenceresync.testing;

import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own on real PostgreSQL for a test class whose framework connects before the
 * test instance exists: Spring builds a test slice's context (and runs an {@code @Sql} script
 * before the class) from properties read at that time. Made before the class's other extensions run
 * and dropped after them when declared with {@code @ExtendWith} on a superclass of the test class
 * (so after Spring closed its context, with {@code @DirtiesContext}, or its pool would reconnect).
 */
public final class ClassDatabase implements BeforeAllCallback, AfterAllCallback {

    /** The database of the class running now (test classes run one at a time). */
    private static TestDatabase current;

    /** The database of the test class running now. */
    public static TestDatabase current() {
        if (current == null) {
            throw new IllegalStateException("no test class with @ExtendWith(ClassDatabase.class) is running");
        }
        return current;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        current = TestDatabase.create("class_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        current.drop();
        current = null;
    }
}

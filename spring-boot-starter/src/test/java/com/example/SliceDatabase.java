package com.example;

import io.github.sequenceresync.testing.ClassDatabase;
import io.github.sequenceresync.testing.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The DataSource properties of a test slice on the database {@link ClassDatabase} made for its class,
 * and of an application a test starts itself.
 */
public final class SliceDatabase {

    private SliceDatabase() {
    }

    /** The context's DataSource properties, read when Spring builds it. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> ClassDatabase.current().url());
        registry.add("spring.datasource.username", () -> ClassDatabase.current().user());
        registry.add("spring.datasource.password", () -> password(ClassDatabase.current()));
    }

    /** An application's DataSource properties: {@code url} (the database's, a pooler's) as the database's user. */
    public static String[] dataSource(TestDatabase db, String url) {
        return new String[] {"spring.datasource.url=" + url, "spring.datasource.username=" + db.user(),
                "spring.datasource.password=" + password(db)};
    }

    private static String password(TestDatabase db) {
        return db.password() == null ? "" : db.password();
    }
}

package com.example;

import io.github.sequenceresync.testing.ClassDatabase;
import io.github.sequenceresync.testing.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The DataSource properties of a test slice on the database {@link ClassDatabase} made for its class. */
public final class SliceDatabase {

    private SliceDatabase() {
    }

    /** The context's DataSource properties, read when Spring builds it. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> ClassDatabase.current().url());
        registry.add("spring.datasource.username", () -> ClassDatabase.current().user());
        registry.add("spring.datasource.password", () -> password(ClassDatabase.current()));
    }

    private static String password(TestDatabase db) {
        return db.password() == null ? "" : db.password();
    }
}

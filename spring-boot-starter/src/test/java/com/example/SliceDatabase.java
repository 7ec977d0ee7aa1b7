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

    /**
     * Least privilege in {@code schema}: the properties of an application that connects as a role that
     * may write the tables and use the sequences ({@code USAGE}: nextval) the migration creates
     * there, not set them, while Flyway and Liquibase migrate as the database's user
     * ({@code spring.flyway.user}, {@code spring.liquibase.user}).
     * Made once; the schema is the caller's to make first.
     */
    public static String[] applicationRoleThatMayOnlyUseSequences(TestDatabase db, String schema) {
        db.execute("""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_using_sequences') THEN
                        CREATE ROLE app_using_sequences LOGIN PASSWORD 'app-password';
                    END IF;
                END $$;
                GRANT USAGE ON SCHEMA %1$s TO app_using_sequences;
                ALTER DEFAULT PRIVILEGES IN SCHEMA %1$s GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_using_sequences;
                ALTER DEFAULT PRIVILEGES IN SCHEMA %1$s GRANT USAGE ON SEQUENCES TO app_using_sequences;
                """.formatted(schema));
        return new String[] {"spring.datasource.username=app_using_sequences", "spring.datasource.password=app-password",
                "spring.flyway.user=" + db.user(), "spring.flyway.password=" + password(db),
                "spring.liquibase.user=" + db.user(), "spring.liquibase.password=" + password(db)};
    }

    private static String password(TestDatabase db) {
        return db.password() == null ? "" : db.password();
    }
}

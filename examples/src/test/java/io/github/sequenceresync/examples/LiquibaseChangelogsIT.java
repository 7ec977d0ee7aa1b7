package io.github.sequenceresync.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.SequenceResync;
import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The copy-paste Liquibase changelogs in examples/liquibase, run by Liquibase as the CLI would. */
@PostgresTest
class LiquibaseChangelogsIT {

    private static final Path DIR = Path.of("liquibase");
    private static final String SQL_HEADER = """
            --liquibase formatted sql
            -- For changelogs in formatted SQL, which cannot name custom changes: the resync as plain SQL,
            -- the block SequenceResync.with(ResyncOptions.defaults()).script() renders (the examples'
            -- test keeps it current). No jar needed on Liquibase's classpath.

            --changeset example:authors
            CREATE TABLE authors (id serial PRIMARY KEY, name varchar(100));

            --changeset example:authors-data
            INSERT INTO authors (id, name) VALUES (1, 'Ada'), (2, 'Grace'), (40, 'Barbara');

            --changeset example:resync-sequences runAlways:true splitStatements:false
            """;

    private final TestDatabase db;

    LiquibaseChangelogsIT(TestDatabase db) {
        this.db = db;
    }

    @ParameterizedTest
    @ValueSource(strings = {"changelog.xml", "changelog.yaml", "changelog.sql"})
    void changelogLoadsIdsAndResyncs(String changelog) throws Exception {
        String schema = "lb_" + changelog.substring(changelog.indexOf('.') + 1);
        db.execute("CREATE SCHEMA " + schema);
        CommandScope update = new CommandScope("update")
                .addArgumentValue("url", db.url())
                .addArgumentValue("username", db.user())
                .addArgumentValue("password", db.password())
                .addArgumentValue("changelogFile", changelog)
                .addArgumentValue("defaultSchemaName", schema);
        Scope.child(Scope.Attr.resourceAccessor.name(), new DirectoryResourceAccessor(DIR.toFile()),
                () -> {
                    update.execute();
                });
        assertThat(db.queryLong("INSERT INTO " + schema + ".authors (name) VALUES ('Linus') RETURNING id"))
                .isEqualTo(41);
    }

    /** The SQL changelog carries the current script; -Dexamples.regenerate=true rewrites it. */
    @Test
    void sqlChangelogCarriesTheCurrentScript() throws Exception {
        String expected = SQL_HEADER + SequenceResync.with(ResyncOptions.defaults()).script();
        File file = DIR.resolve("changelog.sql").toFile();
        if (Boolean.getBoolean("examples.regenerate")) {
            Files.writeString(file.toPath(), expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file.toPath(), StandardCharsets.UTF_8))
                .as("examples/liquibase/changelog.sql is out of date: run the examples' tests with "
                        + "-Dexamples.regenerate=true")
                .isEqualTo(expected);
    }
}

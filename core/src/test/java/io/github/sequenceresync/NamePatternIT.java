package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exclusion globs as PostgreSQL matches them with {@link NamePattern#excludes}, the condition the
 * catalog query and a cutover's list of the source's sequences run: wildcards, every character
 * either regular-expression syntax reads taken as itself, case, schema-qualified or bare names.
 */
@PostgresTest
class NamePatternIT {

    private static final NamedSql MATCH = new NamedSql("SELECT " + NamePattern.excludes("${schema}::text", "${name}::text"));

    private final TestDatabase db;

    NamePatternIT(TestDatabase db) {
        this.db = db;
    }

    @ParameterizedTest(name = "{0} on {1}.{2}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            orders_*          | public | orders_id_seq     | true
            public.orders_*   | public | orders_id_seq     | true
            other.orders_*    | public | orders_id_seq     | false
            t?                | s      | t1                | true
            t?                | s      | t12               | false
            a.b               | s      | aXb               | false
            s.a.b             | s      | a.b               | true
            "(x)+[y]{2}|$^\\" | s    | "(x)+[y]{2}|$^\\" | true
            Orders            | s      | orders            | false
            *                 | s      | "line
            break"                                          | true
            """)
    void aPatternMatchesTheBareOrTheSchemaQualifiedName(String glob, String schema, String name, boolean matches)
            throws Exception {
        assertThat(excludes(List.of(glob), schema, name)).isEqualTo(matches);
    }

    @Test
    void noPatternExcludesNothingAndAnyOfSeveralExcludes() throws Exception {
        assertThat(excludes(List.of(), "s", "t")).isFalse();
        assertThat(excludes(List.of("x", "s.t"), "s", "t")).isTrue();
    }

    @Test
    void theRegexIsAnchoredAndEscapesWhatEitherSyntaxReads() {
        assertThat(NamePattern.regex("a.b*")).isEqualTo("^a\\.b.*$");
        assertThat(NamePattern.regex("x(1)")).isEqualTo("^x\\(1\\)$");
    }

    private boolean excludes(List<String> globs, String schema, String name) throws Exception {
        try (Connection c = db.connect();
             PreparedStatement ps = MATCH.prepare(c, "", Map.of("schema", schema, "name", name,
                     "exclude", c.createArrayOf("text", globs.stream().map(NamePattern::regex).toArray())));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}

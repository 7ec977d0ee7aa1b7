package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.SliceDatabase;
import io.github.sequenceresync.spring.SequenceResyncEvent;
import io.github.sequenceresync.spring.SequenceResyncReports;
import io.github.sequenceresync.testing.ClassDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.jdbc.Sql;

/**
 * The test slices over JDBC without JPA ({@code @JdbcTest}, {@code @DataJdbcTest}, {@code @JooqTest})
 * on PostgreSQL ({@code @AutoConfigureTestDatabase(replace = NONE)}): Spring Boot runs the
 * application's Liquibase changelog in each (rows with explicit ids in it), and the starter's resync
 * follows, so that the test's first ordinary insert gets the next free id; so does the resync after
 * the test's {@code @Sql} scripts, before the class (committed, no test transaction yet) and before a
 * method (in the test's transaction, uncommitted). The slice annotations are on a subclass for each
 * slice and Spring Boot generation (their package moved in 4.0).
 */
@ExtendWith(ClassDatabase.class)
@DirtiesContext
@Sql(statements = "INSERT INTO orders (id, item) VALUES (60, 'loaded by @Sql before the class')",
        executionPhase = Sql.ExecutionPhase.BEFORE_TEST_CLASS)
// the first test's next id comes before the second's, which sequences do not roll back
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class JdbcSliceCases {

    @Autowired
    private DataSource dataSource;
    @Autowired
    private SequenceResyncReports reports;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        SliceDatabase.register(registry);
        registry.add("spring.flyway.enabled", () -> "false");
        registry.add("spring.liquibase.change-log", () -> "classpath:db/changelog/master.xml");
    }

    @Test
    @Order(1)
    void afterTheChangelogAndTheClassesScriptTheFirstOrdinaryInsertGetsTheNextFreeId() throws Exception {
        assertThat(insert()).isEqualTo(61);
        assertThat(reports.all()).extracting(SequenceResyncEvent::after).containsExactly("liquibase");
    }

    @Test
    @Order(2)
    @Sql(statements = "INSERT INTO orders (id, item) VALUES (500, 'loaded by @Sql in the test transaction')")
    void rowsATestsScriptLoadsInItsTransactionAreFollowedToo() throws Exception {
        assertThat(insert()).isEqualTo(501);
    }

    /** An ordinary insert, in the test's transaction (the slices' tests are @Transactional). */
    private long insert() throws SQLException {
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("INSERT INTO orders (item) VALUES ('new') RETURNING id")) {
            rs.next();
            return rs.getLong(1);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }
}

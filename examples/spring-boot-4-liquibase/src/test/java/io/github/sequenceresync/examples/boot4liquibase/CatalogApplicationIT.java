package io.github.sequenceresync.examples.boot4liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Spring Boot runs the changelog at start-up; ordinary inserts then get the next free ids. */
@PostgresTest
class CatalogApplicationIT {

    @Test
    void startsRunsTheChangelogAndInsertsWithTheNextFreeIds(TestDatabase db) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CatalogApplication.class)
                .properties("spring.datasource.url=" + db.url(),
                        "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + (db.password() == null ? "" : db.password()))
                .run()) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("INSERT INTO products (name) VALUES ('mouse') RETURNING id", Long.class))
                    .isEqualTo(31);
            assertThat(jdbc.queryForObject("INSERT INTO reviews (product_id) VALUES (31) RETURNING id", Long.class))
                    .isEqualTo(502);
        }
    }
}

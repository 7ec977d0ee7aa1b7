package io.github.sequenceresync.examples.boot4;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sequenceresync.testing.PostgresTest;
import io.github.sequenceresync.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The application starts on real PostgreSQL, Flyway loads rows with ids, ordinary inserts work. */
@PostgresTest
class ShopApplicationIT {

    @Test
    void startsMigratesAndInsertsWithTheNextFreeIds(TestDatabase db) {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ShopApplication.class)
                .properties("spring.datasource.url=" + db.url(),
                        "spring.datasource.username=" + db.user(),
                        "spring.datasource.password=" + (db.password() == null ? "" : db.password()))
                .run()) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            Long id = jdbc.queryForObject(
                    "INSERT INTO orders (customer_id, item) VALUES (1, 'from Spring') RETURNING id", Long.class);
            assertThat(id).isEqualTo(43);
            Long customer = jdbc.queryForObject("INSERT INTO customers (name) VALUES ('Linus') RETURNING id", Long.class);
            assertThat(customer).isEqualTo(4);
        }
    }
}

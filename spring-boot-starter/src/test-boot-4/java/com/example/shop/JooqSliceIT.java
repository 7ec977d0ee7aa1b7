package com.example.shop;

import io.github.sequenceresync.testing.TestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;

/** {@link JdbcSliceCases} in a {@code @JooqTest} of Spring Boot 4. */
@JooqTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JooqSliceIT extends JdbcSliceCases {

    JooqSliceIT(TestDatabase db) {
        super(db);
    }
}

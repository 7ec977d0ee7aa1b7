package com.example.shop;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jooq.test.autoconfigure.JooqTest;

/** {@link JdbcSliceCases} in a {@code @JooqTest} of Spring Boot 4. */
@JooqTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JooqSliceIT extends JdbcSliceCases {
}

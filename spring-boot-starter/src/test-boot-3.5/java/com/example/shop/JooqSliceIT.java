package com.example.shop;

import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jooq.JooqTest;

/** {@link JdbcSliceCases} in a {@code @JooqTest} of Spring Boot 3.5. */
@JooqTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JooqSliceIT extends JdbcSliceCases {
}

package com.example.shop;

import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;

/** {@link JdbcSliceCases} in a {@code @JdbcTest} of Spring Boot 3.5. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSliceIT extends JdbcSliceCases {
}

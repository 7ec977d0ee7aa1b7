package com.example.shop;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;

/** {@link JdbcSliceCases} in a {@code @JdbcTest} of Spring Boot 4. */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class JdbcSliceIT extends JdbcSliceCases {
}

package com.example.shop;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.data.jdbc.test.autoconfigure.DataJdbcTest;

/** {@link JdbcSliceCases} in a {@code @DataJdbcTest} of Spring Boot 4. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJdbcSliceIT extends JdbcSliceCases {
}

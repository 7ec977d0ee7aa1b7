package com.example.shop;

import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.data.jdbc.DataJdbcTest;

/** {@link JdbcSliceCases} in a {@code @DataJdbcTest} of Spring Boot 3.5. */
@DataJdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJdbcSliceIT extends JdbcSliceCases {
}

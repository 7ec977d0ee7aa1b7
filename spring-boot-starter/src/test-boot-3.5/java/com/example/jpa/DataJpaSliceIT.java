package com.example.jpa;

import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;

/** {@link DataJpaSliceCases} in a {@code @DataJpaTest} of Spring Boot 3.5. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaSliceIT extends DataJpaSliceCases {
}

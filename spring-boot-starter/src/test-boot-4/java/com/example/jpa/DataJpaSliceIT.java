package com.example.jpa;

import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;

/** {@link DataJpaSliceCases} in a {@code @DataJpaTest} of Spring Boot 4. */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DataJpaSliceIT extends DataJpaSliceCases {
}

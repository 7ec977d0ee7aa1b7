package com.example.reactive;

import org.springframework.boot.test.autoconfigure.data.r2dbc.DataR2dbcTest;

/** {@link R2dbcSliceCases} in Spring Boot 3.5's {@code @DataR2dbcTest}, which runs Flyway and Liquibase. */
@DataR2dbcTest
class DataR2dbcSliceIT extends R2dbcSliceCases {
}

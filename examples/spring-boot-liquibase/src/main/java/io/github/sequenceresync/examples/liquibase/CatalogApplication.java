package io.github.sequenceresync.examples.liquibase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application whose Liquibase changelog loads rows with their ids and ends with
 * {@code <resync:resyncSequences/>}: nothing to register in code, the jar on the classpath is enough.
 */
@SpringBootApplication
public class CatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }
}

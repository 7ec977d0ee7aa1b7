package io.github.sequenceresync.examples.boot4liquibase;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot 4 application whose Liquibase changelog loads rows with their ids, unchanged: the
 * sequence-resync starter on the classpath resyncs after the update. Nothing to write.
 */
@SpringBootApplication
public class CatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogApplication.class, args);
    }
}

package io.github.sequenceresync.examples.boot4;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot 4 application with the sequence-resync starter on its classpath: every Flyway
 * migrate at startup ends with the sequences in step. Nothing to write.
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}

package io.github.sequenceresync.examples.spring;

import io.github.sequenceresync.flyway.ResyncSequencesCallback;
import org.flywaydb.core.api.callback.Callback;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application: Spring Boot hands every {@link Callback} bean to its Flyway. */
@SpringBootApplication
public class ShopApplication {

    /**
     * Resyncs the sequences after every Flyway migrate at start-up. {@code asCallback()} because
     * Spring lists the methods of every bean class, which fails for the callback class itself on
     * Flyway before 11.13 (Spring Boot 3.5 brings 11.7).
     */
    @Bean
    Callback resyncSequences() {
        return new ResyncSequencesCallback().asCallback();
    }

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}

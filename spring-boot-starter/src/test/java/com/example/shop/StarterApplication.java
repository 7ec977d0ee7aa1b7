package com.example.shop;

import io.github.sequenceresync.spring.SequenceResyncEvent;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** An application that only has the starter: no bean, no changelog entry of sequence-resync's. */
@SpringBootApplication
public class StarterApplication {

    /** The application's own use of the report. */
    public static final class Reports {
        public final List<SequenceResyncEvent> received = new ArrayList<>();

        @EventListener
        void on(SequenceResyncEvent event) {
            received.add(event);
        }
    }

    @Bean
    Reports reports() {
        return new Reports();
    }
}

package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncReport;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * The reports of the resyncs the starter ran, as a bean for the application (an Actuator endpoint
 * of its own, a health check). Each is also published as a {@link SequenceResyncEvent}: the resyncs
 * run while the context starts, before {@code @EventListener} methods are registered, so their
 * events go out once the context is refreshed.
 */
public final class SequenceResyncReports implements ApplicationListener<ContextRefreshedEvent>,
        ApplicationEventPublisherAware {

    private final List<SequenceResyncEvent> events = new ArrayList<>();
    private ApplicationEventPublisher publisher;
    private boolean refreshed;

    /** Every report so far, in the order the resyncs ran. */
    public synchronized List<SequenceResyncEvent> all() {
        return List.copyOf(events);
    }

    synchronized void add(Object source, String after, ResyncReport report) {
        SequenceResyncEvent event = new SequenceResyncEvent(source, after, report);
        events.add(event);
        if (refreshed && publisher != null) {
            publisher.publishEvent(event);
        }
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public synchronized void onApplicationEvent(ContextRefreshedEvent refresh) {
        if (!refreshed) {
            refreshed = true;
            events.forEach(publisher::publishEvent);
        }
    }
}

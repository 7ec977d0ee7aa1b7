package io.github.sequenceresync.spring;

import io.github.sequenceresync.Action;
import io.github.sequenceresync.OtherDatabase;
import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * The reports of the resyncs the starter ran, as a bean for the application (an Actuator endpoint
 * of its own, a health check). Each is also published as a {@link SequenceResyncEvent}: the resyncs
 * run while the context starts, before {@code @EventListener} methods are registered, so their
 * events go out once the context is refreshed.
 * <p>
 * It also writes the reports to the application's log. While the context starts, the warning that
 * no column uses a sequence is held back until it is refreshed: the resync after a migration runs
 * before Hibernate's or Spring Data's mapping exists, and the resync after that mapping links
 * and moves the sequences of their ids a moment later. Only the warnings of sequences that no
 * later report linked are then logged; a deploy log no longer warns of every entity's sequence.
 */
public final class SequenceResyncReports implements ApplicationListener<ContextRefreshedEvent>,
        ApplicationEventPublisherAware, DisposableBean {

    private static final Log LOG = LogFactory.getLog(SequenceResyncReports.class);
    private static final String FAIL_ON_OTHER_DATABASE = "sequence-resync.fail-on-other-database";

    private final List<SequenceResyncEvent> events = new ArrayList<>();
    /** Warnings held back while the context starts, each with the sequence it is about. */
    private final List<HeldWarning> held = new ArrayList<>();
    /** The sequences the reports linked to a column while the context started. */
    private final List<Located> linked = new ArrayList<>();
    /** The databases that are not PostgreSQL warned of so far, by the reason given. */
    private final Set<String> otherDatabases = new HashSet<>();
    private ApplicationEventPublisher publisher;
    private boolean refreshed;

    /**
     * A sequence by its name, in the database a DataSource reaches (null: not known): an application
     * with several databases may have a sequence of the same name in each.
     */
    private record Located(DataSource database, String sequence) {
    }

    private record HeldWarning(Located sequence, String line) {
    }

    /** Every report so far, in the order the resyncs ran. */
    public synchronized List<SequenceResyncEvent> all() {
        return List.copyOf(events);
    }

    /**
     * Logs a report and keeps it.
     *
     * @param after    what loaded the data, for the log and the report: {@code flyway}, a SpringLiquibase bean's name
     * @param database the DataSource the resync ran on, null if not known
     */
    synchronized void add(Object source, String after, ResyncReport report, DataSource database) {
        log(report, after, database);
        addLogged(source, after, report, database);
    }

    /** Keeps a report its resync logged itself (Hibernate's, through Hibernate's logging). */
    synchronized void addLogged(Object source, String after, ResyncReport report, DataSource database) {
        SequenceResyncEvent event = new SequenceResyncEvent(source, after, report);
        events.add(event);
        if (!refreshed) {
            report.sequences().stream().filter(s -> !s.columns().isEmpty())
                    .forEach(s -> linked.add(new Located(database, s.sequence())));
        }
        if (refreshed && publisher != null) {
            publisher.publishEvent(event);
        }
    }

    /**
     * Writes a report as a deploy log shows it ({@link ResyncReport#log}), holding back while the
     * context starts the warnings of the sequences that no column uses.
     *
     * @param database the DataSource the resync ran on, null if not known
     */
    synchronized void log(ResyncReport report, String after, DataSource database) {
        // the warnings about sequences no column uses, as the log's lines end, with their sequence
        Map<String, String> unlinked = refreshed ? Map.of() : report.sequences().stream()
                .filter(s -> s.action() == Action.SKIPPED && s.columns().isEmpty())
                .flatMap(s -> s.warnings().stream().map(w -> Map.entry(s.sequence() + ": " + w, s.sequence())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
        Consumer<String> warn = line -> unlinked.entrySet().stream().filter(w -> line.endsWith(w.getKey())).findFirst()
                .ifPresentOrElse(w -> held.add(new HeldWarning(new Located(database, w.getValue()), line)),
                        () -> LOG.warn(line));
        report.log(LOG::info, warn, LOG::debug, " after " + after);
    }

    /**
     * What a resync after {@code after} does on a database that is not PostgreSQL (H2 or HSQLDB in
     * unit tests): fails with {@code sequence-resync.fail-on-other-database}, else nothing, with one
     * warning per database rather than one per Flyway, Liquibase, Hibernate and Spring Data.
     *
     * @return a receiver of the one-line reason the database is not PostgreSQL
     */
    Consumer<String> otherDatabase(String after, boolean fail) {
        return reason -> {
            if (fail) {
                throw new ResyncException(OtherDatabase.refused(reason, FAIL_ON_OTHER_DATABASE + "=true"));
            }
            String line = OtherDatabase.leftAlone(reason, "after " + after, FAIL_ON_OTHER_DATABASE + "=true");
            boolean first;
            synchronized (this) {
                first = otherDatabases.add(reason);
            }
            if (first) {
                LOG.warn(line);
            } else {
                LOG.debug(line);
            }
        };
    }

    /**
     * The report of a resync of Hibernate's or Spring Data's sequences that found some behind on a
     * read-only database (an application on a hot standby, a read replica): it cannot change them,
     * and the application, which cannot insert there, does not need them changed to start. One
     * warning says so; the report, with what would change, is the caller's to keep. Any other
     * failure is rethrown.
     */
    Optional<ResyncReport> readOnly(ResyncException failure, String after) {
        if (!ResyncException.READ_ONLY_SQL_TRANSACTION.equals(failure.sqlState()) || failure.report() == null) {
            throw failure;
        }
        LOG.warn("sequence-resync: nothing changed after " + after + ": " + failure.getMessage()
                 + "; the application starts (it cannot insert there either): resync where the data is written");
        return Optional.of(failure.report());
    }

    @Override
    public void setApplicationEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public synchronized void onApplicationEvent(ContextRefreshedEvent refresh) {
        if (!refreshed) {
            refreshed = true;
            logHeldWarnings();
            events.forEach(publisher::publishEvent);
        }
    }

    /** A context that failed to start logs what it held back, too. */
    @Override
    public synchronized void destroy() {
        logHeldWarnings();
    }

    /** The held warnings of sequences that no report linked to a column in the same database. */
    private void logHeldWarnings() {
        Map<DataSource, Optional<String>> databases = new IdentityHashMap<>();
        held.stream()
                .filter(w -> linked.stream().noneMatch(l -> l.sequence().equals(w.sequence().sequence())
                        && sameDatabase(l.database(), w.sequence().database(), databases)))
                .forEach(w -> LOG.warn(w.line()));
        held.clear();
        linked.clear();
    }

    /**
     * Whether two DataSources reach the same database ({@link DatabaseIdentity}), each read once; yes
     * when either is not known or cannot say, as before: a false alarm about every entity's sequence
     * would be worse than one warning missed.
     */
    private static boolean sameDatabase(DataSource a, DataSource b, Map<DataSource, Optional<String>> databases) {
        if (a == null || b == null || a == b) {
            return true;
        }
        Optional<String> first = databases.computeIfAbsent(a, d -> DatabaseIdentity.of(d).map(DatabaseIdentity::database));
        Optional<String> second = databases.computeIfAbsent(b, d -> DatabaseIdentity.of(d).map(DatabaseIdentity::database));
        return first.isEmpty() || second.isEmpty() || first.equals(second);
    }
}

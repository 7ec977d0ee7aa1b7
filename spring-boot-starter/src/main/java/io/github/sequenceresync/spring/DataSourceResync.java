package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceResync;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A resync of the sequences the catalog links, on a DataSource, after something loaded data into it:
 * the one way the starter's resyncs after Liquibase, SQL initialization and Spring Data run, log and
 * keep their report ({@link SequenceResyncReports}).
 */
final class DataSourceResync {

    private DataSourceResync() {
    }

    /**
     * Resyncs in a transaction of its own, then logs and keeps the report. A database that is not
     * PostgreSQL is left alone ({@link SequenceResyncReports#otherDatabase}); on a read-only one the
     * report of what would change is kept ({@link SequenceResyncReports#readOnly}).
     *
     * @param source the bean that loaded the data, for the report's event
     * @param after  what loaded the data, for the log, the report and an error: {@code liquibase}
     */
    static void run(DataSource dataSource, ResyncOptions options, Object source, String after,
                    SequenceResyncProperties settings, SequenceResyncReports reports) {
        Optional<ResyncReport> report;
        try {
            report = run(dataSource, options, after, settings, reports);
        } catch (ResyncException failure) {
            report = reports.readOnly(failure, after);
        }
        report.ifPresent(r -> reports.add(source, after, r, dataSource));
    }

    /** In {@code schema} when the options name no schema: the schema a loader manages, as the Flyway callback takes Flyway's. */
    static ResyncOptions inSchema(ResyncOptions options, String schema) {
        return options.schemas().isEmpty() && schema != null ? options.toBuilder().schemas(schema).build() : options;
    }

    private static Optional<ResyncReport> run(DataSource dataSource, ResyncOptions options, String after,
                                              SequenceResyncProperties settings, SequenceResyncReports reports) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> other = SequenceResync.notPostgres(connection);
            if (other.isPresent()) {
                reports.otherDatabase(after, settings.isFailOnOtherDatabase()).accept(other.get());
                return Optional.empty();
            }
            // a pool may hand the connection out with auto-commit off: the resync commits its own work
            return Optional.of(run(connection, false, options));
        } catch (SQLException e) {
            throw new ResyncException("cannot resync sequences after " + after + ": " + e.getMessage(), e);
        }
    }

    /**
     * On a PostgreSQL connection the caller holds.
     *
     * @param callersTransaction whether to run inside the caller's transaction (which it leaves open)
     *                           rather than in one of its own
     */
    static ResyncReport run(Connection connection, boolean callersTransaction, ResyncOptions options) {
        SequenceResync resync = SequenceResync.with(options);
        return callersTransaction ? resync.run(connection) : resync.runInOwnTransaction(connection);
    }
}

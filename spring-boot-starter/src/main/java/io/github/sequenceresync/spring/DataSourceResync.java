package io.github.sequenceresync.spring;

import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceResync;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import java.util.function.Consumer;

/**
 * A resync of the sequences the catalog links, on a DataSource, after something loaded data into it.
 * Its report is the caller's to log and keep ({@link SequenceResyncReports}).
 */
final class DataSourceResync {

    private DataSourceResync() {
    }

    /**
     * @param defaultSchema the schema the loader manages, taken when no schema is configured; null: every schema
     * @param after         what loaded the data, for an error: {@code liquibase}
     * @param otherDatabase what a database that is not PostgreSQL does ({@link SequenceResyncReports#otherDatabase})
     * @return the report, or empty when the database is not PostgreSQL
     */
    static Optional<ResyncReport> run(DataSource dataSource, SequenceResyncProperties settings, String defaultSchema,
                                      String after, Consumer<String> otherDatabase) {
        ResyncOptions options = settings.options();
        if (options.schemas().isEmpty() && defaultSchema != null) {
            // as the Flyway callback takes Flyway's schemas: the schema this loader manages
            options = options.toBuilder().schemas(defaultSchema).build();
        }
        return run(dataSource, options, after, otherDatabase);
    }

    /**
     * With these options, in a transaction of its own.
     *
     * @return the report, or empty when the database is not PostgreSQL
     */
    static Optional<ResyncReport> run(DataSource dataSource, ResyncOptions options, String after,
                                      Consumer<String> otherDatabase) {
        try (Connection connection = dataSource.getConnection()) {
            Optional<String> other = SequenceResync.notPostgres(connection);
            if (other.isPresent()) {
                otherDatabase.accept(other.get());
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

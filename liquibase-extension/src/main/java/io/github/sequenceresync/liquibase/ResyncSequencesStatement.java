package io.github.sequenceresync.liquibase;

import io.github.sequenceresync.OtherDatabase;
import io.github.sequenceresync.ResyncException;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.ResyncReport;
import io.github.sequenceresync.SequenceReport;
import io.github.sequenceresync.SequenceResync;
import java.sql.Connection;
import java.util.Optional;
import liquibase.Scope;
import liquibase.database.Database;
import liquibase.database.PreparedStatementFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.DatabaseException;
import liquibase.logging.Logger;
import liquibase.statement.AbstractSqlStatement;
import liquibase.statement.ExecutablePreparedStatement;

/**
 * Runs the resync through the Java core on Liquibase's connection, inside its changeset
 * transaction, and logs through Liquibase's logger. Liquibase's JDBC executor calls
 * {@link #execute} directly.
 */
final class ResyncSequencesStatement extends AbstractSqlStatement implements ExecutablePreparedStatement {

    private final ResyncOptions options;
    private final Database database;

    ResyncSequencesStatement(ResyncOptions options, Database database) {
        this.options = options;
        this.database = database;
    }

    ResyncOptions options() {
        return options;
    }

    @Override
    public void execute(PreparedStatementFactory factory) throws DatabaseException {
        Logger log = Scope.getCurrentScope().getLog(ResyncSequencesChange.class);
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        ResyncReport report;
        try {
            Optional<String> other = SequenceResync.notPostgres(connection);
            if (other.isPresent()) {
                // failOnOtherDatabase fails validation instead, before anything runs
                log.warning(OtherDatabase.leftAlone(other.get(), null, "failOnOtherDatabase=\"true\""));
                return;
            }
            report = SequenceResync.with(options).run(connection);
        } catch (ResyncException e) {
            throw new DatabaseException("sequence-resync: " + e.getMessage(), e);
        }
        report.log(log::info, log::warning, log::fine, "");
    }

    @Override
    public String toString() {
        return "resyncSequences " + options;
    }
}

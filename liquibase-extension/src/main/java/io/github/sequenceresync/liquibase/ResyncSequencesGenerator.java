package io.github.sequenceresync.liquibase;

import io.github.sequenceresync.SequenceResync;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.exception.ValidationErrors;
import liquibase.sql.Sql;
import liquibase.sql.UnparsedSql;
import liquibase.sqlgenerator.SqlGeneratorChain;
import liquibase.sqlgenerator.core.AbstractSqlGenerator;

/**
 * Tells Liquibase that {@link ResyncSequencesStatement} is supported on PostgreSQL and what SQL it
 * stands for (the script), for every place Liquibase asks a generator about a statement.
 */
public final class ResyncSequencesGenerator extends AbstractSqlGenerator<ResyncSequencesStatement> {

    /** Every database: on one that is not PostgreSQL the statement warns and does nothing. */
    @Override
    public boolean supports(ResyncSequencesStatement statement, Database database) {
        return true;
    }

    @Override
    public ValidationErrors validate(ResyncSequencesStatement statement, Database database,
                                     SqlGeneratorChain<ResyncSequencesStatement> chain) {
        return new ValidationErrors();
    }

    @Override
    public Sql[] generateSql(ResyncSequencesStatement statement, Database database,
                             SqlGeneratorChain<ResyncSequencesStatement> chain) {
        if (!(database instanceof PostgresDatabase)) {
            return new Sql[0];
        }
        return new Sql[] {new UnparsedSql(SequenceResync.with(statement.options()).script())};
    }
}

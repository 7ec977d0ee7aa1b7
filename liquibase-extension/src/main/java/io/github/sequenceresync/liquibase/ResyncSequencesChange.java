package io.github.sequenceresync.liquibase;

import io.github.sequenceresync.ResyncOption;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.SequenceResync;
import io.github.sequenceresync.Spelling;
import java.util.EnumMap;
import java.util.Map;
import liquibase.Scope;
import liquibase.change.AbstractChange;
import liquibase.change.Change;
import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.DatabaseChangeProperty;
import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.ValidationErrors;
import liquibase.executor.ExecutorService;
import liquibase.executor.LoggingExecutor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.CommentStatement;
import liquibase.statement.core.RawSqlStatement;

/**
 * {@code <resync:resyncSequences/>}: brings PostgreSQL sequences in step with their tables, typically
 * at the end of a changelog after {@code loadData}. In {@code update} it resyncs through the Java
 * core and logs what it changed; in {@code update-sql} it prints a self-contained PL/pgSQL block
 * that does the same server-side when run later. Rollback does nothing (there is nothing to undo:
 * sequences only moved forward). Every attribute is optional; they are wrapper types so that
 * attributes added later leave existing checksums alone.
 */
@DatabaseChange(name = "resyncSequences",
        description = "Brings PostgreSQL sequences in step with the data in their tables (sequence-resync)",
        priority = ChangeMetaData.PRIORITY_DEFAULT)
public class ResyncSequencesChange extends AbstractChange {

    /**
     * The XML namespace of the change, sequence-resync's own: an extension that ships an XSD for
     * Liquibase's shared {@code dbchangelog-ext} namespace collides with every other that does.
     * The XSD is {@code https://sequenceresync.github.io/xml/sequence-resync-1.0.xsd}, read from the jar.
     */
    public static final String NAMESPACE = "https://sequenceresync.github.io/xml/ns/sequence-resync";

    private String schemas;
    private String exclude;
    private Boolean lockTables;
    private String mode;
    private Boolean failOnProblem;
    private Boolean failOnOtherDatabase;
    private String lockTimeout;
    private Boolean dryRun;
    private String columnMappings;
    private String linkRules;
    private String warnAt;

    @DatabaseChangeProperty
    public String getSchemas() {
        return schemas;
    }

    public void setSchemas(String schemas) {
        this.schemas = schemas;
    }

    @DatabaseChangeProperty
    public String getExclude() {
        return exclude;
    }

    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    @DatabaseChangeProperty
    public Boolean getLockTables() {
        return lockTables;
    }

    public void setLockTables(Boolean lockTables) {
        this.lockTables = lockTables;
    }

    @DatabaseChangeProperty
    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    @DatabaseChangeProperty
    public Boolean getFailOnProblem() {
        return failOnProblem;
    }

    public void setFailOnProblem(Boolean failOnProblem) {
        this.failOnProblem = failOnProblem;
    }

    @DatabaseChangeProperty(description = "Whether a database that is not PostgreSQL (H2, HSQLDB in tests) fails the"
            + " changeset; default false: it logs one warning and does nothing")
    public Boolean getFailOnOtherDatabase() {
        return failOnOtherDatabase;
    }

    public void setFailOnOtherDatabase(Boolean failOnOtherDatabase) {
        this.failOnOtherDatabase = failOnOtherDatabase;
    }

    @DatabaseChangeProperty
    public String getLockTimeout() {
        return lockTimeout;
    }

    public void setLockTimeout(String lockTimeout) {
        this.lockTimeout = lockTimeout;
    }

    @DatabaseChangeProperty
    public Boolean getDryRun() {
        return dryRun;
    }

    public void setDryRun(Boolean dryRun) {
        this.dryRun = dryRun;
    }

    @DatabaseChangeProperty
    public String getColumnMappings() {
        return columnMappings;
    }

    public void setColumnMappings(String columnMappings) {
        this.columnMappings = columnMappings;
    }

    @DatabaseChangeProperty
    public String getLinkRules() {
        return linkRules;
    }

    public void setLinkRules(String linkRules) {
        this.linkRules = linkRules;
    }

    @DatabaseChangeProperty
    public String getWarnAt() {
        return warnAt;
    }

    public void setWarnAt(String warnAt) {
        this.warnAt = warnAt;
    }

    /** The core options these attributes stand for (the option table's spellings); an error names the attribute. */
    ResyncOptions options() {
        Map<ResyncOption, Object> given = new EnumMap<>(ResyncOption.class);
        given.put(ResyncOption.SCHEMAS, schemas);
        given.put(ResyncOption.EXCLUDE, exclude);
        given.put(ResyncOption.MODE, mode);
        given.put(ResyncOption.DRY_RUN, dryRun);
        given.put(ResyncOption.LOCK_TABLES, lockTables);
        given.put(ResyncOption.LOCK_TIMEOUT, lockTimeout);
        given.put(ResyncOption.FAIL_ON_PROBLEM, failOnProblem);
        given.put(ResyncOption.COLUMN_MAPPINGS, columnMappings);
        given.put(ResyncOption.LINK_RULES, linkRules);
        given.put(ResyncOption.WARN_AT, warnAt);
        try {
            ResyncOptions.Builder b = ResyncOptions.builder();
            given.forEach((option, value) -> option.apply(b, value == null ? null : value.toString(), Spelling.LIQUIBASE_ATTRIBUTE));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("resyncSequences: " + e.getMessage(), e);
        }
    }

    /**
     * An attribute of the option table is described by the table, default included (what Liquibase's
     * generated documentation and tools show); the others by their annotation.
     */
    @Override
    protected String createDescriptionMetaData(String parameterName, DatabaseChangeProperty annotation) {
        for (ResyncOption option : ResyncOption.values()) {
            if (option.attribute().equals(parameterName)) {
                return option.help();
            }
        }
        return super.createDescriptionMetaData(parameterName, annotation);
    }

    /**
     * Every database: the same changelog commonly runs on H2 or HSQLDB in unit tests, where the
     * change does nothing but log a warning (or fails, with failOnOtherDatabase).
     */
    @Override
    public boolean supports(Database database) {
        return true;
    }

    @Override
    public ValidationErrors validate(Database database) {
        ValidationErrors errors = new ValidationErrors();
        if (Boolean.TRUE.equals(failOnOtherDatabase) && !(database instanceof PostgresDatabase)) {
            errors.addError("resyncSequences works on PostgreSQL only, not on " + database.getShortName()
                    + " (failOnOtherDatabase is set)");
        }
        try {
            options();
        } catch (IllegalArgumentException e) {
            errors.addError(e.getMessage());
        }
        return errors;
    }

    /**
     * No side effects (Liquibase calls it more than once): in update-sql, or offline, the SQL script;
     * otherwise a statement that runs the Java core when Liquibase executes it.
     */
    @Override
    public SqlStatement[] generateStatements(Database database) {
        ResyncOptions options = options();
        if (printsSql(database) && !(database instanceof PostgresDatabase)) {
            return new SqlStatement[] {new CommentStatement("sequence-resync: nothing to do on "
                    + database.getShortName() + ", which is not PostgreSQL")};
        }
        if (printsSql(database)) {
            String script = SequenceResync.with(options).script().strip();
            return new SqlStatement[] {new RawSqlStatement(script.substring(0, script.length() - 1))};
        }
        return new SqlStatement[] {new ResyncSequencesStatement(options, database)};
    }

    private static boolean printsSql(Database database) {
        if (!(database.getConnection() instanceof JdbcConnection)) {
            return true;
        }
        return Scope.getCurrentScope().getSingleton(ExecutorService.class)
                .getExecutor("jdbc", database) instanceof LoggingExecutor;
    }

    @Override
    public boolean generateStatementsVolatile(Database database) {
        return false;
    }

    @Override
    public boolean supportsRollback(Database database) {
        return true;
    }

    @Override
    protected Change[] createInverses() {
        return new Change[0];
    }

    @Override
    public String getConfirmationMessage() {
        return "Sequences resynced";
    }

    @Override
    public String getSerializedObjectNamespace() {
        return NAMESPACE;
    }
}

package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Brings PostgreSQL sequences in step with the data in their tables.
 *
 * <pre>{@code
 * ResyncReport report = SequenceResync.with(ResyncOptions.defaults()).run(connection);
 * log.info(report.toText());
 * }</pre>
 *
 * <p>The flow is discover (one catalog query) → lock the tables to measure (one statement, so that
 * the measurement's snapshot comes after every lock wait) → measure (one statement for any number
 * of tables, and one more for each column read through foreign tables, whose server may fail on its own)
 * → plan (one statement) → apply (one statement) → report. The number of statements sent does not depend on
 * the number of sequences or tables, as long as the server's lock table holds a lock on each of
 * them (PostgreSQL's defaults: some 2,000 tables). Beyond that, a run in a transaction of its own
 * measures and applies in as many transactions as needed, each ending to free its locks (the plan
 * is still made, and checked for problems, before anything is applied); a run in the caller's
 * transaction or with table locks fails with an error that says so, before changing anything.
 *
 * <p>Transactions: when the connection is in autocommit mode, the run uses a transaction of its own
 * and restores autocommit; otherwise it runs inside the caller's transaction and never commits it
 * (table locks then last until the caller commits). Note that {@code setval} is not transactional:
 * a value set stays set even if that transaction later rolls back. A run in a transaction of its own
 * that finds a table, column or sequence gone before it set anything (another session dropped or
 * renamed it meanwhile) starts again once, and its report notes it.
 *
 * <p>Instances are immutable and thread-safe; a connection must not be shared while a run is on.
 */
public final class SequenceResync {

    private final ResyncOptions options;
    /** The source of a cutover, or null. */
    private final SourceSequences source;

    private SequenceResync(ResyncOptions options, SourceSequences source) {
        this.options = Objects.requireNonNull(options, "options");
        this.source = source;
    }

    /** A resync with these options. */
    public static SequenceResync with(ResyncOptions options) {
        return new SequenceResync(options, null);
    }

    /**
     * The same resync for a cutover: each sequence's target is the larger of what its data requires
     * and the source's next value for the sequence of the same schema and name, in its direction,
     * forward only unless the mode is exact. A sequence the source does not have is resynced from
     * its data, with a warning; one whose definition differs (type, increment, bounds, CYCLE), or
     * whose source is exhausted, is a problem; the source's sequences this database lacks are noted.
     */
    public SequenceResync withSource(SourceSequences sequences) {
        return new SequenceResync(options, Objects.requireNonNull(sequences, "sequences"));
    }

    /** The options this resync runs with. */
    public ResyncOptions options() {
        return options;
    }

    /**
     * Resyncs (or, in a dry run, plans) every sequence in scope.
     *
     * @return what was found and done
     * @throws ResyncException on bad input, missing privileges, lock timeouts, and, unless
     *                         {@link ResyncOptions#failOnProblem()} is false, on problems found in
     *                         planning; in all these cases before any sequence is changed
     */
    public ResyncReport run(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        Optional<String> other = notPostgres(connection);
        if (other.isPresent()) {
            throw new ResyncException(other.get());
        }
        UnnamedStatements unnamed;
        try {
            unnamed = UnnamedStatements.during(connection);
        } catch (SQLException e) {
            throw new ResyncException("cannot resync sequences: " + e.getMessage(), e);
        }
        try (unnamed) {
            try {
                return runUnnamed(connection, true);
            } catch (SchemaChanged.FirstTry first) {
                // what a user would do: run again, on the catalog as it is now, once
                return runUnnamed(connection, false).withNote(first.note);
            }
        }
    }

    /**
     * {@link #run}, with the driver kept from naming prepared statements (see {@link UnnamedStatements}):
     * discover, measure, plan, apply (unless a dry run), report.
     *
     * @param firstTry whether a schema changed meanwhile may end it with {@link SchemaChanged.FirstTry}
     *                 (in a transaction of its own, before anything is set), for the caller to try again
     */
    private ResyncReport runUnnamed(Connection connection, boolean firstTry) {
        RunTransaction tx;
        try {
            requireVersion(connection);
            tx = RunTransaction.begin(connection);
        } catch (SQLException e) {
            throw new ResyncException("cannot resync sequences: " + e.getMessage(), e);
        }
        boolean splittable = tx.splittable(options.lockTables());
        List<ScopedSequence> scoped = List.of();
        boolean applying = false;
        try {
            Catalog.Preflight preflight = tx.start(options);
            scoped = discover(connection, preflight);
            boolean sequenceDataFunction = preflight.sequenceDataFunction();
            Measured measured = measure(connection, tx, scoped, sequenceDataFunction);
            List<String> unmatched = source == null ? List.of()
                    : source.unmatched(connection, measured.scoped(), options);
            Plan plan = plan(connection, measured.scoped(), measured.measurements(), unmatched);
            requireNoProblems(plan);
            applying = !options.dryRun();
            ResyncReport report = options.dryRun() ? plan.report()
                    : apply(connection, tx, plan, preflight.readOnly(), measured, sequenceDataFunction);
            tx.commit();
            for (String note : preflight.notes()) {
                report = report.withNote(note);
            }
            return report;
        } catch (SQLException e) {
            tx.failed(e);
            if (firstTry && tx.own() && !applying && SchemaChanged.by(e)) {
                throw new SchemaChanged.FirstTry(SchemaChanged.triedAgain(e, scoped), e);
            }
            throw new ResyncException("cannot resync sequences: "
                    + describe(e, splittable, scoped, tx, !applying), e);
        } catch (RuntimeException e) {
            tx.failed(e);
            throw e;
        } finally {
            tx.end();
        }
    }

    /**
     * Resyncs on a connection of {@code dataSource}'s, in a transaction of its own (see
     * {@link #runInOwnTransaction}: also when the pool hands connections out with auto-commit off),
     * and gives the connection back.
     *
     * @see #run(Connection)
     */
    public ResyncReport run(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        try (Connection connection = dataSource.getConnection()) {
            return runInOwnTransaction(connection);
        } catch (SQLException e) {
            throw new ResyncException("cannot resync sequences: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * {@link #run(Connection)} in a transaction of its own, on a connection that carries no transaction
     * of its caller's, such as one just taken from a pool: whatever its auto-commit setting (a pool may
     * hand connections out with it off, as HikariCP's {@code autoCommit=false} does, the setting
     * recommended with Hibernate's {@code provider_disables_autocommit}), the run commits its own work,
     * splits itself into several transactions when the server's lock table needs it, and puts
     * auto-commit back as it was. Turning auto-commit on commits whatever the connection's transaction
     * holds, so a connection with work of the caller's pending belongs to {@link #run(Connection)}.
     *
     * @throws ResyncException as {@link #run(Connection)} does, and when the connection fails
     */
    public ResyncReport runInOwnTransaction(Connection connection) {
        Objects.requireNonNull(connection, "connection");
        try {
            if (connection.getAutoCommit()) {
                return run(connection);
            }
            connection.setAutoCommit(true);
            try {
                return run(connection);
            } finally {
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            throw new ResyncException("cannot resync sequences: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The same resync as one self-contained PL/pgSQL {@code DO} block (after a short one that refuses a
     * server older than PostgreSQL 12 with one line), for review and for running
     * later (with psql, as Liquibase update-sql prints it): it runs this path's own catalog and
     * planning statements server-side, and reports line for line as {@link ResyncReport#log} does,
     * through NOTICE, WARNING and DEBUG messages. Nothing is read from any database to render it.
     */
    public String script() {
        return Script.render(options);
    }

    /** The sequences in scope, from the catalog, with the columns to measure; bad options fail here. */
    private List<ScopedSequence> discover(Connection connection, Catalog.Preflight preflight) throws SQLException {
        if (preflight.mappingError() != null) {
            throw new ResyncException(preflight.mappingError());
        }
        if (preflight.schemaProblem() != null) {
            throw new ResyncException(preflight.schemaProblem());
        }
        return Scope.select(Catalog.discover(connection, options, preflight), preflight.mappings());
    }

    /**
     * The plan: each sequence's next value, or why it is left alone (one statement).
     *
     * @param notes about the run as a whole (a cutover source's sequences not here)
     */
    private Plan plan(Connection connection, List<ScopedSequence> scoped, Measurer.Measurements measurements,
                      List<String> notes) throws SQLException {
        List<PlanInput> inputs = new ArrayList<>();
        for (ScopedSequence s : scoped) {
            inputs.add(input(s, measurements));
        }
        List<SequenceReport> reports = Planner.plan(connection, inputs, options.mode(), options.dryRun(),
                options.warnAt());
        List<Plan.Step> steps = new ArrayList<>();
        for (int i = 0; i < scoped.size(); i++) {
            SequenceReport report = reports.get(i);
            DiscoveredSequence s = scoped.get(i).sequence();
            steps.add(new Plan.Step(scoped.get(i), report, report.changed()
                    ? Applier.Change.of(s, report.nextValueAfter(), measurements.states().get(s.oid()).isCalled())
                    : null));
        }
        return new Plan(options.mode(), options.dryRun(), steps, notes);
    }

    /** With failOnProblem, a problem anywhere stops the run before anything changes. */
    private void requireNoProblems(Plan plan) {
        ResyncReport report = plan.report();
        if (options.failOnProblem() && !report.withProblems().isEmpty()) {
            List<String> problems = report.problems();
            throw new ResyncException(Message.PROBLEMS_FOUND.format(Message.count(problems.size(), "problem"),
                    String.join("\n  ", problems), options.spelling().setting(ResyncOption.FAIL_ON_PROBLEM, "false")),
                    null, report);
        }
    }

    /**
     * What was measured, of which sequences (those whose relations stayed locked past the lock
     * timeout or statement_timeout turned into problems, with failOnProblem false), in chunks of what size.
     */
    private record Measured(List<ScopedSequence> scoped, Measurer.Measurements measurements, int chunk) {
    }

    /**
     * Locks the tables (SHARE with lockTables, else ACCESS SHARE per chunk, see {@link Applier.TableLock})
     * and measures, in chunks when the lock table is too small for one
     * statement, and only when splittable (see run): each chunk's transaction is rolled back once read.
     * A lock wait that outlasts the lock timeout (or statement_timeout) fails the run naming who blocked it; with
     * failOnProblem false, the sequences of the blocked relations become problems and the others
     * are measured again, from scratch: the run never waits for a lock while it holds locks taken
     * in an earlier try. Each try ends at most one blocked relation's wait sooner, so there are at
     * most as many tries as relations.
     */
    private Measured measure(Connection connection, RunTransaction tx, List<ScopedSequence> scoped,
                             boolean sequenceDataFunction) throws SQLException {
        for (int tries = 1; ; tries++) {
            Measurer.Measurements measurements = Measurer.Measurements.empty();
            try {
                if (options.lockTables()) {
                    Applier.lock(connection, tables(scoped), Applier.TableLock.SHARE);
                }
                int chunk = LockTableChunks.run(scoped, scoped.size(), tx.splittable(options.lockTables()),
                        tx::rollbackChunk, tx::rollbackChunk, part -> {
                            if (!options.lockTables()) {
                                // first, so that the measurement's snapshot comes after every wait (TableLock)
                                Applier.lock(connection, tables(part), Applier.TableLock.ACCESS_SHARE);
                            }
                            Measurer.measure(connection, part, sequenceDataFunction, measurements);
                        });
                return new Measured(scoped, measurements, chunk);
            } catch (SQLException e) {
                scoped = leaveOutBlocked(connection, tx, scoped, e, tries, true);
            }
        }
    }

    /**
     * After a statement failed: when it gave up waiting for a lock (the lock timeout, a deadlock, or the
     * caller's statement_timeout, which may be shorter) and failOnProblem is false, the transaction made
     * usable again and the sequences again, those whose relations are blocked with a problem naming who
     * blocks them; otherwise the failure, naming who blocked the run.
     */
    private List<ScopedSequence> leaveOutBlocked(Connection connection, RunTransaction tx, List<ScopedSequence> scoped,
                                                 SQLException e, int tries, boolean measuring) throws SQLException {
        String statementTimeout = tx.statementTimeout();
        // statement_timeout, the caller's, may end a lock wait before the run's lock timeout does
        boolean canceled = Locks.canceledByServer(e) && statementTimeout != null;
        if (!canceled && !Locks.gaveUpWaiting(e)) {
            throw e;
        }
        tx.recover();
        Map<Long, String> blocked = blockers(connection, scoped);
        String lockTimeout = tx.settings().lockTimeout();
        if (options.failOnProblem() || blocked.isEmpty() || tries > scoped.size()) {
            List<String> holders = List.copyOf(blocked.values());
            throw new ResyncException("cannot resync sequences: " + (canceled
                    ? Locks.canceled(statementTimeout, holders, measuring, options.spelling())
                    : Locks.message(e, lockTimeout, holders, measuring, options.spelling())), e);
        }
        return canceled ? Scope.blocked(scoped, blocked, Message.BLOCKED_PAST_STATEMENT_TIMEOUT, statementTimeout)
                : Scope.blocked(scoped, blocked, Message.BLOCKED, lockTimeout);
    }

    /** Who blocks the readable sequences and their tables. */
    private Map<Long, String> blockers(Connection connection, List<ScopedSequence> scoped) throws SQLException {
        List<Long> sequences = new ArrayList<>();
        for (ScopedSequence s : scoped) {
            if (s.readable()) {
                sequences.add(s.sequence().oid());
            }
        }
        return Locks.blockers(connection, tables(scoped), options.lockTables(), sequences);
    }

    /** The tables the readable sequences' columns are measured in. */
    private static Set<Long> tables(List<ScopedSequence> scoped) {
        Set<Long> tables = new LinkedHashSet<>();
        for (ScopedSequence s : scoped) {
            if (s.readable()) {
                s.measured().forEach(c -> tables.add(c.tableOid()));
            }
        }
        return tables;
    }

    /**
     * Applies the plan in one statement, or in transactions of {@code chunk} sequences each when the
     * measurement had to be split that way to fit the lock table. A sequence another session holds
     * (ALTER SEQUENCE) may block only its setval: from PostgreSQL 18 the measurement reads sequences
     * without the lock setval needs. With failOnProblem false, those sequences become problems and
     * the others are applied again: a sequence the failed statement set already is at its target,
     * and the apply leaves it alone (exact mode sets the same value).
     */
    private ResyncReport apply(Connection connection, RunTransaction tx, Plan plan, boolean readOnly, Measured measured,
                               boolean sequenceDataFunction) throws SQLException {
        List<Applier.Change> changes = plan.changes();
        if (readOnly && !changes.isEmpty()) {
            throw ResyncException.readOnly("cannot resync sequences: the transaction is read-only (a hot standby "
                    + "or default_transaction_read_only); " + Message.count(changes.size(), "sequence") + " to change, first "
                    + plan.report().changed().get(0).sequence(), plan.report());
        }
        for (int tries = 1; ; tries++) {
            Map<Long, Applier.Outcome> outcomes = new HashMap<>();
            try {
                LockTableChunks.run(plan.changes(), measured.chunk(), false, tx::rollbackChunk, tx::commitChunk,
                        part -> outcomes.putAll(Applier.apply(connection, part, options.mode() == Mode.EXACT,
                                sequenceDataFunction)));
                return plan.applied(outcomes);
            } catch (SQLException e) {
                if (!outcomes.isEmpty()) {
                    // a later chunk failed (other sessions filled the lock table meanwhile, a timeout, a lost
                    // connection): the earlier chunks are committed, each sequence at its correct value
                    long set = outcomes.values().stream().filter(Applier.Outcome::applied).count();
                    throw new ResyncException("cannot resync sequences: "
                            + describe(e, true, plan.scoped(), tx, false) + "; " + set + " of "
                            + Message.count(plan.changes().size(), "sequence") + " had been set before that, each to its"
                            + " correct value: run again to set the rest", e, plan.applied(outcomes));
                }
                plan = plan(connection, leaveOutBlocked(connection, tx, plan.scoped(), e, tries, false),
                        measured.measurements(), plan.notes());
            }
        }
    }

    private PlanInput input(ScopedSequence scoped, Measurer.Measurements m) {
        DiscoveredSequence s = scoped.sequence();
        List<String> warnings = new ArrayList<>(scoped.warnings());
        List<String> problems = new ArrayList<>(scoped.problems());
        SequenceState sourceState = source == null ? null : source.stateFor(s, warnings, problems);
        List<PlanInput.MeasuredColumn> measured = new ArrayList<>();
        for (DiscoveredColumn c : scoped.measured()) {
            Measurer.ColumnKey key = Measurer.ColumnKey.of(c, s);
            measured.add(new PlanInput.MeasuredColumn(c.displayName(), c.type(), c.baseType(),
                    m.extremes().get(key), c.step()));
            if (m.remoteFailures().containsKey(key)) {
                problems.add(Message.REMOTE_UNREADABLE.format(c.displayName(), c.remote(), m.remoteFailures().get(key)));
            }
        }
        return new PlanInput(s.displayName(), s.columns().stream().map(DiscoveredColumn::displayName).toList(),
                s.columns().stream().filter(c -> c.link() != null).map(c -> c.displayName() + " by " + c.link()).toList(),
                s.start(), s.increment(), s.min(), s.max(), s.cycle(), m.states().get(s.oid()), measured,
                s.canUpdate(), warnings, problems, sourceState);
    }

    /**
     * Why a connection is not one this library works on, when it is not to PostgreSQL: the one line
     * {@link #run} fails with, naming the database. Adapters that run alongside other databases (H2
     * or HSQLDB in unit tests) use it to skip with a warning instead.
     *
     * @return the reason, or empty for a PostgreSQL connection
     * @throws ResyncException when the connection cannot tell what it is connected to
     */
    public static Optional<String> notPostgres(Connection connection) {
        try {
            DatabaseMetaData meta = connection.getMetaData();
            String product = meta.getDatabaseProductName();
            return "PostgreSQL".equalsIgnoreCase(product) ? Optional.empty()
                    : Optional.of("sequence-resync works on PostgreSQL only; this connection is to " + product + " "
                                  + meta.getDatabaseProductVersion());
        } catch (SQLException e) {
            throw new ResyncException("cannot resync sequences: " + e.getMessage(), e);
        }
    }

    /** Refuses a server older than the oldest the statements run on, before sending any. */
    private static void requireVersion(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        if (meta.getDatabaseMajorVersion() < ServerVersion.MINIMUM) {
            throw new ResyncException(Message.OLD_SERVER.format(meta.getDatabaseProductVersion()));
        }
    }

    /**
     * The server's message in one line, and for a full lock table, a table or sequence gone
     * meanwhile, a statement statement_timeout ended, or a session transaction_timeout ended, what to do about it.
     *
     * @param splittable whether the run could split itself into transactions to fit the lock table
     * @param scoped     the sequences found, by which a relation the server gives by OID is named
     * @param tx         the run's transaction, with the timeouts in force
     * @param measuring  whether it happened before anything was applied
     */
    private String describe(SQLException e, boolean splittable, List<ScopedSequence> scoped, RunTransaction tx,
                            boolean measuring) {
        String message = firstLine(e.getMessage());
        if (SchemaChanged.by(e)) {
            return SchemaChanged.message(e, scoped);
        }
        if (Locks.canceledByServer(e) && tx.statementTimeout() != null) {
            return Locks.canceled(tx.statementTimeout(), List.of(), measuring, options.spelling());
        }
        if (Locks.TRANSACTION_TIMEOUT.equals(e.getSQLState()) && tx.transactionTimeout() != null) {
            return Locks.transactionTimedOut(tx.transactionTimeout(), tx.settings().lockTimeout(), measuring,
                    options.spelling());
        }
        if (message.contains("statement pooling mode")) {
            // PgBouncer's pool_mode=statement ends the client connection at the first statement that
            // leaves a transaction open: its line says so, not that a resync cannot work without one
            return message + " (a resync reads and sets its sequences in one transaction: connect to the database"
                   + " directly or through a pool in transaction or session mode)";
        }
        if (!LockTableChunks.OUT_OF_SHARED_MEMORY.equals(e.getSQLState())) {
            return message;
        }
        // out of shared memory: a lock table is full. PostgreSQL's hint, on a later line, names
        // the setting (max_locks_per_transaction; max_pred_locks_per_transaction when serializable)
        String setting = e.getMessage().lines().skip(1).map(String::strip)
                .filter(line -> line.startsWith("Hint:")).findFirst()
                .map(hint -> hint + " ").orElse("Raise max_locks_per_transaction. ");
        Spelling spelling = options.spelling();
        return message + " (" + setting + "A resync holds a lock on every table, index and sequence it reads"
                + " until its transaction ends"
                + (splittable ? "" : ", and splits itself into transactions that fit only when it has one of its own"
                                     + " (autocommit) and " + spelling.setting(ResyncOption.LOCK_TABLES, "false"))
                + ": raise that setting, or split the run with the options " + spelling.of(ResyncOption.SCHEMAS)
                + " and " + spelling.of(ResyncOption.EXCLUDE) + ".)";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

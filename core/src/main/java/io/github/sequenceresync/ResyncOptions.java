package io.github.sequenceresync;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What to resync and how. Immutable; build with {@link #builder()} (the constructor is not API, so
 * that a later version can add options). The defaults are safe for a production database: every
 * non-system schema, forward-only, no locks, fail on any problem. Nothing here is null; lists are
 * empty when not given.
 */
public final class ResyncOptions {

    /** Default wait for table locks. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);

    /** Default share of a sequence's range used from which its report warns (check_postgres' warning level). */
    public static final double DEFAULT_WARN_AT = 85;

    private final List<String> schemas;
    private final List<String> exclude;
    private final Mode mode;
    private final boolean dryRun;
    private final boolean lockTables;
    private final Duration lockTimeout;
    private final boolean failOnProblem;
    private final List<ColumnMapping> columnMappings;
    private final List<LinkRule> linkRules;
    private final double warnAt;
    private final boolean mappedSequencesOnly;
    private final Spelling spelling;

    private ResyncOptions(Builder b) {
        this.schemas = List.copyOf(b.schemas);
        this.exclude = List.copyOf(b.exclude);
        this.columnMappings = List.copyOf(b.columnMappings);
        this.linkRules = List.copyOf(b.linkRules);
        this.mode = Objects.requireNonNull(b.mode, "mode");
        this.lockTimeout = Objects.requireNonNull(b.lockTimeout, "lockTimeout");
        this.dryRun = b.dryRun;
        this.lockTables = b.lockTables;
        this.failOnProblem = b.failOnProblem;
        this.warnAt = b.warnAt;
        this.mappedSequencesOnly = b.mappedSequencesOnly;
        this.spelling = b.spelling == null ? Spelling.JAVA : b.spelling;
        for (String schema : schemas) {
            if (schema.isBlank()) {
                throw new IllegalArgumentException("option schemas: a schema name is empty");
            }
        }
        for (String pattern : exclude) {
            if (pattern.isBlank()) {
                throw new IllegalArgumentException("option exclude: a pattern is empty");
            }
        }
        if (!(warnAt >= 0 && warnAt <= 100)) {
            // as a user writes it: 150, not 150.0
            throw new IllegalArgumentException("option warnAt: must be a percentage from 0 to 100, was "
                    + new BigDecimal(Double.toString(warnAt)).stripTrailingZeros().toPlainString());
        }
        if (lockTimeout.isNegative() || lockTimeout.isZero()) {
            // in the unit every entry point takes, not Duration's PT0S
            throw new IllegalArgumentException("option lockTimeout: must be positive, was " + lockTimeout.toMillis() + "ms");
        }
    }

    /**
     * Schemas whose sequences are resynced; empty means every schema except the system ones
     * ({@code pg_catalog}, {@code information_schema}, {@code pg_toast*}, {@code pg_temp*}). A
     * sequence in another schema that a table in these schemas takes ids from (by a default, its
     * domain's default or a trigger) is resynced with them. Columns that use those sequences are
     * measured in whatever schema they are.
     */
    public List<String> schemas() {
        return schemas;
    }

    /**
     * Glob patterns ({@code *}, {@code ?}) of sequences or tables to leave alone, matched against
     * {@code schema.name} and against the bare name; a sequence is left alone when it or any table
     * that uses it matches.
     */
    public List<String> exclude() {
        return exclude;
    }

    /** {@link Mode#FORWARD} (default) or {@link Mode#EXACT}. */
    public Mode mode() {
        return mode;
    }

    /** Compute and report, change nothing. */
    public boolean dryRun() {
        return dryRun;
    }

    /**
     * Lock every measured table in SHARE mode (in oid order) before measuring, so that no concurrent
     * writer can insert an id that the resync misses; the locks last until the surrounding
     * transaction ends.
     */
    public boolean lockTables() {
        return lockTables;
    }

    /** How long to wait for any lock before failing with the relation's name (and who holds it). */
    public Duration lockTimeout() {
        return lockTimeout;
    }

    /**
     * True (default): any problem fails the run before anything changes; false: problems are
     * reported and the other sequences are resynced.
     */
    public boolean failOnProblem() {
        return failOnProblem;
    }

    /** Extra sequence-to-column links the catalog does not record. */
    public List<ColumnMapping> columnMappings() {
        return columnMappings;
    }

    /** Naming rules that link sequences to columns, e.g. {@code {table}_seq->{table}.id}. */
    public List<LinkRule> linkRules() {
        return linkRules;
    }

    /**
     * The share of a sequence's range used (0 to 100) from which its report warns that it runs out
     * ({@link Capacity}); 85 by default.
     */
    public double warnAt() {
        return warnAt;
    }

    /**
     * Only the sequences the column mappings name, whatever the schemas say (the Hibernate
     * integration resyncs its generators' sequences so).
     */
    public boolean mappedSequencesOnly() {
        return mappedSequencesOnly;
    }

    /**
     * How what a run says names the options (a problem's way out, a missing schema): as the entry point
     * that read them spells them, {@link Spelling#JAVA} for options built in Java. Not part of
     * {@link #equals}: it changes words, not what a run does.
     */
    public Spelling spelling() {
        return spelling;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResyncOptions r && schemas.equals(r.schemas) && exclude.equals(r.exclude) && mode == r.mode
                && dryRun == r.dryRun && lockTables == r.lockTables && lockTimeout.equals(r.lockTimeout)
                && failOnProblem == r.failOnProblem && columnMappings.equals(r.columnMappings)
                && linkRules.equals(r.linkRules) && Double.compare(warnAt, r.warnAt) == 0
                && mappedSequencesOnly == r.mappedSequencesOnly;
    }

    @Override
    public int hashCode() {
        return Objects.hash(schemas, exclude, mode, dryRun, lockTables, lockTimeout, failOnProblem, columnMappings,
                linkRules, warnAt, mappedSequencesOnly);
    }

    @Override
    public String toString() {
        return "ResyncOptions[schemas=" + schemas + ", exclude=" + exclude + ", mode=" + mode + ", dryRun=" + dryRun
                + ", lockTables=" + lockTables + ", lockTimeout=" + lockTimeout + ", failOnProblem=" + failOnProblem
                + ", columnMappings=" + columnMappings + ", linkRules=" + linkRules + ", warnAt=" + warnAt
                + ", mappedSequencesOnly=" + mappedSequencesOnly + "]";
    }

    /** The defaults: every user schema, forward-only, no locks, fail on problems. */
    public static ResyncOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.schemas.addAll(schemas);
        b.exclude.addAll(exclude);
        b.mode = mode;
        b.dryRun = dryRun;
        b.lockTables = lockTables;
        b.lockTimeout = lockTimeout;
        b.failOnProblem = failOnProblem;
        b.columnMappings.addAll(columnMappings);
        b.linkRules.addAll(linkRules);
        b.mappedSequencesOnly = mappedSequencesOnly;
        b.warnAt = warnAt;
        b.spelling = spelling;
        return b;
    }

    /** Builds {@link ResyncOptions}; {@link #build()} validates and names the offending option. */
    public static final class Builder {
        private final List<String> schemas = new ArrayList<>();
        private final List<String> exclude = new ArrayList<>();
        private final List<ColumnMapping> columnMappings = new ArrayList<>();
        private final List<LinkRule> linkRules = new ArrayList<>();
        private Mode mode = Mode.FORWARD;
        private boolean dryRun;
        private boolean lockTables;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private boolean failOnProblem = true;
        private boolean mappedSequencesOnly;
        private double warnAt = DEFAULT_WARN_AT;
        /** Null until an entry point or the caller says: {@link Spelling#JAVA} then. */
        private Spelling spelling;

        private Builder() {
        }

        /** Schemas whose sequences to resync (exact names, not quoted); none means all user schemas. */
        public Builder schemas(String... names) {
            return schemas(List.of(names));
        }

        public Builder schemas(Collection<String> names) {
            schemas.clear();
            schemas.addAll(names);
            return this;
        }

        /** Glob patterns of sequences or tables to leave alone. */
        public Builder exclude(String... patterns) {
            return exclude(List.of(patterns));
        }

        public Builder exclude(Collection<String> patterns) {
            exclude.clear();
            exclude.addAll(patterns);
            return this;
        }

        public Builder mode(Mode value) {
            this.mode = value;
            return this;
        }

        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        public Builder lockTables(boolean value) {
            this.lockTables = value;
            return this;
        }

        public Builder lockTimeout(Duration value) {
            this.lockTimeout = value;
            return this;
        }

        public Builder failOnProblem(boolean value) {
            this.failOnProblem = value;
            return this;
        }

        /** Adds a sequence-to-column link the catalog does not record. */
        public Builder columnMapping(ColumnMapping mapping) {
            columnMappings.add(mapping);
            return this;
        }

        public Builder columnMappings(Collection<ColumnMapping> mappings) {
            columnMappings.clear();
            columnMappings.addAll(mappings);
            return this;
        }

        /** Adds a naming rule that links sequences to columns. */
        public Builder linkRule(LinkRule rule) {
            linkRules.add(rule);
            return this;
        }

        public Builder linkRules(Collection<LinkRule> rules) {
            linkRules.clear();
            linkRules.addAll(rules);
            return this;
        }

        /** The share of a sequence's range used (0 to 100) from which its report warns that it runs out. */
        public Builder warnAt(double percent) {
            this.warnAt = percent;
            return this;
        }

        /** Only the sequences the column mappings name, whatever the schemas say. */
        public Builder mappedSequencesOnly(boolean value) {
            this.mappedSequencesOnly = value;
            return this;
        }

        /** How what a run says names the options: as this entry point spells them. */
        public Builder spelling(Spelling value) {
            this.spelling = Objects.requireNonNull(value, "spelling");
            return this;
        }

        /** {@link ResyncOption#apply}: the first entry point to read an option into the builder spells them. */
        void spelledIfUnset(Spelling value) {
            if (spelling == null) {
                spelling(value);
            }
        }

        public ResyncOptions build() {
            return new ResyncOptions(this);
        }
    }
}

package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Options are validated once and errors name the option. */
class OptionsTest {

    @Test
    void defaultsAreSafeForProduction() {
        ResyncOptions o = ResyncOptions.defaults();
        assertThat(o.mode()).isEqualTo(Mode.FORWARD);
        assertThat(o.failOnProblem()).isTrue();
        assertThat(o.dryRun()).isFalse();
        assertThat(o.lockTables()).isFalse();
        assertThat(o.schemas()).isEmpty();
    }

    @Test
    void blankSchemaIsRejectedNamingTheOption() {
        assertThatThrownBy(() -> ResyncOptions.builder().schemas("public", " ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option schemas");
    }

    @Test
    void nonPositiveLockTimeoutIsRejectedNamingTheOption() {
        assertThatThrownBy(() -> ResyncOptions.builder().lockTimeout(Duration.ZERO).build())
                .hasMessageContaining("option lockTimeout");
    }

    @Test
    void unknownModeIsRejectedNamingTheOption() {
        assertThat(Mode.parse(" Exact ", "mode")).isEqualTo(Mode.EXACT);
        assertThatThrownBy(() -> Mode.parse("backwards", "resync_mode"))
                .hasMessage("invalid value 'backwards' for option resync_mode: expected forward or exact");
    }

    @Test
    void columnMappingIsParsedFromConfigurationText() {
        assertThat(ColumnMapping.parse("orders_seq=sales.\"Orders\".id", "m"))
                .isEqualTo(new ColumnMapping("orders_seq", "sales.\"Orders\"", "id"));
        assertThatThrownBy(() -> ColumnMapping.parse("orders_seq", "resync_mappings"))
                .hasMessageContaining("option resync_mappings").hasMessageContaining("sequence=table.column");
    }

    @Test
    void anotherDatabaseIsRefusedByName() {
        DatabaseMetaData meta = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (p, m, a) -> switch (m.getName()) {
                    case "getDatabaseProductName" -> "MySQL";
                    case "getDatabaseProductVersion" -> "8.4.0";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> {
                    if (m.getName().equals("getMetaData")) {
                        return meta;
                    }
                    throw new AssertionError("nothing but metadata may be touched: " + m.getName());
                });
        assertThatThrownBy(() -> SequenceResync.with(ResyncOptions.defaults()).run(connection))
                .isInstanceOf(ResyncException.class)
                .hasMessage("sequence-resync works on PostgreSQL only; this connection is to MySQL 8.4.0");
    }

    @Test
    void eachOptionOfTheTableIsSpelledOnceForEveryEntryPoint() {
        assertThat(ResyncOption.LOCK_TIMEOUT.placeholder()).isEqualTo("resync_lock_timeout");
        assertThat(ResyncOption.LOCK_TIMEOUT.attribute()).isEqualTo("lockTimeout");
        assertThat(ResyncOption.LOCK_TIMEOUT.flag()).isEqualTo("--lock-timeout");
        assertThat(ResyncOption.LOCK_TIMEOUT.property()).isEqualTo("sequence-resync.lock-timeout");
        assertThat(ResyncOption.COLUMN_MAPPINGS.placeholder()).isEqualTo("resync_column_mappings");
    }

    @Test
    void theTableReadsEveryOptionFromText() {
        ResyncOptions.Builder b = ResyncOptions.builder();
        ResyncOption.SCHEMAS.apply(b, "a, b", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.EXCLUDE.apply(b, "tmp_*", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.MODE.apply(b, "EXACT", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.DRY_RUN.apply(b, "true", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.LOCK_TABLES.apply(b, "true", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.LOCK_TIMEOUT.apply(b, "1500ms", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.FAIL_ON_PROBLEM.apply(b, "false", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.COLUMN_MAPPINGS.apply(b, "s=public.t.id, u=t.v", Spelling.LIQUIBASE_ATTRIBUTE);
        ResyncOption.LOCK_TABLES.apply(b, " ", Spelling.LIQUIBASE_ATTRIBUTE); // blank: unchanged
        ResyncOptions o = b.build();
        assertThat(o.schemas()).containsExactly("a", "b");
        assertThat(o.exclude()).containsExactly("tmp_*");
        assertThat(o.mode()).isEqualTo(Mode.EXACT);
        assertThat(o.dryRun()).isTrue();
        assertThat(o.lockTables()).isTrue();
        assertThat(o.lockTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(o.failOnProblem()).isFalse();
        assertThat(o.columnMappings()).hasSize(2);
        assertThat(o.spelling()).as("the entry point that read them").isEqualTo(Spelling.LIQUIBASE_ATTRIBUTE);
        assertThat(ResyncOption.duration("10s", "x")).isEqualTo(Duration.ofSeconds(10));
        assertThat(ResyncOption.duration("2m", "x")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ResyncOption.duration("250", "x")).isEqualTo(Duration.ofMillis(250));
    }

    /** A lock timeout as Spring Boot, PostgreSQL's lock_timeout and Java write durations. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"250, 250", "250ms, 250", "10s, 10000", "10 s, 10000", "2m, 120000", "1min, 60000", "1 MIN, 60000",
                "1h, 3600000", "PT10S, 10000", "pt1m30s, 90000"})
    void aDurationIsReadAsSpringBootPostgresqlAndJavaWriteIt(String text, long millis) {
        assertThat(ResyncOption.duration(text, "x")).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"soon", "1.5s", "10 seconds", "1d", "P", "99999999999999999h"})
    void aDurationThatCannotBeReadIsRefusedInOneLine(String text) {
        assertThatThrownBy(() -> ResyncOption.LOCK_TIMEOUT.apply(ResyncOptions.builder(), text, Spelling.COMMAND_LINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid value '" + text + "' for option --lock-timeout: expected milliseconds or a number"
                            + " with ms, s, m (or min) or h, or ISO-8601 (PT10S), e.g. 10s");
    }

    @Test
    void aBadValueIsNamedAsTheEntryPointSpellsIt() {
        ResyncOptions.Builder b = ResyncOptions.builder();
        assertThatThrownBy(() -> ResyncOption.LOCK_TIMEOUT.apply(b, "soon", Spelling.COMMAND_LINE))
                .hasMessage("invalid value 'soon' for option --lock-timeout: expected milliseconds or a number with"
                            + " ms, s, m (or min) or h, or ISO-8601 (PT10S), e.g. 10s");
        assertThatThrownBy(() -> ResyncOption.DRY_RUN.apply(b, "yes", Spelling.FLYWAY_PLACEHOLDER))
                .hasMessage("invalid value 'yes' for option resync_dry_run: expected true or false");
        assertThatThrownBy(() -> ResyncOption.MODE.apply(b, "backwards", Spelling.JAVA))
                .hasMessage("invalid value 'backwards' for option mode: expected forward or exact");
        assertThatThrownBy(() -> ResyncOption.COLUMN_MAPPINGS.apply(b, "nonsense", Spelling.PROPERTY))
                .hasMessageStartingWith("invalid value 'nonsense' for option sequence-resync.column-mappings:");
    }

    /** Out of range, as the builder would refuse it, but named as the entry point spells the option. */
    @Test
    void aValueOutOfRangeIsNamedAsTheEntryPointSpellsIt() {
        ResyncOptions.Builder b = ResyncOptions.builder();
        assertThatThrownBy(() -> ResyncOption.WARN_AT.apply(b, "150", Spelling.COMMAND_LINE))
                .hasMessage("option --warn-at: must be a percentage from 0 to 100, was 150");
        assertThatThrownBy(() -> ResyncOption.LOCK_TIMEOUT.apply(ResyncOptions.builder(), "0", Spelling.FLYWAY_PLACEHOLDER))
                .hasMessage("option resync_lock_timeout: must be positive, was 0ms");
    }

    @Test
    void everyEntryPointSpellsAnOptionAndItsSettingItsOwnWay() {
        assertThat(Spelling.values()).extracting(sp -> sp.setting(ResyncOption.FAIL_ON_PROBLEM, "false")).containsExactly(
                "failOnProblem(false)", "resync_fail_on_problem=false", "failOnProblem=\"false\"",
                "--fail-on-problem=false", "sequence-resync.fail-on-problem=false");
        assertThat(Spelling.values()).extracting(sp -> sp.of(ResyncOption.LOCK_TIMEOUT)).containsExactly(
                "lockTimeout", "resync_lock_timeout", "lockTimeout", "--lock-timeout", "sequence-resync.lock-timeout");
    }

    /**
     * The first entry point to read an option into a builder spells the options: the Spring Boot
     * starter's properties stay its spelling when the Flyway callback reads them on.
     */
    @Test
    void theFirstEntryPointToReadTheOptionsSpellsThem() {
        assertThat(ResyncOptions.defaults().spelling()).isEqualTo(Spelling.JAVA);
        ResyncOptions.Builder b = ResyncOptions.builder();
        ResyncOption.DRY_RUN.apply(b, null, Spelling.PROPERTY); // even a value left out: the entry point is known
        ResyncOption.DRY_RUN.apply(b, "true", Spelling.FLYWAY_PLACEHOLDER);
        ResyncOptions read = b.build();
        assertThat(read.spelling()).isEqualTo(Spelling.PROPERTY);
        assertThat(read.toBuilder().build().spelling()).isEqualTo(Spelling.PROPERTY);
        assertThat(read.toBuilder().spelling(Spelling.COMMAND_LINE).build().spelling()).isEqualTo(Spelling.COMMAND_LINE);
        assertThat(read).as("words, not what a run does").isEqualTo(read.toBuilder().spelling(Spelling.JAVA).build());
    }
}

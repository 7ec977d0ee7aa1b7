package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}

package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The option and report types can grow without breaking code compiled against an older version: no
 * public constructor (a record's would change with every component), built by the builder or by the
 * resync itself.
 */
class PublicApiTest {

    @ParameterizedTest
    @ValueSource(classes = {ResyncOptions.class, ResyncReport.class, SequenceReport.class, Capacity.class,
        Capacity.ColumnCapacity.class})
    void optionAndReportTypesHaveNoPublicConstructorAndAreNoRecords(Class<?> type) {
        assertThat(type.getConstructors()).as("public constructors of %s", type.getSimpleName()).isEmpty();
        assertThat(type.isRecord()).as("%s is a record", type.getSimpleName()).isFalse();
        assertThat(java.lang.reflect.Modifier.isFinal(type.getModifiers())).isTrue();
    }
}

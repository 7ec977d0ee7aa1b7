package io.github.sequenceresync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exclusion globs as the Java side matches them (a cutover source's sequences), with the regular
 * expression the catalog query uses; {@code EdgeCasesIT} and the differential test hold PostgreSQL's
 * side.
 */
class NamePatternTest {

    @Test
    void starAndQuestionMarkAreWildcardsAndEverythingElseIsItself() {
        assertThat(NamePattern.anyMatches(List.of("orders_*"), "public", "orders_id_seq")).isTrue();
        assertThat(NamePattern.anyMatches(List.of("public.orders_*"), "public", "orders_id_seq")).isTrue();
        assertThat(NamePattern.anyMatches(List.of("t?"), "s", "t1")).isTrue();
        assertThat(NamePattern.anyMatches(List.of("t?"), "s", "t12")).isFalse();
        assertThat(NamePattern.anyMatches(List.of("a.b"), "s", "aXb")).isFalse();
        assertThat(NamePattern.anyMatches(List.of("(x)+[y]{2}|$^\\"), "s", "(x)+[y]{2}|$^\\")).isTrue();
        assertThat(NamePattern.anyMatches(List.of("Orders"), "s", "orders")).isFalse();
        assertThat(NamePattern.anyMatches(List.of("*"), "s", "line\nbreak")).isTrue();
    }

    @Test
    void theRegexIsAnchoredAndEscapesWhatEitherSyntaxReads() {
        assertThat(NamePattern.regex("a.b*")).isEqualTo("^a\\.b.*$");
        assertThat(NamePattern.regex("x(1)")).isEqualTo("^x\\(1\\)$");
    }
}

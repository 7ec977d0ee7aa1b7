package io.github.sequenceresync.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A property: the test method runs {@link #tries()} times, each time with a seed of its own
 * ({@code long seed}, its first parameter) from which it draws its case through a
 * {@link Generator}. The seeds differ from run to run, as a property test's should; each shows in
 * the invocation's name, and a failure prints the line that reruns exactly that case:
 * {@code -Dproperty.seed=N} runs every property once, with seed N.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "seed {0}")
@ArgumentsSource(PropertySeeds.class)
@ExtendWith(PropertySeeds.class)
public @interface PropertyTest {

    /** How many cases to try. */
    int tries();
}

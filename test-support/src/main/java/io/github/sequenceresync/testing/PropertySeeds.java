package io.github.sequenceresync.testing;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.provider.ArgumentsProvider;

/** The seeds of a {@link PropertyTest}, and the line a failure prints to rerun its case. */
final class PropertySeeds implements ArgumentsProvider, AnnotationConsumer<PropertyTest>, TestExecutionExceptionHandler {

    static final String SEED_PROPERTY = "property.seed";

    private int tries;

    @Override
    public void accept(PropertyTest annotation) {
        tries = annotation.tries();
    }

    @Override
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        String fixed = System.getProperty(SEED_PROPERTY);
        if (fixed != null && !fixed.isBlank()) {
            return Stream.of(Arguments.of(Long.parseLong(fixed.trim())));
        }
        SplittableRandom seeds = new SplittableRandom();
        return Stream.generate(() -> Arguments.of(seeds.nextLong())).limit(tries);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String name = context.getDisplayName();
        if (name.startsWith("seed ")) {
            System.err.printf("%s.%s failed with %s: rerun that case with -D%s=%s%n",
                    context.getRequiredTestClass().getSimpleName(), context.getRequiredTestMethod().getName(),
                    name, SEED_PROPERTY, name.substring("seed ".length()));
        }
        throw failure;
    }
}

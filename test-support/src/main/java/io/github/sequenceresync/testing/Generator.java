package io.github.sequenceresync.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Draws a property's case from its seed: the same seed, the same case. Ranges favour their edges
 * (the bounds, and zero where it lies inside) one time in eight, where off-by-one errors live.
 */
public final class Generator {

    private final Random random;

    public Generator(long seed) {
        this.random = new Random(seed);
    }

    /** A value in {@code [min, max]}, inclusive. */
    public long between(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        if (random.nextInt(8) == 0) {
            long[] edges = {min, max, Math.max(min, Math.min(max, 0))};
            return edges[random.nextInt(edges.length)];
        }
        return min + (long) Math.floor(random.nextDouble() * ((double) max - min + 1));
    }

    /** A value in {@code [min, max]}, inclusive. */
    public int between(int min, int max) {
        return (int) between((long) min, (long) max);
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    /** True with probability {@code p}. */
    public boolean chance(double p) {
        return random.nextDouble() < p;
    }

    public <T> T oneOf(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public final <T> T oneOf(T... choices) {
        return oneOf(List.of(choices));
    }

    /** An enum constant. */
    public <E extends Enum<E>> E oneOf(Class<E> type) {
        return oneOf(type.getEnumConstants());
    }

    /** Between {@code min} and {@code max} elements, each from {@code element}. */
    public <T> List<T> list(int min, int max, Supplier<T> element) {
        int size = between(min, max);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            list.add(element.get());
        }
        return list;
    }

    /** At most {@code max} distinct elements, each from {@code element}. */
    public <T> Set<T> distinct(int max, Supplier<T> element) {
        Set<T> set = new LinkedHashSet<>();
        for (T e : list(0, max, element)) {
            set.add(e);
        }
        return set;
    }

    /** {@code null} with probability {@code p}, otherwise a value from {@code value}. */
    public <T> T orNull(double p, Supplier<T> value) {
        return chance(p) ? null : value.get();
    }
}

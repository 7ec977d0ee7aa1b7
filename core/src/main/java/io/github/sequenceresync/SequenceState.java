package io.github.sequenceresync;

/**
 * A sequence's position as stored: {@code nextval()} returns {@code lastValue} when not
 * {@code isCalled}, otherwise {@code lastValue + increment}.
 */
record SequenceState(long lastValue, boolean isCalled) {
}

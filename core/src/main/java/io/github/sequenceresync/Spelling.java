package io.github.sequenceresync;

/**
 * How an entry point spells the options ({@link ResyncOption}), so that what a run says about an
 * option (a problem's way out, a missing schema, a full lock table) names it as that entry point's
 * user writes it: a Spring Boot user reads {@code sequence-resync.fail-on-problem=false}, a command-line
 * user {@code --fail-on-problem=false}. {@link ResyncOption#apply} records it in the builder; options
 * built in Java are spelled {@link #JAVA}.
 */
public enum Spelling {

    /** {@link ResyncOptions.Builder}'s methods: {@code failOnProblem(false)}. */
    JAVA,
    /** Flyway placeholders: {@code resync_fail_on_problem=false}. */
    FLYWAY_PLACEHOLDER,
    /** Attributes of Liquibase's {@code resyncSequences} change: {@code failOnProblem="false"}. */
    LIQUIBASE_ATTRIBUTE,
    /** Command-line flags: {@code --fail-on-problem=false}. */
    COMMAND_LINE,
    /** Spring Boot properties and Hibernate settings: {@code sequence-resync.fail-on-problem=false}. */
    PROPERTY;

    /** The option's name: {@code failOnProblem}, {@code resync_fail_on_problem}, {@code --fail-on-problem}, ... */
    public String of(ResyncOption option) {
        return switch (this) {
            case JAVA -> option.key();
            case LIQUIBASE_ATTRIBUTE -> option.attribute();
            case FLYWAY_PLACEHOLDER -> option.placeholder();
            case COMMAND_LINE -> option.flag();
            case PROPERTY -> option.property();
        };
    }

    /** The option set to {@code value}, as a user writes it: {@code failOnProblem(false)}, {@code --fail-on-problem=false}, ... */
    public String setting(ResyncOption option, String value) {
        return switch (this) {
            case JAVA -> of(option) + "(" + value + ")";
            case LIQUIBASE_ATTRIBUTE -> of(option) + "=\"" + value + "\"";
            case FLYWAY_PLACEHOLDER, COMMAND_LINE, PROPERTY -> of(option) + "=" + value;
        };
    }
}

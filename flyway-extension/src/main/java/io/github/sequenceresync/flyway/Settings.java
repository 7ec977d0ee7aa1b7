package io.github.sequenceresync.flyway;

import io.github.sequenceresync.ResyncOption;
import io.github.sequenceresync.ResyncOptions;
import io.github.sequenceresync.Spelling;
import java.util.Locale;
import java.util.Map;

/**
 * The callback's effective settings: explicit builder values first, then Flyway placeholders (the
 * option table's {@link ResyncOption#placeholder()} spellings, and the callback's own), then
 * defaults. Every value is validated here, and an error names the placeholder key.
 */
record Settings(boolean enabled, ResyncEvent event, ResyncOptions options, boolean schemasGiven,
                boolean failOnOtherDatabase) {

    static Settings resolve(ResyncSequencesCallback.Builder explicit, Map<String, String> placeholders) {
        Map<String, String> p = placeholders == null ? Map.of() : placeholders;
        boolean enabled = explicit.enabled != null ? explicit.enabled : bool(p, ResyncPlaceholders.ENABLED, true);
        ResyncEvent event = explicit.event != null ? explicit.event
                : p.containsKey(ResyncPlaceholders.EVENT)
                ? ResyncEvent.parse(p.get(ResyncPlaceholders.EVENT), ResyncPlaceholders.EVENT)
                : ResyncEvent.AFTER_MIGRATE;
        boolean failOnOtherDatabase = explicit.failOnOtherDatabase != null ? explicit.failOnOtherDatabase
                : bool(p, ResyncPlaceholders.FAIL_ON_OTHER_DATABASE, false);
        try {
            // all options given at once (the Spring Boot starter's) stand instead of the placeholders
            ResyncOptions.Builder o = explicit.options != null ? explicit.options.toBuilder() : ResyncOptions.builder();
            for (ResyncOption option : explicit.options != null ? new ResyncOption[0] : ResyncOption.values()) {
                option.apply(o, p.get(option.placeholder()), Spelling.FLYWAY_PLACEHOLDER);
            }
            if (explicit.set != null) {
                // set in code, they win over their placeholders: the run names the options as code does
                o.spelling(Spelling.JAVA);
                explicit.set.accept(o);
            }
            ResyncOptions options = o.build();
            return new Settings(enabled, event, options, !options.schemas().isEmpty(), failOnOtherDatabase);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sequence-resync: " + e.getMessage(), e);
        }
    }

    private static boolean bool(Map<String, String> p, String key, boolean fallback) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(
                    "sequence-resync: invalid value '" + v + "' for " + key + ": expected true or false");
        };
    }
}

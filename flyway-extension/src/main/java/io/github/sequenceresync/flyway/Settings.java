package io.github.sequenceresync.flyway;

import io.github.sequenceresync.ColumnMapping;
import io.github.sequenceresync.Mode;
import io.github.sequenceresync.ResyncOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The callback's effective settings: explicit builder values first, then Flyway placeholders, then
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

        ResyncOptions.Builder o = ResyncOptions.builder();
        List<String> schemas = explicit.schemas != null ? explicit.schemas : list(p, ResyncPlaceholders.SCHEMAS);
        o.schemas(schemas);
        o.exclude(explicit.exclude != null ? explicit.exclude : list(p, ResyncPlaceholders.EXCLUDE));
        o.mode(explicit.mode != null ? explicit.mode
                : p.containsKey(ResyncPlaceholders.MODE)
                ? Mode.parse(p.get(ResyncPlaceholders.MODE), ResyncPlaceholders.MODE) : Mode.FORWARD);
        o.dryRun(explicit.dryRun != null ? explicit.dryRun : bool(p, ResyncPlaceholders.DRY_RUN, false));
        o.lockTables(explicit.lockTables != null ? explicit.lockTables : bool(p, ResyncPlaceholders.LOCK_TABLES, false));
        o.lockTimeout(explicit.lockTimeout != null ? explicit.lockTimeout
                : p.containsKey(ResyncPlaceholders.LOCK_TIMEOUT)
                ? duration(p.get(ResyncPlaceholders.LOCK_TIMEOUT), ResyncPlaceholders.LOCK_TIMEOUT)
                : ResyncOptions.DEFAULT_LOCK_TIMEOUT);
        o.failOnProblem(explicit.failOnProblem != null ? explicit.failOnProblem
                : bool(p, ResyncPlaceholders.FAIL_ON_PROBLEM, true));
        List<ColumnMapping> mappings = new ArrayList<>();
        if (explicit.columnMappings != null) {
            mappings.addAll(explicit.columnMappings);
        } else {
            for (String m : list(p, ResyncPlaceholders.COLUMN_MAPPINGS)) {
                mappings.add(ColumnMapping.parse(m, ResyncPlaceholders.COLUMN_MAPPINGS));
            }
        }
        o.columnMappings(mappings);
        try {
            return new Settings(enabled, event, o.build(), !schemas.isEmpty(), failOnOtherDatabase);
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
                    "invalid value '" + v + "' for " + key + ": expected true or false");
        };
    }

    private static List<String> list(Map<String, String> p, String key) {
        String v = p.get(key);
        if (v == null || v.isBlank()) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static Duration duration(String value, String key) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            } else if (v.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            } else if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1).trim()));
            }
            return Duration.ofMillis(Long.parseLong(v));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid value '" + value + "' for " + key
                    + ": expected milliseconds or a number with ms, s or m, e.g. 10s");
        }
    }
}

package io.github.sequenceresync;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An exclusion pattern: {@code *} matches any run of characters, {@code ?} one character, everything
 * else itself (case-sensitive, against the names as stored, not quoted). A pattern matches an object
 * when it matches either {@code schema.name} or the bare {@code name}.
 */
final class NamePattern {

    private final String text;
    private final Pattern regex;

    private NamePattern(String text) {
        this.text = text;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> sb.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.regex = Pattern.compile(sb.toString(), Pattern.DOTALL);
    }

    /** The same pattern as an anchored PostgreSQL regular expression, for the SQL script. */
    static String postgresRegex(String glob) {
        StringBuilder sb = new StringBuilder("^");
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> sb.append(".*");
                case '?' -> sb.append('.');
                default -> {
                    if ("\\.^$+()[]{}|".indexOf(c) >= 0) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append('$').toString();
    }

    static List<NamePattern> compile(List<String> patterns) {
        return patterns.stream().map(NamePattern::new).toList();
    }

    boolean matches(String schema, String name) {
        return regex.matcher(name).matches() || regex.matcher(schema + "." + name).matches();
    }

    @Override
    public String toString() {
        return text;
    }
}

package io.github.sequenceresync;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An exclusion pattern: {@code *} matches any run of characters, {@code ?} one character, everything
 * else itself (case-sensitive, against the names as stored, not quoted). A pattern matches an object
 * when it matches either {@code schema.name} or the bare {@code name}. The catalog query matches
 * the patterns itself (see {@link Catalog}); Java matches them only against a cutover source's
 * sequences, with the same regular expression.
 */
final class NamePattern {

    private NamePattern() {
    }

    /**
     * The pattern as an anchored regular expression that PostgreSQL and Java read alike: every
     * character either syntax gives a meaning to is escaped, and {@code .} matches any character in
     * both (PostgreSQL by default, Java with DOTALL).
     */
    static String regex(String glob) {
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

    /** Whether any of the patterns matches {@code schema.name} or the bare {@code name}. */
    static boolean anyMatches(List<String> globs, String schema, String name) {
        return globs.stream().map(g -> Pattern.compile(regex(g), Pattern.DOTALL))
                .anyMatch(p -> p.matcher(name).matches() || p.matcher(schema + "." + name).matches());
    }
}

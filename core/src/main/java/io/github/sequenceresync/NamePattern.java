package io.github.sequenceresync;

/**
 * An exclusion pattern: {@code *} matches any run of characters, {@code ?} one character, everything
 * else itself (case-sensitive, against the names as stored, not quoted). A pattern matches an object
 * when it matches either {@code schema.name} or the bare {@code name}: {@link #excludes}, the one
 * place that says so, in SQL, which the catalog query and a cutover's list of the source's
 * sequences both run.
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

    /**
     * A SQL condition: whether any of the patterns in {@code ${exclude}} (a text[] of {@link #regex}es)
     * matches the object of that schema and name (SQL expressions).
     */
    static String excludes(String schema, String name) {
        return "EXISTS (SELECT FROM unnest(${exclude}::text[]) AS p WHERE %2$s ~ p OR (%1$s || '.' || %2$s) ~ p)"
                .formatted(schema, name);
    }
}

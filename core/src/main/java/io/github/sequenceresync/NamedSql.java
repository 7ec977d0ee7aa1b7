package io.github.sequenceresync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL whose parameters have names, written {@code ${name}}: JDBC binds them by name, and the SQL
 * script puts its PL/pgSQL variables in their place, so that neither depends on their order.
 */
record NamedSql(String text) {

    private static final Pattern PARAMETER = Pattern.compile("\\$\\{([a-z_]+)}");

    /** The statement prepared, each parameter bound to the value of its name. */
    PreparedStatement prepare(Connection connection, String prefix, Map<String, Object> values) throws SQLException {
        List<String> names = new ArrayList<>();
        Matcher m = PARAMETER.matcher(text);
        StringBuilder jdbc = new StringBuilder(prefix);
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        PreparedStatement ps = connection.prepareStatement(jdbc.toString());
        try {
            for (int i = 0; i < names.size(); i++) {
                if (!values.containsKey(names.get(i))) {
                    throw new IllegalStateException("no value for parameter " + names.get(i));
                }
                ps.setObject(i + 1, values.get(names.get(i)));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    /** The text with each parameter replaced by what {@code replacement} gives for its name. */
    String substitute(Function<String, String> replacement) {
        return PARAMETER.matcher(text).replaceAll(r -> Matcher.quoteReplacement(replacement.apply(r.group(1))));
    }
}

package io.github.sequenceresync.cli;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * A connection, given the way every PostgreSQL tool takes one, as the JDBC driver takes it: a JDBC
 * URL; a {@code postgres://} or {@code postgresql://} URI (the {@code DATABASE_URL} of most
 * platforms); a libpq keyword string ({@code host=db dbname=shop}); the {@code PGHOST},
 * {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGPASSWORD}, {@code PGSSLMODE},
 * {@code PGAPPNAME} and {@code PGOPTIONS} (settings for the session, {@code -c statement_timeout=5min})
 * variables; psql's {@code -h -p -d -U}. Flags win over the URL, the URL over the
 * variables, as with psql; a password from none of them is left to the driver, which reads
 * {@code PGPASSFILE} or {@code ~/.pgpass}. {@link #describe()} names everything but the password.
 */
final class Conninfo {

    private static final Pattern URI = Pattern.compile(
            "^postgres(?:ql)?://(?:(?<userinfo>[^@/?#]*)@)?(?<hosts>[^/?#]*)(?:/(?<db>[^?#]*))?(?:\\?(?<query>[^#]*))?$");
    private static final Pattern KEYWORD = Pattern.compile("\\s*(\\w+)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S*)");
    /** libpq's parameter names that the driver spells otherwise. */
    private static final Map<String, String> DRIVER_NAMES = Map.of(
            "application_name", "ApplicationName", "connect_timeout", "connectTimeout");

    private final String jdbcUrl;
    private final Properties properties;
    private final String described;

    private Conninfo(String jdbcUrl, Properties properties, String described) {
        this.jdbcUrl = jdbcUrl;
        this.properties = properties;
        this.described = described;
    }

    /**
     * @param url  {@code --url}, or null: then {@code DATABASE_URL}, or the variables and flags alone
     * @param host {@code -h}, or null; likewise {@code port}, {@code database}, {@code user}
     * @param password from {@code --password-env}, or null
     * @throws IllegalArgumentException in one line naming what is wrong, never the password
     */
    static Conninfo resolve(String url, String host, String port, String database, String user, String password,
                            Map<String, String> env) {
        Map<String, String> params = new LinkedHashMap<>();
        // the variables first, then the URL over them, then the flags over both
        put(params, "host", env.get("PGHOST"));
        put(params, "port", env.get("PGPORT"));
        put(params, "dbname", env.get("PGDATABASE"));
        put(params, "user", env.get("PGUSER"));
        put(params, "password", env.get("PGPASSWORD"));
        put(params, "sslmode", env.get("PGSSLMODE"));
        put(params, "application_name", env.get("PGAPPNAME"));
        put(params, "options", env.get("PGOPTIONS"));
        String given = url != null ? url : host == null && database == null ? env.get("DATABASE_URL") : null;
        String jdbc = null;
        if (given != null) {
            String text = given.strip();
            if (text.startsWith("jdbc:postgresql:")) {
                if (Pattern.compile("^jdbc:postgresql://[^/?#]*@").matcher(text).find()) {
                    throw new IllegalArgumentException("--url: a JDBC URL takes no user:password@ before the host ("
                            + masked(text) + "): give a postgres:// URI instead, or --user and --password-env");
                }
                jdbc = text;
                Properties parsed = Driver.parseURL(text, null);
                if (parsed == null) {
                    throw new IllegalArgumentException("--url: not a valid JDBC URL: " + masked(text));
                }
            } else if (text.startsWith("postgres://") || text.startsWith("postgresql://")) {
                uri(text, params);
            } else if (text.contains("=")) {
                keywords(text, params);
            } else {
                throw new IllegalArgumentException("--url: expected a JDBC URL (jdbc:postgresql://...), a URI"
                        + " (postgres://...) or keywords (host=... dbname=...), not " + masked(text));
            }
        }
        put(params, "host", host);
        put(params, "port", port);
        put(params, "dbname", database);
        put(params, "user", user);
        put(params, "password", password);

        Properties props = new Properties();
        // defaults that the user's own settings override: never a named server-side prepared
        // statement, which a transaction pooler (PgBouncer) would hand to its next client; and a
        // name for the connection in pg_stat_activity
        props.setProperty("prepareThreshold", "0");
        props.setProperty("ApplicationName", "sequence-resync");
        if (jdbc != null) {
            // the URL's own parameters win over properties in the driver; flags and variables fill the rest
            for (String key : new String[] {"user", "password", "sslmode", "application_name", "options"}) {
                if (params.containsKey(key)) {
                    props.setProperty(DRIVER_NAMES.getOrDefault(key, key), params.get(key));
                }
            }
            Properties parsed = Driver.parseURL(jdbc, props);
            return new Conninfo(jdbc, props, describe(parsed.getProperty("PGHOST"), parsed.getProperty("PGPORT"),
                    parsed.getProperty("PGDBNAME"), parsed.getProperty("user", System.getProperty("user.name"))));
        }
        String userName = params.getOrDefault("user", System.getProperty("user.name"));
        String hosts = params.getOrDefault("host", "localhost");
        String portText = params.getOrDefault("port", "5432");
        if (!portText.matches("[1-9][0-9]{0,4}") || Integer.parseInt(portText) > 65535) {
            String from = port != null && !port.isEmpty() ? "--port"
                    : portText.equals(env.get("PGPORT")) ? "PGPORT" : "--url";
            throw new IllegalArgumentException(from + ": '" + portText + "' is not a port number (1 to 65535)");
        }
        String db = params.getOrDefault("dbname", userName);
        StringBuilder hostList = new StringBuilder();
        for (String h : hosts.split(",")) {
            hostList.append(hostList.length() == 0 ? "" : ",").append(h.contains(":") || h.startsWith("[") ? h : h + ":" + portText);
        }
        props.setProperty("user", userName);
        params.forEach((key, value) -> {
            if (!key.equals("host") && !key.equals("port") && !key.equals("dbname") && !key.equals("user")) {
                props.setProperty(DRIVER_NAMES.getOrDefault(key, key), value);
            }
        });
        return new Conninfo("jdbc:postgresql://" + hostList + "/" + encode(db), props,
                describe(hosts, portText, db, userName));
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(key, value);
        }
    }

    private static void uri(String text, Map<String, String> params) {
        Matcher m = URI.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("--url: not a valid postgres:// URI: " + masked(text));
        }
        String userinfo = m.group("userinfo");
        if (userinfo != null) {
            int colon = userinfo.indexOf(':');
            put(params, "user", decode(colon < 0 ? userinfo : userinfo.substring(0, colon)));
            if (colon >= 0) {
                put(params, "password", decode(userinfo.substring(colon + 1)));
            }
        }
        String hosts = m.group("hosts");
        if (hosts != null && !hosts.isEmpty()) {
            // a single host:port is split so that -p and PGPORT keep their meaning for the others
            Matcher hp = Pattern.compile("^([^:,\\[]+|\\[[^]]+]):(\\d+)$").matcher(hosts);
            if (hp.matches()) {
                put(params, "host", decode(hp.group(1)));
                put(params, "port", hp.group(2));
            } else {
                put(params, "host", decode(hosts));
            }
        }
        put(params, "dbname", m.group("db") == null ? null : decode(m.group("db")));
        if (m.group("query") != null) {
            for (String pair : m.group("query").split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    put(params, decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
    }

    private static void keywords(String text, Map<String, String> params) {
        Matcher m = KEYWORD.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            String value = m.group(2);
            if (value.startsWith("'")) {
                value = value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1");
            }
            put(params, m.group(1), value);
            end = m.end();
        }
        if (!text.substring(end).isBlank()) {
            throw new IllegalArgumentException("--url: cannot read the keywords after '" + masked(text.substring(0, end).strip())
                    + "': expected key=value pairs (host=db port=5432 dbname=shop)");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String database) {
        return java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String describe(String host, String port, String database, String user) {
        return "host " + host + " port " + port + " database " + database + " as user " + user;
    }

    /** The text without the passwords a URL or keyword string may carry, for messages. */
    static String masked(String text) {
        return text.replaceAll("(?i)(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s]*)", "$1***")
                .replaceAll("(//[^/:@\\s]*:)[^/@\\s]*@", "$1***@");
    }

    /**
     * The same server and settings, another database: {@code --all-databases} connects to each so.
     *
     * @throws IllegalArgumentException when the URL names no host to keep (jdbc:postgresql:db)
     */
    Conninfo withDatabase(String database) {
        java.util.regex.Matcher m = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$").matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("--all-databases: the connection names no host: " + masked(jdbcUrl));
        }
        String url = m.group(1) + "/" + encode(database) + (m.group(3) == null ? "" : m.group(3));
        return new Conninfo(url, properties, described.replaceFirst(" database .* as user ", " database "
                + java.util.regex.Matcher.quoteReplacement(database) + " as user "));
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    Properties properties() {
        return properties;
    }

    /** Host, port, database and user: never the password. */
    String describe() {
        return described;
    }

    /** Connects; a failure is one line naming host, port, database and user, never the password. */
    java.sql.Connection connect() throws SQLException {
        try {
            return java.sql.DriverManager.getConnection(jdbcUrl, properties);
        } catch (SQLException e) {
            String message = SequenceResyncCommand.firstLine(e.getMessage());
            String password = properties.getProperty("password");
            if (password != null && !password.isEmpty()) {
                message = message.replace(password, "***");
            }
            throw new SQLException("cannot connect to " + describe() + ": " + masked(message), e.getSQLState(), e);
        }
    }
}

package io.github.sequenceresync.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * The one PostgreSQL server of a test run: embedded binaries (io.zonky) started once per JVM,
 * or an existing server named by {@code -Dpg.url} (with {@code -Dpg.user}, {@code -Dpg.password}).
 */
final class PostgresServer {

    private static PostgresServer instance;

    private final String adminUrl;
    private final String user;
    private final String password;

    private PostgresServer(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    static synchronized PostgresServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static PostgresServer start() {
        String url = property("pg.url");
        if (url != null) {
            return new PostgresServer(url, property("pg.user"), property("pg.password"));
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // the default 10 s is too short for a busy 2-core CI machine
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    // two-phase commit, as XA transaction managers use it: prepared transactions hold locks
                    .setServerConfig("max_prepared_transactions", "10")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
            // not getJdbcUrl(): its ?user= parameter would override the user of connectAs()
            PostgresServer server = new PostgresServer("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres",
                    "postgres", null);
            server.requireMajor(property("pg.version"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    /**
     * io.zonky publishes every major for linux-amd64 only; elsewhere the build's binaries for
     * another platform may be of another major than -Dpg.version asks for. Say so rather than test
     * the wrong server.
     */
    private void requireMajor(String wanted) {
        if (wanted == null) {
            return;
        }
        try (Connection c = connectAdmin(); var rs = c.createStatement().executeQuery("SHOW server_version_num")) {
            rs.next();
            String major = String.valueOf(Integer.parseInt(rs.getString(1)) / 10_000);
            if (!major.equals(wanted)) {
                throw new IllegalStateException("-Dpg.version=" + wanted + " asked for PostgreSQL " + wanted
                        + ", but the embedded binaries for " + System.getProperty("os.name") + "/"
                        + System.getProperty("os.arch") + " are PostgreSQL " + major
                        + ": other majors than the default run on linux-amd64 (see CONTRIBUTING.md)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the embedded server's version", e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() || value.startsWith("${") ? null : value;
    }

    /** Connects to the server's administrative database (the one named by the URL). */
    Connection connectAdmin() throws SQLException {
        return DriverManager.getConnection(adminUrl, credentials());
    }

    /** The JDBC URL of {@code database} on this server, keeping the URL's parameters. */
    String urlFor(String database) {
        // jdbc:postgresql://host:port/db?params -> replace db
        int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = adminUrl.indexOf('?', slash);
        String params = query < 0 ? "" : adminUrl.substring(query);
        return adminUrl.substring(0, slash + 1) + database + params;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    Properties credentials() {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }
}

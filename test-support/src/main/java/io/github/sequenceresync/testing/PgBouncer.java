package io.github.sequenceresync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PgBouncer process (Debian's package {@code pgbouncer}) in front of a test database, in
 * transaction pooling mode with as few server connections as the clients need at once (one for
 * most): every client shares them, one transaction at a time, so whatever one client leaves on a
 * connection the next one meets.
 * Where PgBouncer is not installed the test is skipped saying so; on CI ({@code CI} set), where
 * {@code .ci/run} installs it, it fails instead.
 */
public final class PgBouncer implements AutoCloseable {

    private static final List<String> BINARIES = List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer",
            "/usr/local/bin/pgbouncer", "/opt/homebrew/bin/pgbouncer");

    private final Process process;
    private final Path dir;
    private final int port;
    private final String database;

    private PgBouncer(Process process, Path dir, int port, String database) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.database = database;
    }

    /** Starts PgBouncer in front of {@code db} with one server connection; the caller closes it. */
    public static PgBouncer start(TestDatabase db) {
        return start(db, 1);
    }

    /**
     * Starts PgBouncer in front of {@code db} with {@code serverConnections} server connections (a
     * client that holds a transaction open on one connection while it works on another, as Flyway
     * does, needs two); the caller closes it.
     */
    public static PgBouncer start(TestDatabase db, int serverConnections) {
        return start(db, serverConnections, "transaction");
    }

    /** Starts PgBouncer with its {@code pool_mode}: {@code session}, {@code transaction} or {@code statement}. */
    public static PgBouncer start(TestDatabase db, int serverConnections, String poolMode) {
        String binary = BINARIES.stream().filter(b -> Files.isExecutable(Path.of(b))).findFirst().orElse(null);
        if (binary == null) {
            String why = "pgbouncer is not installed (apt-get install pgbouncer; .ci/run installs it)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        URI server = URI.create(db.url().substring("jdbc:".length()));
        try {
            Path dir = Files.createTempDirectory("pgbouncer");
            int port = freePort();
            // "any": the server connection logs in as the test's user, whoever the client says it is
            Files.writeString(dir.resolve("pgbouncer.ini"), """
                    [databases]
                    %1$s = host=%2$s port=%3$d dbname=%1$s user=%4$s %5$s

                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %6$d
                    unix_socket_dir =
                    auth_type = any
                    pool_mode = %10$s
                    default_pool_size = %9$d
                    min_pool_size = 0
                    query_wait_timeout = 15
                    max_client_conn = 50
                    ignore_startup_parameters = extra_float_digits
                    logfile = %7$s
                    pidfile = %8$s
                    """.formatted(db.name(), server.getHost(), server.getPort(), db.user(),
                    db.password() == null ? "" : "password=" + db.password(), port,
                    dir.resolve("pgbouncer.log"), dir.resolve("pgbouncer.pid"), serverConnections, poolMode));
            List<String> command = new ArrayList<>(List.of(binary));
            if ("root".equals(System.getProperty("user.name"))) {
                // PgBouncer refuses to run as root: it switches to nobody, who must write its log
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
                command.addAll(List.of("-u", "nobody"));
            }
            command.add(dir.resolve("pgbouncer.ini").toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, dir, port, db.name());
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pgbouncer", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("pgbouncer exited with " + process.exitValue() + ": " + log());
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("pgbouncer did not listen on port " + port + " within 20 s: " + log());
    }

    /** A plain JDBC URL of the database through PgBouncer: no parameter of the driver set. */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** What PgBouncer logged, for failure messages. */
    public String log() {
        try {
            StringBuilder sb = new StringBuilder();
            for (String f : List.of("stdout.log", "pgbouncer.log")) {
                Path p = dir.resolve(f);
                if (Files.exists(p)) {
                    sb.append(Files.readString(p));
                }
            }
            return sb.toString();
        } catch (IOException e) {
            return "(cannot read the log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

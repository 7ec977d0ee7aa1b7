package io.github.sequenceresync.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback that delays every chunk the client sends by a fixed time, as a remote
 * database would, and counts those chunks: each request a JDBC driver flushes is one round trip.
 * Only ever listens on and connects to 127.0.0.1.
 */
final class LatencyProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final long delayMillis;
    private final AtomicLong roundTrips = new AtomicLong();
    private volatile boolean closed;

    LatencyProxy(int targetPort, long delayMillis) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.delayMillis = delayMillis;
        Thread acceptor = new Thread(this::accept, "latency-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long roundTrips() {
        return roundTrips.get();
    }

    void resetCount() {
        roundTrips.set(0);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                pump(client.getInputStream(), target.getOutputStream(), true);
                pump(target.getInputStream(), client.getOutputStream(), false);
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private void pump(InputStream in, OutputStream out, boolean toServer) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (in; out) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (toServer) {
                        roundTrips.incrementAndGet();
                        if (delayMillis > 0) {
                            Thread.sleep(delayMillis);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // the connection ended
            }
        }, "latency-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}

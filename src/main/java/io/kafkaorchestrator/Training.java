package io.kafkaorchestrator;

import io.kafkaorchestrator.config.Config;
import io.kafkaorchestrator.config.ConfigException;
import io.kafkaorchestrator.config.ConfigLoader;
import io.kafkaorchestrator.logging.LogSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;

/**
 * {@code --train}: a short run of the real code paths with no Kafka cluster, so that the build can record a JDK AOT
 * cache ({@code -XX:AOTCacheOutput}) of what a serving sidecar loads. It starts the sidecar on a free loopback port,
 * pointed at a port that hangs up on every connection (see {@link HangUp}), calls every endpoint a few hundred times
 * and stops as on SIGTERM.
 */
final class Training {

    static final int ROUNDS = 300;
    private static final List<String> PATHS =
            List.of("/health/live", "/health/ready", "/health/restart-safe", "/metrics", "/about", "/no-such-path");
    private static final List<String> METRICS_FORMATS =
            List.of("text/plain; version=0.0.4", "application/openmetrics-text; version=1.0.0");

    private Training() {}

    static int run(PrintStream out, PrintStream err) {
        try (HangUp broker = new HangUp()) {
            return run(broker.port(), out, err);
        } catch (IOException e) {
            err.println("training failed: cannot listen on loopback: " + e);
            return Sidecar.EXIT_START;
        }
    }

    private static int run(int brokerPort, PrintStream out, PrintStream err) {
        Map<String, String> env = Map.of(
                "BROKER_ID", "0",
                "BOOTSTRAP_SERVERS", "127.0.0.1:" + brokerPort,
                "CHECK_INTERVAL", "20ms",
                "CHECK_TIMEOUT", "50ms",
                "LOG_LEVEL", "error");
        Config config;
        try {
            config = ConfigLoader.load(env);
        } catch (ConfigException e) {
            err.println("training failed: " + e.problems());
            return Sidecar.EXIT_CONFIG;
        }
        LogSetup.configure(config.logLevel(), config.logFormat(), out);
        try (Sidecar sidecar =
                Sidecar.start(config, Clock.systemUTC(), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int requests = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (String path : PATHS) {
                    get(sidecar.httpPort(), path, METRICS_FORMATS.get(round % METRICS_FORMATS.size()));
                    requests++;
                }
            }
            // The hang-up never answers, so the client never reads an error code: Kafka's table of every error, with
            // an exception class and a constructor reference each, would load from the jar on the first answer of a
            // real broker instead of from the cache.
            out.println("training: " + requests + " requests answered; " + Errors.values().length
                    + " Kafka error codes loaded; stopping");
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("training failed: " + e);
            return Sidecar.EXIT_START;
        }
    }

    private static void get(int port, String path, String accept) {
        try {
            HttpURLConnection connection = (HttpURLConnection)
                    URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            connection.setRequestProperty("Accept", accept);
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        }
    }

    /**
     * Stands where the broker would: accepts each connection, reads the client's first request and hangs up. The Kafka
     * client thereby builds and sends a request, which loads and links the protocol's message classes (many of the
     * classes a connected sidecar uses; a closed port never gets that far), then retries as when a broker restarts.
     * Classes in the AOT cache cost a serving sidecar neither start-up CPU nor metaspace.
     */
    private static final class HangUp implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

        HangUp() throws IOException {
            Thread.ofPlatform().name("training-hang-up").daemon().start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    client.setSoTimeout(1000);
                    client.getInputStream().read(new byte[4096]);
                } catch (IOException closedOrTimedOut) {
                    // The next connection is served the same way; close() ends the loop.
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

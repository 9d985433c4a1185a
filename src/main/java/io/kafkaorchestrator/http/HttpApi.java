package io.kafkaorchestrator.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's HTTP/1.1 server: exact paths, GET and HEAD only, bounded connections, request size and time limits.
 * One platform thread accepts; each connection is served on its own platform thread ({@link HttpConnection}), at most
 * {@link Limits#maxConnections} of them ({@link ConnectionSlots}). No framework: the few requests a sidecar gets
 * (probes, scrapes) need a request line, a few headers and one answer, and the thread that reads one answers it, so no
 * CPU goes into handing requests between threads (docs/packaging.md, Scrape cost).
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    /**
     * @param maxConnections  open connections, idle keep-alive ones included; past it the connection that has waited on
     *                        its client the longest (or an answer its client has not read for 10 s) is closed for the
     *                        new one, and only when all are answering is a new connection refused (closed)
     * @param maxRequestTime  a new connection's first request, and any request from its first byte (line, headers,
     *                        an unwanted body), must arrive within this time, else the connection closes: this is what
     *                        stops slow-loris clients
     * @param idleTime        a keep-alive connection waits this long for its next request
     * @param maxHeaderBytes  request line plus headers; a request over it is cut off (connection closed)
     */
    public record Limits(int maxConnections, Duration maxRequestTime, Duration idleTime, int maxHeaderBytes) {
        public static final Limits DEFAULT = new Limits(128, Duration.ofSeconds(5), Duration.ofSeconds(30), 16 * 1024);
    }

    /** An answer its client does not read (the socket buffer full) may be given up for a new connection after this. */
    private static final Duration MAX_ANSWER_TIME = Duration.ofSeconds(10);

    private static final int OWN_REQUEST_TIMEOUT_MS = 2000;
    /**
     * Connections the kernel queues before they are accepted (capped by net.core.somaxconn). When a burst of connects
     * overflows the queue, the kernel drops the SYN of a probe arriving with them, and its retry comes after the
     * platform's probe timeout. Queued connections cost nothing until they arrive.
     */
    private static final int LISTEN_BACKLOG = 1024;

    private final ServerSocket listener;
    private final ConnectionSlots<HttpConnection> slots;
    private final ExecutorService threads;
    private final Thread acceptor;

    private HttpApi(ServerSocket listener, Limits limits, Map<String, Function<Request, Response>> routes) {
        this.listener = listener;
        this.slots = new ConnectionSlots<>(limits.maxConnections(), MAX_ANSWER_TIME.toNanos(), System::nanoTime);
        // Reused between connections: a probe on a new connection does not pay for a new thread.
        this.threads = Executors.newCachedThreadPool(
                Thread.ofPlatform().name("http-", 0).daemon().factory());
        Router router = new Router(routes);
        this.acceptor = Thread.ofPlatform().name("http-acceptor").daemon().unstarted(() -> accept(limits, router));
    }

    /** Binds and starts serving; throws if the address cannot be bound. */
    public static HttpApi start(
            InetSocketAddress address, Map<String, Function<Request, Response>> routes, Limits limits)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        try {
            listener.bind(address, LISTEN_BACKLOG);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        HttpApi api = new HttpApi(listener, limits, routes);
        api.acceptor.start();
        return api;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Connections open now (for tests). */
    int openConnections() {
        return slots.open();
    }

    /**
     * Sends one {@code GET path} to this server over loopback and reads the answer. The first request a JVM serves
     * costs far more CPU than the next ones (class loading, the request path, JSON), which a small CPU quota stretches
     * in time (BENCHMARKS.md, start-up). Paid before the Kafka client starts, it keeps the platform's first probe from
     * queueing behind the client's start-up. A failure only costs the warm-up: it is reported, never thrown.
     */
    public Optional<IOException> answerOwnRequest(String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), OWN_REQUEST_TIMEOUT_MS);
            socket.setSoTimeout(OWN_REQUEST_TIMEOUT_MS);
            socket.getOutputStream()
                    .write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e);
        }
    }

    /**
     * Stops accepting connections, closes those waiting on their client, lets answers in flight finish within the
     * grace period, then closes the rest.
     */
    public void stop(Duration grace) {
        try {
            listener.close();
        } catch (IOException e) {
            log.debug("closing the HTTP listener: {}", e.toString());
        }
        try {
            slots.stop(grace.toMillis());
            acceptor.join(grace.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private void accept(Limits limits, Router router) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    // Out of file descriptors, most likely: the next accept may do better, but not in a busy loop.
                    log.atWarn()
                            .setMessage("Cannot accept an HTTP connection")
                            .addKeyValue("error", e.toString())
                            .log();
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
                }
                continue;
            }
            HttpConnection connection = new HttpConnection(socket, limits, slots, router::answer);
            if (!slots.admit(connection)) {
                connection.giveUp(); // every connection is answering: refuse this one
                continue;
            }
            try {
                threads.execute(connection);
            } catch (RejectedExecutionException e) { // stopping
                slots.release(connection);
                connection.giveUp();
            }
        }
    }

    /** Routes a request by exact path; GET and HEAD only. */
    private record Router(Map<String, Function<Request, Response>> routes, Response unknownPath) {

        private static final Response METHOD_NOT_ALLOWED =
                Response.json(405, Map.of("error", "method not allowed; use GET or HEAD"));

        Router(Map<String, Function<Request, Response>> routes) {
            this(
                    Map.copyOf(routes),
                    Response.json(
                            404,
                            Map.of(
                                    "error",
                                    "unknown path; endpoints: "
                                            + String.join(
                                                    ", ",
                                                    routes.keySet().stream()
                                                            .sorted()
                                                            .toList()))));
        }

        HttpConnection.Answer answer(RequestHead request) {
            Function<Request, Response> route = routes.get(request.path());
            if (route == null) {
                return new HttpConnection.Answer(unknownPath, "");
            }
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return new HttpConnection.Answer(METHOD_NOT_ALLOWED, "Allow: GET, HEAD\r\n");
            }
            try {
                return new HttpConnection.Answer(route.apply(new Request(request.accept())), "");
            } catch (RuntimeException e) {
                log.atError()
                        .setMessage("Endpoint failed")
                        .addKeyValue("path", request.path())
                        .setCause(e)
                        .log();
                return new HttpConnection.Answer(
                        Response.json(
                                500,
                                Map.of(
                                        "error",
                                        "internal error in the sidecar: "
                                                + e.getClass().getSimpleName() + "; see its log")),
                        "");
            }
        }
    }
}

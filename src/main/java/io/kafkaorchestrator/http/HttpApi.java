package io.kafkaorchestrator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar's HTTP server: exact paths, GET and HEAD only, bounded threads, request size and time limits. Built on
 * the JDK's own server (no framework), which takes its limits from system properties read once, at first use.
 */
public final class HttpApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);

    /**
     * @param maxConcurrentExchanges requests being read or answered at once; past it the oldest request still being
     *                               read is given up for the new one, and only when all are answering is a new
     *                               connection refused (closed)
     * @param maxRequestTime         a request (line, headers) must arrive within this time, else its connection closes:
     *                               this is what stops slow-loris clients
     * @param maxHeaderBytes         request line plus headers
     * @param maxConnections         open connections, idle ones included
     */
    public record Limits(int maxConcurrentExchanges, Duration maxRequestTime, int maxHeaderBytes, int maxConnections) {
        public static final Limits DEFAULT = new Limits(256, Duration.ofSeconds(5), 16 * 1024, 4096);
    }

    private static final int OWN_REQUEST_TIMEOUT_MS = 2000;

    private final HttpServer server;
    private final BoundedExecutor executor;

    private HttpApi(HttpServer server, BoundedExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; throws if the address cannot be bound. */
    public static HttpApi start(InetSocketAddress address, Map<String, Function<Request, Response>> routes, Limits limits)
            throws IOException {
        applyLimits(limits);
        BoundedExecutor executor = new BoundedExecutor(limits.maxConcurrentExchanges());
        HttpServer server;
        try {
            server = HttpServer.create(address, 128);
        } catch (IOException e) {
            executor.close();
            throw e;
        }
        server.createContext("/", exchange -> handle(exchange, routes));
        server.setExecutor(executor);
        server.start();
        return new HttpApi(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Sends one {@code GET path} to this server over loopback and reads the answer. The first request a JVM serves
     * costs tens of milliseconds of CPU (the virtual-thread scheduler, the exchange path, JSON); on a 0.1 CPU quota that
     * is the better part of a second. Paid before the Kafka client starts, it keeps the platform's first probe from
     * queueing behind the client's start-up. A failure only costs the warm-up: it is reported, never thrown.
     */
    public Optional<IOException> answerOwnRequest(String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), OWN_REQUEST_TIMEOUT_MS);
            socket.setSoTimeout(OWN_REQUEST_TIMEOUT_MS);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().readAllBytes();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e);
        }
    }

    /** Stops accepting connections, lets in-flight requests finish within the grace period, then closes. */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        server.stop((int) Math.max(0, grace.toSeconds()));
        try {
            executor.awaitIdle(Math.max(0, Duration.ofNanos(deadline - System.nanoTime()).toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.close();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static void applyLimits(Limits limits) {
        // The JDK server reads these once, when its configuration class loads: set them before the first server.
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(limits.maxRequestTime().toSeconds()));
        System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(Math.max(10, limits.maxRequestTime().toSeconds())));
        System.setProperty("sun.net.httpserver.maxReqHeaderSize", Integer.toString(limits.maxHeaderBytes()));
        System.setProperty("sun.net.httpserver.maxReqHeaders", "64");
        System.setProperty("jdk.httpserver.maxConnections", Integer.toString(limits.maxConnections()));
        System.setProperty("sun.net.httpserver.maxIdleConnections", "512");
        System.setProperty("sun.net.httpserver.idleInterval", "30");
        System.setProperty("sun.net.httpserver.timerMillis", "250");
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static void handle(HttpExchange exchange, Map<String, Function<Request, Response>> routes) {
        BoundedExecutor.answering();
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            Function<Request, Response> route = routes.get(exchange.getRequestURI().getRawPath());
            Response response;
            if (route == null) {
                response = Response.json(404, Map.of("error", "unknown path; endpoints: "
                        + String.join(", ", routes.keySet().stream().sorted().toList())));
            } else if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                response = Response.json(405, Map.of("error", "method not allowed; use GET or HEAD"));
            } else {
                response = answer(route, exchange);
            }
            send(exchange, response, head);
        } catch (IOException e) {
            log.debug("HTTP client went away: {}", e.toString());
        }
    }

    private static Response answer(Function<Request, Response> route, HttpExchange exchange) {
        try {
            return route.apply(new Request(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept"))));
        } catch (RuntimeException e) {
            log.error("Endpoint {} failed", exchange.getRequestURI().getRawPath(), e);
            return Response.json(500, Map.of("error", "internal error in the sidecar: " + e.getClass().getSimpleName()
                    + "; see its log"));
        }
    }

    private static void send(HttpExchange exchange, Response response, boolean head) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", response.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(response.body().length));
            exchange.sendResponseHeaders(response.status(), -1);
            BoundedExecutor.answered();
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(response.body());
            body.flush();
            // Closing the body reads what is left of the request's body: that waits on the client, not on us.
            BoundedExecutor.answered();
        }
    }
}

package io.kafkaorchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.reliability.RawHttp.Outcome;
import io.kafkaorchestrator.testing.SidecarProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile HTTP clients against the packaged sidecar, one behaviour per test, each while a prober asks /health/ready
 * four times a second on new connections as the platform does: every probe must be answered, within 100 ms (save a
 * rare outlier on a busy machine, see {@link #allowedOutliers}), and the process's resident memory must stay bounded.
 * Kafka is a closed port, so /health/ready answers 503 from the snapshot at once: the answer time measured is the
 * HTTP server's alone.
 *
 * <p>The load test runs {@value #DEFAULT_LOAD_SECONDS} s by default; {@code -Dreliability.load.seconds=30} runs the
 * issue's 30 s. Measurements go to target/reliability/hostile-clients.txt.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileClientsIT {

    static final Duration PROBE_LIMIT = Duration.ofMillis(100);
    /** Control Plane's default probe timeout: a probe slower than this fails on the platform. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    static final Duration PROBE_PERIOD = Duration.ofMillis(250);
    /** The sidecar closes a request that has not fully arrived after this long (HttpApi.Limits.DEFAULT). */
    static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(5);
    /** Connections the sidecar keeps open at most (HttpApi.Limits.DEFAULT). */
    static final int MAX_CONNECTIONS = 128;
    /**
     * Resident memory the process may reach at any point: what the JVM commits with these flags (the heap, the shared
     * class archive, metaspace, code, threads) and the shared libraries it maps, with some headroom (BENCHMARKS.md,
     * "Where the memory goes"). Past this bound something outside the heap grows; inside it, a leak ends the process
     * at the heap's limit (-XX:+ExitOnOutOfMemoryError), which the prober would see.
     */
    static final long RSS_BOUND = 144L * 1024 * 1024;

    static final int DEFAULT_LOAD_SECONDS = 5;
    static final int LOAD_RATE = 10_000;

    @TempDir
    static Path dir;

    static SidecarProcess sidecar;
    static final Map<String, String> measurements = new LinkedHashMap<>();

    private Prober prober;
    private long rssBefore;

    @BeforeAll
    static void startSidecar() {
        sidecar = SidecarProcess.start(
                SidecarProcess.unreachableKafkaEnv(SidecarProcess.freePort()), dir.resolve("sidecar.log"));
        // Warm up: the first answers load classes and are compiled; a probe after a quiet minute is not like that.
        for (int i = 0; i < 200; i++) {
            for (String path : List.of("/health/ready", "/health/live", "/metrics", "/about", "/nope")) {
                RawHttp.exchange(sidecar.port(), bytes(RawHttp.get(path, "Connection: close")), Duration.ofSeconds(5));
            }
        }
        measurements.put("after warm-up", "RSS " + mib(sidecar.rssBytes()));
    }

    @AfterAll
    static void stopSidecar() throws IOException {
        String log = sidecar.log();
        sidecar.close();
        StringBuilder report = new StringBuilder("JVM flags: " + String.join(" ", SidecarProcess.JVM_FLAGS) + "\n");
        measurements.forEach((behaviour, measured) ->
                report.append(behaviour).append(": ").append(measured).append('\n'));
        Path file = Path.of("target", "reliability", "hostile-clients.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.print(report);
        // A stack trace: a tab in text lines, an escaped one in JSON lines (the default).
        assertThat(log)
                .as("the sidecar's log")
                .doesNotContain("\tat ", "\\tat ", "Exception in thread", "OutOfMemoryError");
    }

    /** Each behaviour runs while the prober probes. */
    private void startProbing() {
        rssBefore = sidecar.rssBytes();
        prober = Prober.start(sidecar.port(), PROBE_PERIOD);
    }

    /** The prober got every answer in time, the sidecar is alive and its memory bounded. */
    private void checkProbesAndMemory(String behaviour, String extra) {
        Prober.Record record = prober.stop();
        long rssAfter = sidecar.rssBytes();
        long peak = sidecar.peakRssBytes();
        List<Prober.Probe> slow = record.slowerThan(PROBE_LIMIT);
        measurements.put(
                behaviour,
                record + (slow.isEmpty() ? "" : " (over " + PROBE_LIMIT.toMillis() + " ms: " + slow + ")") + "; RSS "
                        + mib(rssBefore) + " -> " + mib(rssAfter) + " (peak so far "
                        + mib(peak) + ")" + (extra.isEmpty() ? "" : "; " + extra));
        assertThat(sidecar.isAlive()).as("the sidecar is running").isTrue();
        assertThat(record.probes()).as("probes").hasSizeGreaterThanOrEqualTo(8);
        assertThat(record.slowerThan(PROBE_TIMEOUT))
                .as("probes not answered within the platform's probe timeout")
                .isEmpty();
        assertThat(record.slowerThan(PROBE_LIMIT))
                .as("probes not answered within " + PROBE_LIMIT.toMillis() + " ms")
                .hasSizeLessThanOrEqualTo(allowedOutliers(record.probes().size()));
        assertThat(record.probes()).as("probe answers").allMatch(probe -> probe.status() == 503);
        assertThat(peak).as("peak resident memory").isLessThan(RSS_BOUND);
    }

    /**
     * Probes that may take longer than {@link #PROBE_LIMIT} (but not the platform's timeout): one in ten, at least one.
     * On a machine shared with other builds a single probe can be slow, mostly while a thousand connections are being
     * opened at once (a probe's connection waits in the listen queue behind the burst), also in behaviours that cost
     * the sidecar nothing. A hostile behaviour that does hurt the probes (slow-loris before the fix refused probe after
     * probe) fails far beyond this budget. {@code -Dreliability.probe.outliers=0} makes every probe count.
     */
    private static int allowedOutliers(int probes) {
        return Integer.getInteger("reliability.probe.outliers", Math.max(1, (probes + 9) / 10));
    }

    @AfterEach
    void stopProbing() {
        if (prober != null) {
            prober.stop();
            prober = null;
        }
    }

    @Test
    @Order(1)
    void aThousandSilentConnectionsAreClosedAfterTheRequestTimeAndDoNotDisturbTheProbes() throws IOException {
        startProbing();
        List<SocketChannel> connections = openSilentConnections(1000);
        long start = System.nanoTime();
        try {
            // Each new connection past the limit takes the slot of the one silent the longest: the newest stay.
            await().atMost(Duration.ofSeconds(5)).until(() -> openCount(connections) <= MAX_CONNECTIONS);
            // Those close when their first request has not come within the request time.
            await().atMost(MAX_REQUEST_TIME.plusSeconds(5)).until(() -> openCount(connections) == 0);
        } finally {
            closeAll(connections);
        }
        checkProbesAndMemory(
                "1,000 silent connections",
                "all closed by the sidecar after "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
    }

    @Test
    @Order(2)
    void aThousandIdleKeepAliveConnectionsStayHarmless() throws IOException {
        startProbing();
        List<Socket> connections = new ArrayList<>();
        int answered = 0;
        try {
            for (int i = 0; i < 1000; i++) {
                Socket socket = RawHttp.connect(sidecar.port(), Duration.ofSeconds(5));
                connections.add(socket);
                socket.getOutputStream().write(bytes(RawHttp.get("/health/live")));
                if (RawHttp.read(socket.getInputStream()).reply() != null) {
                    answered++;
                }
            }
            // Held idle for a while, probes going on; the sidecar keeps the newest, up to its connection limit (the
            // probes' connections take a slot each while open).
            long idleUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() > idleUntil);
            long open = connections.stream().filter(HostileClientsIT::stillOpen).count();
            assertThat(answered).as("requests answered before going idle").isEqualTo(1000);
            assertThat(open)
                    .as("idle connections the sidecar kept (HttpApi.Limits.DEFAULT.maxConnections)")
                    .isBetween(MAX_CONNECTIONS - 2L, (long) MAX_CONNECTIONS);
            assertThat(connections.subList(connections.size() - 100, connections.size()))
                    .as("the newest idle connections")
                    .allMatch(HostileClientsIT::stillOpen);
            checkProbesAndMemory("1,000 idle keep-alive connections", "sidecar kept " + open + " of them open");
        } finally {
            connections.forEach(HostileClientsIT::close);
        }
    }

    @Test
    @Order(3)
    void slowLorisConnectionsAreClosedAfterTheRequestTime() throws IOException {
        int count = Integer.getInteger("reliability.slowloris.connections", 1000);
        slowClients(
                count + " slow-loris connections (headers at 1 byte/s)",
                count,
                new byte[0],
                bytes(RawHttp.get("/health/ready", "User-Agent: slow-loris", "Accept: */*")));
    }

    @Test
    @Order(4)
    void slowRequestBodiesAreClosedAfterTheRequestTime() throws IOException {
        // Headers complete, so each is answered; the server then reads the unwanted body, one byte a second.
        slowClients(
                "400 slow request bodies (1 byte/s)",
                400,
                bytes(RawHttp.get("/health/ready", "Content-Length: 100")),
                bytes("b".repeat(100)));
    }

    /** Connections that send a start at once, then the rest one byte a second; the sidecar must close them all. */
    private void slowClients(String behaviour, int count, byte[] start, byte[] trickled) throws IOException {
        startProbing();
        List<SocketChannel> connections = openSilentConnections(count);
        long begin = System.nanoTime();
        long took;
        try {
            for (SocketChannel channel : connections) {
                write(channel, ByteBuffer.wrap(start));
            }
            // One byte a second on every connection still open, until the sidecar has closed them all.
            List<SocketChannel> open = new ArrayList<>(connections);
            for (int sent = 0; !open.isEmpty() && sent < trickled.length; sent++) {
                long second = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                ByteBuffer next = ByteBuffer.wrap(trickled, sent, 1);
                open.removeIf(channel -> isClosed(channel) || !write(channel, next.duplicate()));
                await().atMost(Duration.ofSeconds(2)).until(() -> System.nanoTime() >= second);
            }
            open.removeIf(HostileClientsIT::isClosed);
            took = Duration.ofNanos(System.nanoTime() - begin).toMillis();
            assertThat(open).as("slow connections still open after %d ms", took).isEmpty();
        } finally {
            closeAll(connections);
        }
        checkProbesAndMemory(behaviour, "all closed by the sidecar within " + took + " ms");
        // The request time runs from the connection's start; this loop looks every second.
        assertThat(took)
                .as("time until all were closed")
                .isLessThan(MAX_REQUEST_TIME.plusSeconds(3).toMillis());
    }

    @Test
    @Order(5)
    void aMebibyteRequestLineOrHeaderIsCutOff() {
        startProbing();
        String mebibyte = "a".repeat(1024 * 1024);
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        do {
            outcomes.put("1 MiB request line", sendWhileReading(RawHttp.get("/" + mebibyte)));
            outcomes.put("1 MiB header", sendWhileReading(RawHttp.get("/health/ready", "X-Big: " + mebibyte)));
            outcomes.put(
                    "17 KiB header", sendWhileReading(RawHttp.get("/health/ready", "X-Big: " + "a".repeat(17 * 1024))));
            outcomes.put(
                    "15 KiB header",
                    sendWhileReading(
                            RawHttp.get("/health/ready", "X-Big: " + "a".repeat(15 * 1024), "Connection: close")));
        } while (System.nanoTime() < until);
        // Request line plus headers over 16 KiB: the connection is closed, nothing past the limit is read or kept.
        // (An answer sent while the client is still sending would be lost to the reset that closing causes.)
        assertThat(outcomes)
                .hasToString("{1 MiB request line=" + RawHttp.CLOSED + ", 1 MiB header=" + RawHttp.CLOSED
                        + ", 17 KiB header=" + RawHttp.CLOSED + ", 15 KiB header=HTTP 503}");
        checkProbesAndMemory("1 MiB request line and header", outcomes.toString());
    }

    @Test
    @Order(6)
    void aBodyOnGetIsSkippedAndTheConnectionStaysUsable() throws IOException {
        startProbing();
        List<String> seen = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        do {
            seen.clear();
            try (Socket socket = RawHttp.connect(sidecar.port(), Duration.ofSeconds(2))) {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(bytes(RawHttp.get("/health/ready", "Content-Length: 5") + "hello"));
                seen.add(RawHttp.read(in).toString());
                out.write(bytes(RawHttp.get("/health/live", "Content-Length: 11") + "hello again"));
                seen.add(RawHttp.read(in).toString());
                out.write(
                        bytes(RawHttp.get("/health/ready", "Transfer-Encoding: chunked") + "5\r\nhello\r\n0\r\n\r\n"));
                seen.add(RawHttp.read(in).toString());
            }
            // A body larger than the server drains (64 KiB) is answered, then the connection is closed.
            try (Socket socket = RawHttp.connect(sidecar.port(), Duration.ofSeconds(2))) {
                Thread writer = Thread.ofVirtual()
                        .start(() -> write(
                                socket,
                                bytes(RawHttp.get("/health/ready", "Content-Length: 1048576")
                                        + "b".repeat(1024 * 1024))));
                seen.add(RawHttp.read(socket.getInputStream()).toString());
                seen.add(RawHttp.read(socket.getInputStream()).toString());
                joinQuietly(writer);
            }
        } while (System.nanoTime() < until);
        assertThat(seen).containsExactly("HTTP 503", "HTTP 200", "HTTP 503", "HTTP 503", RawHttp.CLOSED);
        checkProbesAndMemory("request bodies on GET", seen.toString());
    }

    @Test
    @Order(7)
    void unknownPathsAre404() {
        startProbing();
        List<String> paths = List.of(
                "/",
                "/health",
                "/health/ready/",
                "/HEALTH/READY",
                "/health/ready%20",
                "/../../etc/passwd",
                "/health//ready",
                "/%00",
                "/" + "x".repeat(8000));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        do {
            for (String path : paths) {
                outcomes.put(
                        path.length() > 40 ? "/x... (8000)" : path,
                        RawHttp.exchange(
                                sidecar.port(), bytes(RawHttp.get(path, "Connection: close")), Duration.ofSeconds(2)));
            }
        } while (System.nanoTime() < until);
        assertThat(outcomes.values()).allSatisfy(outcome -> {
            assertThat(outcome.reply()).isNotNull();
            assertThat(outcome.reply().status()).isEqualTo(404);
            assertThat(outcome.reply().body())
                    .isEqualTo("{\"error\":\"unknown path; endpoints: /about,"
                            + " /health/live, /health/ready, /health/restart-safe, /metrics\"}");
        });
        checkProbesAndMemory("unknown paths", outcomes.size() + " paths, all 404");
    }

    @Test
    @Order(8)
    void otherMethodsAre405() {
        startProbing();
        List<String> methods = List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get");
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        do {
            for (String method : methods) {
                outcomes.put(
                        method,
                        RawHttp.exchange(
                                sidecar.port(),
                                bytes(RawHttp.request(
                                        method, "/health/ready", "Connection: close", "Content-Length: 0")),
                                Duration.ofSeconds(2)));
            }
        } while (System.nanoTime() < until);
        assertThat(outcomes.values()).allSatisfy(outcome -> {
            assertThat(outcome.reply()).isNotNull();
            assertThat(outcome.reply().status()).isEqualTo(405);
            assertThat(outcome.reply().body()).isEqualTo("{\"error\":\"method not allowed; use GET or HEAD\"}");
        });
        checkProbesAndMemory("other methods", outcomes.size() + " methods, all 405");
    }

    @Test
    @Order(9)
    void malformedRequestsAreRejectedOrCutOff() {
        startProbing();
        Map<String, byte[]> requests = new LinkedHashMap<>();
        requests.put("no spaces", bytes("garbage\r\n\r\n"));
        requests.put("no version", bytes("GET /health/ready\r\n\r\n"));
        requests.put("header without colon", bytes("GET /health/ready HTTP/1.1\r\nno colon here\r\n\r\n"));
        requests.put("header name with space", bytes("GET /health/ready HTTP/1.1\r\nBad Name: x\r\n\r\n"));
        requests.put("bad Content-Length", bytes("GET /health/ready HTTP/1.1\r\nContent-Length: lots\r\n\r\n"));
        requests.put(
                "Content-Length and chunked",
                bytes("GET /health/ready HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\nabc"));
        requests.put("unknown transfer coding", bytes("GET /health/ready HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"));
        requests.put(
                "too many headers",
                bytes(RawHttp.get(
                        "/health/ready",
                        java.util.stream.IntStream.range(0, 100)
                                .mapToObj(i -> "X-" + i + ": " + i)
                                .toArray(String[]::new))));
        requests.put("bad URI", bytes("GET /health/ready|<> HTTP/1.1\r\n\r\n"));
        requests.put("HTTP/2 preface", bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
        requests.put("TLS client hello", new byte[] {
            0x16, 0x03, 0x01, 0x00, (byte) 0xa5, 0x01, 0x00, 0x00, (byte) 0xa1, 0x03, 0x03, 0x00, 0x00, 0x00
        });
        requests.put("NUL bytes", new byte[64]);
        Map<String, Set<String>> outcomes = new LinkedHashMap<>();
        long start = System.nanoTime();
        long took = 0;
        // Each on its own connection, all at once, again for 3 s while the prober probes. A round takes at most the
        // request time: the server would wait that long for the rest of a request, and no longer.
        do {
            long round = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            requests.forEach((name, request) -> threads.add(Thread.ofVirtual().start(() -> {
                Outcome outcome = RawHttp.exchange(sidecar.port(), request, MAX_REQUEST_TIME.plusSeconds(10));
                synchronized (outcomes) {
                    outcomes.computeIfAbsent(name, any -> new TreeSet<>()).add(outcome.toString());
                }
            })));
            threads.forEach(HostileClientsIT::joinQuietly);
            took = Math.max(took, Duration.ofNanos(System.nanoTime() - round).toMillis());
        } while (System.nanoTime() - start < Duration.ofSeconds(3).toNanos());
        Map<String, String> inOrder = new LinkedHashMap<>();
        requests.keySet().forEach(name -> inOrder.put(name, String.join(" or ", outcomes.get(name))));
        assertThat(inOrder)
                .hasToString("{no spaces=HTTP 400, no version=HTTP 400, header without colon=HTTP 400,"
                        + " header name with space=HTTP 400, bad Content-Length=HTTP 400,"
                        + " Content-Length and chunked=HTTP 400, unknown transfer coding=HTTP 501,"
                        + " too many headers=HTTP 431, bad URI=HTTP 400, HTTP/2 preface=HTTP 505,"
                        + " TLS client hello=" + RawHttp.CLOSED + ", NUL bytes="
                        + RawHttp.CLOSED
                        + "}");
        assertThat(took)
                .as("time until every malformed request of a round was dealt with")
                .isLessThan(MAX_REQUEST_TIME.plusSeconds(2).toMillis());
        checkProbesAndMemory("malformed requests", "all dealt with within " + took + " ms");
    }

    @Test
    @Order(10)
    void aScrapeStormOnMetrics() throws InterruptedException {
        startProbing();
        Duration cpuBefore = sidecar.cpuTime();
        LoadGenerator.Result result = new LoadGenerator(sidecar.port(), "/metrics", 8).run(1000, Duration.ofSeconds(5));
        double cores = (sidecar.cpuTime().minus(cpuBefore).toMillis())
                / (double) result.duration().toMillis();
        checkProbesAndMemory(
                "/metrics scraped up to 1,000 times a second for 5 s",
                result + String.format("; the sidecar used %.2f cores", cores));
        assertThat(result.failures()).as("failed scrapes").isZero();
    }

    @Test
    @Order(11)
    void tenThousandRequestsASecond() throws InterruptedException {
        int seconds = Integer.getInteger("reliability.load.seconds", DEFAULT_LOAD_SECONDS);
        startProbing();
        Duration cpuBefore = sidecar.cpuTime();
        LoadGenerator.Result result =
                new LoadGenerator(sidecar.port(), "/health/ready", 32).run(LOAD_RATE, Duration.ofSeconds(seconds));
        double cores = (sidecar.cpuTime().minus(cpuBefore).toMillis())
                / (double) result.duration().toMillis();
        checkProbesAndMemory(
                LOAD_RATE + " requests/s for " + seconds + " s",
                result + String.format("; the sidecar used %.2f cores", cores));
        assertThat(result.failures()).as("failed requests").isZero();
        assertThat(result.statuses()).as("answers by status").containsOnlyKeys(503);
    }

    private static List<SocketChannel> openSilentConnections(int count) throws IOException {
        List<SocketChannel> connections = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", sidecar.port()));
                channel.configureBlocking(false);
                connections.add(channel);
            }
        } catch (IOException e) {
            closeAll(connections);
            throw e;
        }
        return connections;
    }

    /** Whether the server has closed the connection: a non-blocking read, past any answer, finds the end or fails. */
    private static boolean isClosed(SocketChannel channel) {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        try {
            int read;
            do {
                read = channel.read(buffer.clear());
            } while (read > 0);
            return read < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private static long openCount(List<SocketChannel> connections) {
        return connections.stream().filter(channel -> !isClosed(channel)).count();
    }

    private static void closeAll(List<SocketChannel> connections) {
        for (SocketChannel channel : connections) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** Whether the server still holds the (idle) connection: a short read times out instead of ending. */
    private static boolean stillOpen(Socket socket) {
        try {
            socket.setSoTimeout(1);
            return socket.getInputStream().read() != -1;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends the request from another thread while reading, as the server may answer (or close) before it ends. */
    private static Outcome sendWhileReading(String request) {
        try (Socket socket = RawHttp.connect(sidecar.port(), Duration.ofSeconds(3))) {
            Thread writer = Thread.ofVirtual().start(() -> write(socket, bytes(request)));
            Outcome outcome = RawHttp.read(socket.getInputStream());
            joinQuietly(writer);
            return outcome;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean write(SocketChannel channel, ByteBuffer bytes) {
        try {
            channel.write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean write(Socket socket, byte... bytes) {
        try {
            socket.getOutputStream().write(bytes);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}

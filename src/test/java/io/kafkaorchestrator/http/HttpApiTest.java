package io.kafkaorchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router and its limits, on a real server bound to an ephemeral loopback port. */
class HttpApiTest {

    private HttpApi api;
    private final AtomicInteger liveAnswers = new AtomicInteger();
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws IOException {
        Map<String, Function<Request, Response>> routes = new LinkedHashMap<>();
        routes.put("/health/live", request -> {
            liveAnswers.incrementAndGet();
            return Response.json(200, Map.of("status", "healthy"));
        });
        routes.put(
                "/echo-accept",
                request -> Response.json(200, Map.of("accept", request.accept().orElse("none"))));
        routes.put("/broken", request -> {
            throw new IllegalStateException("bug");
        });
        api = HttpApi.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), routes, HttpApi.Limits.DEFAULT);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theOwnRequestIsAnsweredByTheRoute() {
        assertThat(api.answerOwnRequest("/health/live")).isEmpty();
        assertThat(liveAnswers).hasValue(1);
    }

    @Test
    void theOwnRequestReportsAServerThatIsGone() {
        api.close();
        assertThat(api.answerOwnRequest("/health/live")).get().isInstanceOf(java.net.ConnectException.class);
        assertThat(liveAnswers).hasValue(0);
    }

    @Test
    void getAnswersTheRoute() throws Exception {
        HttpResponse<String> response = send("GET", "/health/live");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"healthy\"}");
    }

    @Test
    void headAnswersHeadersWithoutBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/health/live");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void unknownPathIs404AndNamesTheEndpoints() throws Exception {
        HttpResponse<String> response = send("GET", "/health/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .isEqualTo("{\"error\":\"unknown path; endpoints: /broken, /echo-accept, /health/live\"}");
    }

    @Test
    void queryStringsDoNotChangeTheRoute() throws Exception {
        assertThat(send("GET", "/health/live?verbose=1").statusCode()).isEqualTo(200);
    }

    @Test
    void otherMethodsAre405WithAllowHeader() throws Exception {
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
            HttpResponse<String> response = send(method, "/health/live");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).as(method).hasValue("GET, HEAD");
            assertThat(response.body()).isEqualTo("{\"error\":\"method not allowed; use GET or HEAD\"}");
        }
    }

    @Test
    void passesTheAcceptHeader() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/echo-accept"))
                        .header("Accept", "application/openmetrics-text")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"accept\":\"application/openmetrics-text\"}");
    }

    @Test
    void aFailingRouteDoesNotTakeTheServerDown() throws Exception {
        HttpResponse<String> broken = send("GET", "/broken");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body())
                .isEqualTo("{\"error\":\"internal error in the sidecar: IllegalStateException; see its log\"}");
        assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void routesRunOnPlatformThreadsWhereTheMetricsWritersBufferStaysFixed() throws Exception {
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        HttpApi threads = HttpApi.start(
                loopback(),
                Map.of("/thread", request -> {
                    answeredOn.set(Thread.currentThread());
                    return Response.json(200, Map.of());
                }),
                HttpApi.Limits.DEFAULT);
        try {
            assertThat(threads.answerOwnRequest("/thread")).isEmpty();
        } finally {
            threads.close();
        }
        assertThat(answeredOn.get().isVirtual()).isFalse();
    }

    @Test
    void theWholeAnswerOnTheWire() throws Exception {
        assertThat(rawExchange("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .isEqualTo("HTTP/1.1 200 OK\r\nDate: (date)\r\nContent-Type: application/json\r\n"
                        + "Cache-Control: no-store\r\nContent-Length: 20\r\nConnection: close\r\n\r\n"
                        + "{\"status\":\"healthy\"}");
        assertThat(rawExchange("HEAD /health/live HTTP/1.0\r\n\r\n"))
                .isEqualTo("HTTP/1.1 200 OK\r\nDate: (date)\r\nContent-Type: application/json\r\n"
                        + "Cache-Control: no-store\r\nContent-Length: 20\r\nConnection: close\r\n\r\n");
        assertThat(rawExchange("DELETE /health/live HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .isEqualTo("HTTP/1.1 405 Method Not Allowed\r\nDate: (date)\r\nContent-Type: application/json\r\n"
                        + "Cache-Control: no-store\r\nContent-Length: 47\r\nAllow: GET, HEAD\r\nConnection: close\r\n"
                        + "\r\n{\"error\":\"method not allowed; use GET or HEAD\"}");
    }

    @Test
    void everyStatusTheEndpointsAnswerHasItsReasonPhrase() throws Exception {
        Map<String, Function<Request, Response>> statuses = new LinkedHashMap<>();
        for (int status : new int[] {200, 409, 503}) {
            statuses.put("/" + status, request -> Response.json(status, Map.of()));
        }
        HttpApi answering = HttpApi.start(loopback(), statuses, HttpApi.Limits.DEFAULT);
        try {
            List<String> statusLines = new ArrayList<>();
            for (String path : statuses.keySet()) {
                statusLines.add(rawExchange(answering, "GET " + path + " HTTP/1.1\r\nConnection: close\r\n\r\n")
                        .lines()
                        .findFirst()
                        .orElse(""));
            }
            assertThat(statusLines)
                    .containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 409 Conflict", "HTTP/1.1 503 Service Unavailable");
        } finally {
            answering.close();
        }
    }

    @Test
    void aMalformedRequestIsAnsweredWithWhatIsWrongAndTheConnectionCloses() throws Exception {
        assertThat(rawExchange("GET /health/live\r\n\r\nGET /health/live HTTP/1.1\r\n\r\n"))
                .isEqualTo("HTTP/1.1 400 Bad Request\r\nDate: (date)\r\nContent-Type: application/json\r\n"
                        + "Cache-Control: no-store\r\nContent-Length: 147\r\nConnection: close\r\n\r\n"
                        + "{\"error\":\"the request line 'GET /health/live' must be METHOD, a space, the path, a space"
                        + " and the HTTP version, as in 'GET /health/ready HTTP/1.1'\"}");
    }

    @Test
    void emptyLinesBeforeARequestAreSkippedAndARawNonAsciiPathIs400() throws Exception {
        assertThat(rawExchange("\r\n\r\nGET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK\r\n");
        String eAcuteInUtf8 = new String("\u00e9".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(rawExchange("GET /health/l\u00e9ve HTTP/1.1\r\n\r\n"))
                .startsWith("HTTP/1.1 400 Bad Request\r\n")
                .endsWith("{\"error\":\"the path '/health/l" + eAcuteInUtf8
                        + "ve' must start with / and hold only URI characters; percent-encode others\"}");
    }

    @Test
    void requestsSentTogetherOnOneConnectionAreAnsweredInOrder() throws Exception {
        String answers = rawExchange("GET /health/live HTTP/1.1\r\n\r\n"
                + "GET /echo-accept HTTP/1.1\r\nAccept: text/plain\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /echo-accept HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nX-T: 1\r\n\r\n"
                + "GET /health/live HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertThat(answers.split("\r\n\r\n"))
                .containsExactly(
                        "HTTP/1.1 200 OK\r\nDate: (date)\r\nContent-Type: application/json\r\n"
                                + "Cache-Control: no-store\r\nContent-Length: 20",
                        "{\"status\":\"healthy\"}HTTP/1.1 200 OK\r\nDate: (date)\r\nContent-Type: application/json\r\n"
                                + "Cache-Control: no-store\r\nContent-Length: 23",
                        "{\"accept\":\"text/plain\"}HTTP/1.1 200 OK\r\nDate: (date)\r\n"
                                + "Content-Type: application/json\r\nCache-Control: no-store\r\nContent-Length: 17",
                        "{\"accept\":\"none\"}HTTP/1.1 200 OK\r\nDate: (date)\r\nContent-Type: application/json\r\n"
                                + "Cache-Control: no-store\r\nContent-Length: 20\r\nConnection: close",
                        "{\"status\":\"healthy\"}");
        assertThat(liveAnswers).hasValue(2);
    }

    @Test
    void aBodyOverTheSkippedSizeIsAnsweredAndTheConnectionCloses() throws Exception {
        String answer = rawExchange("GET /health/live HTTP/1.1\r\nContent-Length: " + (64 * 1024 + 1) + "\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nConnection: close\r\n");
    }

    @Test
    void bytesThatAreNotHttpOrAHeadOverTheLimitAreCutOffWithoutAnAnswer() throws Exception {
        assertThat(rawExchange("\u0016\u0003\u0001\u0000\u00a5")).isEmpty();
        assertThat(rawExchange("GET /" + "a".repeat(16 * 1024) + " HTTP/1.1\r\n\r\n"))
                .isEmpty();
        assertThat(rawExchange("GET /health/live HTTP/1.1\r\nConnection: close\r\nX: " + "a".repeat(16 * 1024 - 60)
                        + "\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aSilentOrSlowClientIsClosedAtTheRequestTimeAndAKeptConnectionAtTheIdleTime() throws Exception {
        HttpApi.Limits limits = new HttpApi.Limits(8, Duration.ofMillis(300), Duration.ofMillis(2000), 16 * 1024);
        HttpApi quick = HttpApi.start(loopback(), Map.of("/live", request -> Response.json(200, Map.of())), limits);
        try (Socket silent = connect(quick);
                Socket slow = connect(quick);
                Socket kept = connect(quick)) {
            long start = System.nanoTime();
            kept.getOutputStream().write(ascii("GET /live HTTP/1.1\r\n\r\n"));
            slow.getOutputStream().write(ascii("GET /li"));
            boolean slowClosed = false;
            for (char next : "ve HTTP/1.1".toCharArray()) {
                Thread.sleep(100); // paces the slow client: a byte every 100 ms, never silent long, never done
                try {
                    slow.getOutputStream().write(next);
                } catch (IOException e) {
                    slowClosed = true;
                    break;
                }
            }
            assertThat(slowClosed || slow.getInputStream().read() == -1)
                    .as("slow connection closed")
                    .isTrue();
            assertThat(silent.getInputStream().read())
                    .as("silent connection closed")
                    .isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("both closed at the request time, not later")
                    .isLessThan(Duration.ofMillis(1500));

            assertThat(readUntilClosed(kept))
                    .as("the kept connection's one answer")
                    .isEqualTo("HTTP/1.1 200 OK\r\n"
                            + "Date: (date)\r\nContent-Type: application/json\r\nCache-Control: no-store\r\n"
                            + "Content-Length: 2\r\n\r\n{}");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("kept connection closed after its idle time")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        } finally {
            quick.close();
        }
    }

    @Test
    void atTheConnectionLimitTheLongestWaitingConnectionMakesRoom() throws Exception {
        HttpApi.Limits limits = new HttpApi.Limits(2, Duration.ofSeconds(30), Duration.ofSeconds(30), 16 * 1024);
        HttpApi small = HttpApi.start(loopback(), Map.of("/live", request -> Response.json(200, Map.of())), limits);
        try (Socket silent1 = connect(small);
                Socket silent2 = connect(small)) {
            await().until(() -> small.openConnections() == 2);
            assertThat(rawExchange(small, "GET /live HTTP/1.1\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200 OK");
            assertThat(silent1.getInputStream().read())
                    .as("the longest waiting, given up")
                    .isEqualTo(-1);
            await().until(() -> small.openConnections() == 1); // silent2; the probe's thread releases its slot last
        } finally {
            small.close();
        }
    }

    @Test
    void stoppingLetsAnAnswerInFlightFinishAndClosesIdleConnections() throws Exception {
        CountDownLatch answering = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpApi stopping = HttpApi.start(
                loopback(),
                Map.of("/slow", request -> {
                    answering.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Response.json(200, Map.of("done", true));
                }),
                HttpApi.Limits.DEFAULT);
        try (Socket idle = connect(stopping);
                Socket inFlight = connect(stopping)) {
            inFlight.getOutputStream().write(ascii("GET /slow HTTP/1.1\r\n\r\n"));
            answering.await();
            Thread stopper = Thread.ofPlatform().start(() -> stopping.stop(Duration.ofSeconds(30)));
            assertThat(idle.getInputStream().read())
                    .as("idle connection closed at once")
                    .isEqualTo(-1);
            release.countDown();
            assertThat(readUntilClosed(inFlight)).endsWith("\r\n\r\n{\"done\":true}");
            stopper.join();
            assertThat(stopping.answerOwnRequest("/slow")).get().isInstanceOf(java.net.ConnectException.class);
        } finally {
            release.countDown();
            stopping.close();
        }
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Socket connect(HttpApi api) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), api.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private String rawExchange(String request) throws IOException {
        return rawExchange(api, request);
    }

    /** Sends the bytes, reads until the server closes the connection; the Date header's value is masked. */
    private static String rawExchange(HttpApi to, String request) throws IOException {
        try (Socket socket = connect(to)) {
            socket.getOutputStream().write(ascii(request));
            return readUntilClosed(socket);
        }
    }

    private static String readUntilClosed(Socket socket) throws IOException {
        String text;
        try {
            text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException e) { // reset: the server closed with request bytes it did not read
            text = "";
        }
        return text.replaceAll("Date: [^\r]+", "Date: (date)");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}

package io.kafkaorchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The router and its limits, on a real server bound to an ephemeral loopback port. */
class HttpApiTest {

    private HttpApi api;
    private final AtomicInteger liveAnswers = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws IOException {
        Map<String, Function<Request, Response>> routes = new LinkedHashMap<>();
        routes.put("/health/live", request -> {
            liveAnswers.incrementAndGet();
            return Response.json(200, Map.of("status", "healthy"));
        });
        routes.put("/echo-accept", request -> Response.json(200, Map.of("accept", request.accept().orElse("none"))));
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
        assertThat(response.body()).isEqualTo("{\"error\":\"unknown path; endpoints: /broken, /echo-accept, /health/live\"}");
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
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/echo-accept"))
                .header("Accept", "application/openmetrics-text").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("{\"accept\":\"application/openmetrics-text\"}");
    }

    @Test
    void aFailingRouteDoesNotTakeTheServerDown() throws Exception {
        HttpResponse<String> broken = send("GET", "/broken");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(broken.body()).isEqualTo("{\"error\":\"internal error in the sidecar: IllegalStateException; see its log\"}");
        assertThat(send("GET", "/health/live").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + api.port() + path);
    }
}

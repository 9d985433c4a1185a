package io.kafkaorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.about.BuildInfo;
import io.kafkaorchestrator.health.HealthMonitor;
import io.kafkaorchestrator.health.HealthPolicy;
import io.kafkaorchestrator.http.Request;
import io.kafkaorchestrator.http.Response;
import io.kafkaorchestrator.metrics.MetricsExposition;
import io.kafkaorchestrator.testing.ManualClock;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The route table: each path hands the HTTP server a status, a content type and the bytes of its answer. */
class EndpointsTest {

    private final HealthMonitor monitor = new HealthMonitor(
            HealthPolicy.of(3, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10)),
            new ManualClock(Instant.parse("2026-11-25T12:00:00Z")));
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, Function<Request, Response>> routes = Endpoints.routes(
            monitor,
            new MetricsExposition(registry),
            new BuildInfo("1.2.3", "2026-11-25T12:00:00Z", "1795608000", "0123456789ab"));

    @Test
    void theHealthEndpointsAnswerTheirVerdictsAsJson() {
        assertThat(routes.keySet())
                .containsExactly("/health/live", "/health/ready", "/health/restart-safe", "/metrics", "/about");

        Response live = get("/health/live", Optional.empty());
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.contentType()).isEqualTo("application/json");
        assertThat(text(live)).startsWith("{\"status\":\"starting\",\"brokerId\":3,\"brokerFound\":false,");
        assertThat(get("/health/ready", Optional.empty()).status()).isEqualTo(503);
        assertThat(text(get("/health/restart-safe", Optional.empty())))
                .startsWith("{\"status\":\"unknown\",\"brokerId\":3,\"safe\":false,");
    }

    @Test
    void aboutAnswersTheBuildAndTheBrokerOfThePolicy() {
        Response about = get("/about", Optional.empty());

        assertThat(about.contentType()).isEqualTo("application/json");
        assertThat(text(about)).isEqualTo("""
                {"version":"1.2.3","timestamp":"2026-11-25T12:00:00Z","epoch":"1795608000","build":"0123456789ab",\
                "clusterId":null,"brokerId":3,"metadataVersion":null,"finalizedFeatures":null}""");
    }

    @Test
    void metricsAnswerInTheFormatTheScraperAsksFor() {
        Gauge.builder()
                .name("kafka_sidecar_test")
                .help("a test gauge")
                .register(registry)
                .set(42);

        Response text = get("/metrics", Optional.empty());
        Response openMetrics = get("/metrics", Optional.of("application/openmetrics-text; version=1.0.0"));

        assertThat(text.status()).isEqualTo(200);
        assertThat(text.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text(text)).endsWith("kafka_sidecar_test 42.0\n");
        assertThat(openMetrics.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(text(openMetrics)).endsWith("kafka_sidecar_test 42.0\n# EOF\n");
    }

    private Response get(String path, Optional<String> accept) {
        return routes.get(path).apply(new Request(accept));
    }

    private static String text(Response response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}

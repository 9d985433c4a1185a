package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Prometheus text unless the scraper's Accept header asks for OpenMetrics. */
class MetricsExpositionTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final MetricsExposition exposition = new MetricsExposition(registry);

    MetricsExpositionTest() {
        Gauge.builder()
                .name("kafka_sidecar_test")
                .help("a test gauge")
                .register(registry)
                .set(42);
    }

    @Test
    void prometheusTextByDefault() {
        MetricsExposition.Scrape scrape = exposition.scrape(Optional.empty());

        assertThat(scrape.contentType()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(new String(scrape.body(), StandardCharsets.UTF_8))
                .isEqualTo("# HELP kafka_sidecar_test a test gauge\n# TYPE kafka_sidecar_test gauge\n"
                        + "kafka_sidecar_test 42.0\n");
    }

    @Test
    void openMetricsWhenAsked() {
        MetricsExposition.Scrape scrape = exposition.scrape(Optional.of("application/openmetrics-text; version=1.0.0"));

        assertThat(scrape.contentType()).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(new String(scrape.body(), StandardCharsets.UTF_8))
                .isEqualTo("# TYPE kafka_sidecar_test gauge\n# HELP kafka_sidecar_test a test gauge\n"
                        + "kafka_sidecar_test 42.0\n# EOF\n");
    }

    @Test
    void otherAcceptHeadersGetPrometheusText() {
        assertThat(exposition.scrape(Optional.of("application/json")).contentType())
                .startsWith("text/plain");
    }
}

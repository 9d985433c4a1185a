package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A scrape from an HTTP handler (a virtual thread) renders the same text as one from a platform thread. */
class MetricsExpositionTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final MetricsExposition exposition = new MetricsExposition(registry);

    MetricsExpositionTest() {
        Gauge.builder().name("kafka_sidecar_test").help("a test gauge").register(registry).set(42);
    }

    private MetricsExposition.Scrape onVirtualThread(Optional<String> accept) throws InterruptedException {
        AtomicReference<MetricsExposition.Scrape> scrape = new AtomicReference<>();
        Thread.ofVirtual().start(() -> scrape.set(exposition.scrape(accept))).join();
        return scrape.get();
    }

    @Test
    void prometheusTextIsTheSameFromAVirtualThread() throws InterruptedException {
        MetricsExposition.Scrape virtual = onVirtualThread(Optional.empty());
        MetricsExposition.Scrape platform = exposition.scrape(Optional.empty());

        assertThat(new String(virtual.body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(platform.body(), StandardCharsets.UTF_8))
                .isEqualTo("# HELP kafka_sidecar_test a test gauge\n# TYPE kafka_sidecar_test gauge\n"
                        + "kafka_sidecar_test 42.0\n");
        assertThat(virtual.contentType()).isEqualTo(platform.contentType()).startsWith("text/plain");
    }

    @Test
    void rendersOnAPlatformThreadWhereTheWritersBufferDoesNotGrowByEachWrite() throws InterruptedException {
        AtomicReference<Thread> collectedOn = new AtomicReference<>();
        registry.register(() -> {
            collectedOn.set(Thread.currentThread());
            return GaugeSnapshot.builder().name("kafka_sidecar_probe").build();
        });

        onVirtualThread(Optional.empty());

        assertThat(collectedOn.get().isVirtual()).isFalse();
    }

    @Test
    void openMetricsWhenAskedFromAVirtualThread() throws InterruptedException {
        MetricsExposition.Scrape scrape = onVirtualThread(Optional.of("application/openmetrics-text; version=1.0.0"));

        assertThat(scrape.contentType()).startsWith("application/openmetrics-text");
        assertThat(new String(scrape.body(), StandardCharsets.UTF_8)).endsWith("# EOF\n");
    }
}

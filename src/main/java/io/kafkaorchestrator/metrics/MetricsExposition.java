package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/** Renders one registry as Prometheus text, or as OpenMetrics when the scraper's Accept header asks for it. */
public final class MetricsExposition {

    /** One rendered scrape. */
    public record Scrape(String contentType, byte[] body) {
    }

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter prometheusText = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();

    public MetricsExposition(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public Scrape scrape(Optional<String> accept) {
        boolean wantsOpenMetrics = accept.map(openMetrics::accepts).orElse(false);
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            if (wantsOpenMetrics) {
                openMetrics.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
                return new Scrape(openMetrics.getContentType(), out.toByteArray());
            }
            prometheusText.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
            return new Scrape(prometheusText.getContentType(), out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}

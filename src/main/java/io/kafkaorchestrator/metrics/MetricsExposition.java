package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;

/**
 * Renders one registry as Prometheus text, or as OpenMetrics when the scraper's Accept header asks for it.
 *
 * <p>Rendering runs on the caller's thread, a platform thread: the HTTP server's are. On a virtual thread the
 * Prometheus writers' {@code BufferedWriter} starts small and grows by each write's length (a character at a time) up
 * to its maximum: an array copy for nearly every character of a scrape.
 *
 * <p>Each format keeps the text of the families it wrote ({@link FamilyTexts}): a family whose snapshot is the same
 * object as in the last scrape is not written again.
 */
public final class MetricsExposition {

    /** One rendered scrape. */
    public record Scrape(String contentType, byte[] body) {}

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter prometheusWriter = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetricsWriter = OpenMetricsTextFormatWriter.create();
    private final FamilyTexts prometheusText = new FamilyTexts(prometheusWriter);
    private final FamilyTexts openMetrics = new FamilyTexts(openMetricsWriter);

    public MetricsExposition(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public Scrape scrape(Optional<String> accept) {
        if (accept.filter(openMetricsWriter::accepts).isPresent()) {
            return new Scrape(openMetricsWriter.getContentType(), openMetrics.render(registry.scrape()));
        }
        return new Scrape(prometheusWriter.getContentType(), prometheusText.render(registry.scrape()));
    }
}

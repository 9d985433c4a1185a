package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Renders one registry as Prometheus text, or as OpenMetrics when the scraper's Accept header asks for it.
 *
 * <p>Rendering runs on one platform thread. The Prometheus writers wrap the output in a {@code BufferedWriter}, which
 * on a virtual thread (as HTTP handlers are) starts at 512 chars and grows by each write's length up to 8192: about
 * 17 MB of array copies per scrape. One thread also keeps a scrape storm to one core.
 *
 * <p>Each format keeps the text of the families it wrote ({@link FamilyTexts}): a family whose snapshot is the same
 * object as in the last scrape is not written again.
 */
public final class MetricsExposition {

    /** One rendered scrape. */
    public record Scrape(String contentType, byte[] body) {
    }

    /** One for the process (a daemon: it never holds up exit), shared by every exposition. */
    private static final ExecutorService RENDERER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("metrics-render").daemon().factory());

    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter prometheusWriter = PrometheusTextFormatWriter.create();
    private final OpenMetricsTextFormatWriter openMetricsWriter = OpenMetricsTextFormatWriter.create();
    private final FamilyTexts prometheusText = new FamilyTexts(prometheusWriter);
    private final FamilyTexts openMetrics = new FamilyTexts(openMetricsWriter);

    public MetricsExposition(PrometheusRegistry registry) {
        this.registry = registry;
    }

    public Scrape scrape(Optional<String> accept) {
        if (!Thread.currentThread().isVirtual()) {
            return render(accept);
        }
        try {
            return RENDERER.submit(() -> render(accept)).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering metrics", e);
        }
    }

    private Scrape render(Optional<String> accept) {
        if (accept.filter(openMetricsWriter::accepts).isPresent()) {
            return new Scrape(openMetricsWriter.getContentType(), openMetrics.render(registry.scrape()));
        }
        return new Scrape(prometheusWriter.getContentType(), prometheusText.render(registry.scrape()));
    }
}

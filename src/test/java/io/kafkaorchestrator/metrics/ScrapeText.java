package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** What GET /metrics would serve for some collectors: rendered by the product's own {@link MetricsExposition}. */
final class ScrapeText {

    /** A sample line's value. */
    private static final Pattern VALUE = Pattern.compile("(?m)^([a-z_]+(\\{[^}]*})?) \\S+$");

    private ScrapeText() {}

    static String of(MultiCollector... collectors) {
        PrometheusRegistry registry = new PrometheusRegistry();
        for (MultiCollector collector : collectors) {
            registry.register(collector);
        }
        return of(registry);
    }

    static String of(PrometheusRegistry registry) {
        return new String(
                new MetricsExposition(registry).scrape(Optional.empty()).body(), StandardCharsets.UTF_8);
    }

    /** The same, for a scraper that asks for OpenMetrics. */
    static String openMetricsOf(PrometheusRegistry registry) {
        return new String(
                new MetricsExposition(registry)
                        .scrape(Optional.of("application/openmetrics-text; version=1.0.0"))
                        .body(),
                StandardCharsets.UTF_8);
    }

    /** The text with every sample's value replaced by {@code <value>}: for series whose values move between scrapes. */
    static String withoutValues(String text) {
        return VALUE.matcher(text).replaceAll("$1 <value>");
    }
}

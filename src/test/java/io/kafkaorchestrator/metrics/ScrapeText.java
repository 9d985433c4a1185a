package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
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

    /** A whole scrape kept as a file under src/test/resources, such as {@code /broker-scrapes/healthy.prom}. */
    static String golden(String resource) {
        try (InputStream in = ScrapeText.class.getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text with each of these sample lines in place of the sample of the same series (all but its value). */
    static String withSamples(String text, String samples) {
        String changed = text;
        for (String sample : samples.lines().toList()) {
            String series = sample.substring(0, sample.lastIndexOf(' ') + 1);
            Matcher line =
                    Pattern.compile("(?m)^" + Pattern.quote(series) + "\\S+$").matcher(changed);
            if (!line.find()) {
                throw new IllegalArgumentException("no sample of " + series + "in:\n" + text);
            }
            changed = line.replaceFirst(Matcher.quoteReplacement(sample));
        }
        return changed;
    }

    /** The text with every sample's value replaced by {@code <value>}: for series whose values move between scrapes. */
    static String withoutValues(String text) {
        return VALUE.matcher(text).replaceAll("$1 <value>");
    }
}

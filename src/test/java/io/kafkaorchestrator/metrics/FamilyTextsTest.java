package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Families whose snapshot did not change keep their text; the scrape is still exactly the writer's text. */
class FamilyTextsTest {

    private static final MetricFamily LIMIT =
            MetricFamily.gauge("kafka_test_limit_bytes", Unit.BYTES, "a figure that stays");
    private static final MetricFamily USAGE = MetricFamily.gauge(
            "kafka_test_usage_bytes",
            Unit.BYTES,
            "a figure that moves; its help has a line feed\nand a backslash \\ escaped");
    private static final MetricFamily FAILURES = MetricFamily.counter("kafka_test_failures", null, "failures by kind");
    private static final MetricFamily NOTHING_YET = MetricFamily.gauge("kafka_test_nothing_yet", null, "no samples");

    static Stream<ExpositionFormatWriter> writers() {
        return Stream.of(PrometheusTextFormatWriter.create(), OpenMetricsTextFormatWriter.create());
    }

    /** The snapshots of one scrape: the limit never changes, the usage always does, failures now and then. */
    private static MetricSnapshots scrape(int n) {
        return new MetricSnapshots(
                LIMIT.of(1 << 20),
                USAGE.of(Labels.of("dir", "/var/lib/kafka \"data\"\n"), 1000 + n),
                FAILURES.of(List.of(
                        new MetricFamily.Sample(Labels.of("kind", "timeout"), n / 2),
                        new MetricFamily.Sample(Labels.of("kind", "auth"), 1))),
                NOTHING_YET.of(List.of()),
                InfoSnapshot.builder()
                        .name("kafka_test_build")
                        .help("built anew every scrape")
                        .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                                .labels(Labels.of("version", "1"))
                                .build())
                        .build());
    }

    @ParameterizedTest
    @MethodSource("writers")
    void everyScrapeIsTheWritersOwnText(ExpositionFormatWriter writer) throws IOException {
        FamilyTexts texts = new FamilyTexts(writer);

        for (int n = 0; n < 5; n++) {
            MetricSnapshots snapshots = scrape(n);
            assertThat(text(texts.render(snapshots))).isEqualTo(writersText(writer, snapshots));
        }
    }

    @Test
    void onlyTheFamiliesWhoseSnapshotChangedAreWrittenAgain() {
        RecordingWriter writer = new RecordingWriter(PrometheusTextFormatWriter.create());
        FamilyTexts texts = new FamilyTexts(writer);

        texts.render(scrape(0));
        texts.render(scrape(1)); // the failure counts are those of scrape 0
        texts.render(scrape(2));

        assertThat(writer.asked)
                .containsExactly(
                        List.of(
                                "kafka_test_build",
                                "kafka_test_failures",
                                "kafka_test_limit_bytes",
                                "kafka_test_usage_bytes"),
                        List.of("kafka_test_build", "kafka_test_usage_bytes"),
                        List.of("kafka_test_build", "kafka_test_failures", "kafka_test_usage_bytes"));
    }

    @Test
    void aTextThatDoesNotSplitIntoOneFamilyEachIsServedAsTheWriterWroteIt() {
        // One line for whatever it is given: no family can be told from another.
        ExpositionFormatWriter oneLine = new RecordingWriter(PrometheusTextFormatWriter.create()) {
            @Override
            public void write(OutputStream out, MetricSnapshots snapshots, EscapingScheme scheme) throws IOException {
                out.write(("families " + snapshots.size() + "\n").getBytes(StandardCharsets.UTF_8));
            }
        };
        FamilyTexts texts = new FamilyTexts(oneLine);

        assertThat(text(texts.render(scrape(0)))).isEqualTo("families 5\n");
        assertThat(text(texts.render(scrape(1)))).isEqualTo("families 5\n");
    }

    @Test
    void splitsAtTheFirstCommentLineAfterASampleLine() {
        List<String> prometheusFamilies = List.of("""
                # HELP a_total help of a
                # TYPE a_total counter
                a_total{kind="x # not a comment"} 1.0
                a_total{kind="y"} 2.0
                """, """
                # TYPE b gauge
                b 3.0
                """, """
                # HELP c help of c with an escaped line feed\\n# TYPE not a line
                # TYPE c gauge
                c 4.0
                """);
        List<String> openMetricsFamilies = List.of("""
                # TYPE d_bytes gauge
                # UNIT d_bytes bytes
                # HELP d_bytes help of d
                d_bytes 5.0
                """, """
                # TYPE e info
                e_info{version="1"} 1
                """);

        assertThat(split(String.join("", prometheusFamilies))).isEqualTo(prometheusFamilies);
        assertThat(split(String.join("", openMetricsFamilies))).isEqualTo(openMetricsFamilies);
        assertThat(split("")).isEmpty();
    }

    private static List<String> split(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return FamilyTexts.splitByFamily(bytes, bytes.length).stream()
                .map(FamilyTextsTest::text)
                .toList();
    }

    private static String writersText(ExpositionFormatWriter writer, MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writer.write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** A writer that notes the names of the families it is asked to write (none: the end-of-text probe). */
    private static class RecordingWriter implements ExpositionFormatWriter {
        final List<List<String>> asked = new ArrayList<>();
        private final ExpositionFormatWriter delegate;

        RecordingWriter(ExpositionFormatWriter delegate) {
            this.delegate = delegate;
        }

        @Override
        public void write(OutputStream out, MetricSnapshots snapshots, EscapingScheme scheme) throws IOException {
            if (snapshots.size() > 0) {
                asked.add(snapshots.stream()
                        .map(s -> s.getMetadata().getPrometheusName())
                        .toList());
            }
            delegate.write(out, snapshots, scheme);
        }

        @Override
        public boolean accepts(String acceptHeader) {
            return delegate.accepts(acceptHeader);
        }

        @Override
        public String getContentType() {
            return delegate.getContentType();
        }
    }
}

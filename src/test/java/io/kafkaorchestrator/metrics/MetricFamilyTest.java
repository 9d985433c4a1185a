package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.metrics.MetricFamily.Sample;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A family asked for the samples of its last snapshot gives that snapshot again, and a new one for any change. */
class MetricFamilyTest {

    private final MetricFamily family = MetricFamily.gauge("kafka_test_figure", null, "a figure");

    @Test
    void theSameSamplesGiveTheSameSnapshot() {
        MetricSnapshot first =
                family.of(List.of(new Sample(Labels.of("pool", "a"), 1), new Sample(Labels.EMPTY, Double.NaN)));
        List<Sample> equalSamples =
                new ArrayList<>(List.of(new Sample(Labels.of("pool", "a"), 1), new Sample(Labels.EMPTY, Double.NaN)));

        assertThat(family.of(equalSamples)).isSameAs(first);
    }

    @Test
    void anyChangeGivesANewSnapshot() {
        MetricSnapshot first = family.of(Labels.of("pool", "a"), 0.0);

        MetricSnapshot otherValue = family.of(Labels.of("pool", "a"), -0.0); // written "-0.0": not the same text
        MetricSnapshot otherLabels = family.of(Labels.of("pool", "b"), -0.0);
        MetricSnapshot fewerSamples = family.of(List.of());

        assertThat(List.of(first, otherValue, otherLabels, fewerSamples)).doesNotHaveDuplicates();
        assertThat(otherLabels.getDataPoints())
                .singleElement()
                .extracting(point -> point.getLabels().get("pool"))
                .isEqualTo("b");
        assertThat(fewerSamples.getDataPoints()).isEmpty();
    }
}

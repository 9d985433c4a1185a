package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.List;

/**
 * One gauge or counter's name, help and unit, checked once. The metrics model's snapshot builders check the name and
 * help (and build an encoder to do it) for every snapshot they build: once per scrape per metric (docs/packaging.md,
 * Scrape cost). A family takes its metadata from one builder run, so what is exposed is what the builder would expose.
 *
 * <p>A family asked for the samples of its last snapshot returns that same snapshot ({@link LastSnapshot}), so that
 * {@link FamilyTexts} reuses its text: most families (limits, maximums, partition counts, verdicts) do not change
 * between scrapes.
 */
final class MetricFamily {

    /** One value of the family. */
    record Sample(Labels labels, double value) {}

    private final MetricMetadata metadata;
    private final boolean counter;
    private final LastSnapshot<List<Sample>> last = new LastSnapshot<>();

    private MetricFamily(MetricMetadata metadata, boolean counter) {
        this.metadata = metadata;
        this.counter = counter;
    }

    /** @param unit null for none */
    static MetricFamily gauge(String name, Unit unit, String help) {
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            builder.unit(unit);
        }
        return new MetricFamily(builder.build().getMetadata(), false);
    }

    /** @param name with or without the {@code _total} suffix, which the exposition formats add; unit null for none */
    static MetricFamily counter(String name, Unit unit, String help) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        if (unit != null) {
            builder.unit(unit);
        }
        return new MetricFamily(builder.build().getMetadata(), true);
    }

    MetricSnapshot of(double value) {
        return of(Labels.EMPTY, value);
    }

    MetricSnapshot of(Labels labels, double value) {
        return of(List.of(new Sample(labels, value)));
    }

    /** A snapshot of these samples: the last one built when its samples are equal (values compared exactly). */
    MetricSnapshot of(List<Sample> samples) {
        return last.of(List.copyOf(samples), this::build);
    }

    private MetricSnapshot build(List<Sample> samples) {
        if (counter) {
            List<CounterDataPointSnapshot> points = new ArrayList<>(samples.size());
            for (Sample s : samples) {
                points.add(new CounterDataPointSnapshot(s.value(), s.labels(), null, 0L));
            }
            return new CounterSnapshot(metadata, points);
        }
        List<GaugeDataPointSnapshot> points = new ArrayList<>(samples.size());
        for (Sample s : samples) {
            points.add(new GaugeDataPointSnapshot(s.value(), s.labels(), null));
        }
        return new GaugeSnapshot(metadata, points);
    }
}

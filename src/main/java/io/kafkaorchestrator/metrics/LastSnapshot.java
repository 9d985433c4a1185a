package io.kafkaorchestrator.metrics;

import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The snapshot of one family built from the last figures given, built again only when the figures differ (by
 * {@code equals}): an unchanged family is the same snapshot object, whose text {@link FamilyTexts} keeps.
 *
 * @param <F> the family's figures: an immutable value with value equality (a record, an immutable list)
 */
final class LastSnapshot<F> {

    private record Built<F>(F figures, MetricSnapshot snapshot) {}

    private final AtomicReference<Built<F>> last = new AtomicReference<>();

    MetricSnapshot of(F figures, Function<F, MetricSnapshot> build) {
        Built<F> previous = last.get();
        if (previous != null && previous.figures().equals(figures)) {
            return previous.snapshot();
        }
        MetricSnapshot snapshot = build.apply(figures);
        last.set(new Built<>(figures, snapshot));
        return snapshot;
    }
}

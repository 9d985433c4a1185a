package io.kafkaorchestrator.metrics;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.RefreshFailure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** Counts refreshes and their failures by call and kind, for the refresh metrics. Fed by the refresher. */
public final class RefreshCounters implements Consumer<ClusterSnapshot> {

    /** A failed call of a given kind: the labels of one failure counter. */
    public record FailureKey(RefreshFailure.Call call, RefreshFailure.Kind kind) {
    }

    private final LongAdder refreshes = new LongAdder();
    private final Map<FailureKey, LongAdder> failures = new ConcurrentHashMap<>();

    @Override
    public void accept(ClusterSnapshot snapshot) {
        refreshes.increment();
        for (RefreshFailure f : snapshot.failures()) {
            failures.computeIfAbsent(new FailureKey(f.call(), f.kind()), k -> new LongAdder()).increment();
        }
    }

    public long refreshes() {
        return refreshes.sum();
    }

    public Map<FailureKey, Long> failures() {
        Map<FailureKey, Long> copy = new java.util.TreeMap<>(
                java.util.Comparator.comparing((FailureKey k) -> k.call()).thenComparing(FailureKey::kind));
        failures.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}

package io.kafkaorchestrator.metrics;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.PartitionScan;
import io.kafkaorchestrator.kafka.RefreshFailure;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts liveness refreshes, partition scans, their failures by call and kind, and the CPU time each loop spent, for
 * the refresh metrics. Fed by the refresher and the scanner.
 */
public final class RefreshCounters {

    /** A failed call of a given kind: the labels of one failure counter. */
    public record FailureKey(RefreshFailure.Call call, RefreshFailure.Kind kind) {}

    private final LongAdder refreshes = new LongAdder();
    private final LongAdder scans = new LongAdder();
    private final LongAdder refreshCpuNanos = new LongAdder();
    private final LongAdder scanCpuNanos = new LongAdder();
    private final Map<FailureKey, LongAdder> failures = new ConcurrentHashMap<>();

    public void refreshed(ClusterSnapshot snapshot) {
        refreshes.increment();
        refreshCpuNanos.add(snapshot.cost().cpu().toNanos());
        count(snapshot.failures());
    }

    public void scanned(PartitionScan scan) {
        scans.increment();
        scanCpuNanos.add(scan.cost().cpu().toNanos());
        count(scan.failures());
    }

    private void count(List<RefreshFailure> failed) {
        for (RefreshFailure f : failed) {
            failures.computeIfAbsent(new FailureKey(f.call(), f.kind()), k -> new LongAdder())
                    .increment();
        }
    }

    public long refreshes() {
        return refreshes.sum();
    }

    public long scans() {
        return scans.sum();
    }

    /** CPU seconds spent by the liveness refreshes so far. */
    public double refreshCpuSeconds() {
        return refreshCpuNanos.sum() / 1e9;
    }

    /** CPU seconds spent by the partition scans so far. */
    public double scanCpuSeconds() {
        return scanCpuNanos.sum() / 1e9;
    }

    public Map<FailureKey, Long> failures() {
        Map<FailureKey, Long> copy =
                new TreeMap<>(Comparator.comparing((FailureKey k) -> k.call()).thenComparing(FailureKey::kind));
        failures.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }
}

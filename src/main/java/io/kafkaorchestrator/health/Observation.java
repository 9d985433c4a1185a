package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.ListenerState;
import io.kafkaorchestrator.kafka.PartitionScan;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Everything the verdicts are decided from: the latest liveness snapshot, the latest complete partition scan with its
 * analysis (computed once per scan or change of the broker list, so a probe costs the same with ten partitions or a
 * hundred thousand), a newer scan that failed, the own listener as the watch last saw it, and when the own broker was
 * last seen down (a scan from before that says nothing about it now).
 */
public record Observation(
        ClusterSnapshot snapshot,
        Optional<PartitionScan> scan,
        Optional<PartitionReport> partitions,
        Optional<PartitionScan> failedScan,
        ListenerState listener,
        Optional<Instant> brokerDownAt) {

    /** A liveness snapshot alone: no scan yet, nothing known of the listener beyond the snapshot. */
    public static Observation of(ClusterSnapshot snapshot, int brokerId) {
        return new Observation(
                snapshot,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ListenerState.unknown("-"),
                Optional.empty());
    }

    /** The partition analysis of a scan, its ISRs corrected by the snapshot's broker list. */
    static Optional<PartitionReport> report(ClusterSnapshot snapshot, Optional<PartitionScan> scan, int brokerId) {
        return scan.flatMap(PartitionScan::partitions).map(p -> PartitionReport.of(p, brokerId, snapshot.brokers()));
    }

    public Duration age(Instant now) {
        return ageOf(snapshot.observedAt(), now);
    }

    /** How long ago the last complete scan finished. */
    public Optional<Duration> scanAge(Instant now) {
        return scan.map(s -> ageOf(s.finishedAt(), now));
    }

    private static Duration ageOf(Instant at, Instant now) {
        Duration age = Duration.between(at, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}

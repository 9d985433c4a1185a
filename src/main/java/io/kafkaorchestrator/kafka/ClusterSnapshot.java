package io.kafkaorchestrator.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one refresh observed of the cluster, from the point of view of one broker. Each part is empty when the call
 * that observes it failed; {@link #failures()} then says why. Health decisions are pure functions of this value.
 *
 * @param observedAt      when the refresh finished (the observation is complete then)
 * @param refreshDuration how long the refresh took
 * @param clusterId       the cluster id, from describeCluster
 * @param brokers         ids of the registered, unfenced brokers
 * @param quorum          who leads the metadata quorum
 * @param partitions      the partitions this broker replicates
 * @param logDirs         this broker's log directories, as the broker itself answered (proves its listener answers)
 * @param failures        the calls that failed, at most one per call
 */
public record ClusterSnapshot(
        Instant observedAt,
        Duration refreshDuration,
        Optional<String> clusterId,
        Optional<Set<Integer>> brokers,
        Optional<QuorumView> quorum,
        Optional<List<PartitionView>> partitions,
        Optional<List<LogDirView>> logDirs,
        List<RefreshFailure> failures) {

    public ClusterSnapshot {
        brokers = brokers.map(Set::copyOf);
        partitions = partitions.map(List::copyOf);
        logDirs = logDirs.map(List::copyOf);
        failures = List.copyOf(failures);
    }

    /** The failure of one call, if it failed. */
    public Optional<RefreshFailure> failureOf(RefreshFailure.Call call) {
        return failures.stream().filter(f -> f.call() == call).findFirst();
    }
}

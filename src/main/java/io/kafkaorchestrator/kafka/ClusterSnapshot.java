package io.kafkaorchestrator.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one liveness refresh observed, from the point of view of one broker: the calls whose cost does not grow with
 * the cluster. Each part is empty when the call that observes it failed; {@link #failures()} then says why. The
 * partitions are read apart, by the {@link PartitionScanner}. Health decisions are pure functions of these values.
 *
 * @param observedAt      when the refresh finished (the observation is complete then)
 * @param refreshDuration how long the refresh took
 * @param clusterId       the cluster id, from describeCluster
 * @param brokers         ids of the registered, unfenced brokers
 * @param fencedBrokers   ids of the registered brokers the controller has fenced (starting, catching up with the
 *                        metadata log, or their controller session expired); empty when not observed, also on
 *                        clusters before Kafka 4.0, which cannot list them
 * @param quorum          who leads the metadata quorum
 * @param ownBrokerAnswered this broker answered a request of its own (a describeReplicaLogDirs of one replica that
 *                        need not exist: an answer of a few bytes whatever the broker hosts), so its listener answers
 * @param features        the cluster's finalized features, metadata.version among them (read less often than the
 *                        rest: see {@link ClusterReader#FEATURES_EVERY}); empty until read and after a failed read
 * @param cost            what the refresh cost the sidecar
 * @param failures        the calls that failed, at most one per call
 */
public record ClusterSnapshot(
        Instant observedAt,
        Duration refreshDuration,
        Optional<String> clusterId,
        Optional<Set<Integer>> brokers,
        Optional<Set<Integer>> fencedBrokers,
        Optional<QuorumView> quorum,
        boolean ownBrokerAnswered,
        Optional<FinalizedFeatures> features,
        ReadCost cost,
        List<RefreshFailure> failures) {

    public ClusterSnapshot {
        brokers = brokers.map(Set::copyOf);
        fencedBrokers = fencedBrokers.map(Set::copyOf);
        failures = List.copyOf(failures);
    }

    /** The failure of one call, if it failed. */
    public Optional<RefreshFailure> failureOf(RefreshFailure.Call call) {
        return failures.stream().filter(f -> f.call() == call).findFirst();
    }
}

package io.kafkaorchestrator.health;

import java.util.Optional;

/** A health endpoint's own fields: the seed's, one record per endpoint. */
public sealed interface VerdictFields {

    /** /health/live. */
    record Live(boolean brokerFound) implements VerdictFields {}

    /** /health/ready; underReplicatedPartitions counts this broker's partitions whose ISR it is not in, as the seed. */
    record Ready(
            boolean brokerRegistered, boolean controllerElected, int underReplicatedPartitions, boolean logDirsHealthy)
            implements VerdictFields {}

    /** /health/restart-safe; the listings are absent while the partitions are unknown. */
    record RestartSafe(
            boolean safe,
            Optional<PartitionReport.Listing> partitionsAtRisk,
            Optional<PartitionReport.Listing> misconfiguredPartitions)
            implements VerdictFields {}
}

package io.kafkaorchestrator.kafka;

import java.util.OptionalInt;

/**
 * Who leads the cluster's metadata. On KRaft this comes from describeMetadataQuorum; clusters without that API fall
 * back to describeCluster's controller (on KRaft that field names a random live broker, so it is never used there).
 */
public record QuorumView(OptionalInt leaderId, Source source) {

    public enum Source {
        METADATA_QUORUM,
        DESCRIBE_CLUSTER_CONTROLLER
    }

    public boolean hasLeader() {
        return leaderId.isPresent();
    }
}

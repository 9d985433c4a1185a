package io.kafkaorchestrator.kafka;

import java.util.List;
import java.util.OptionalInt;

/**
 * One partition that this broker replicates.
 *
 * @param minInSyncReplicas the topic's effective {@code min.insync.replicas}, empty when it could not be read
 */
public record PartitionView(
        String topic,
        int partition,
        List<Integer> replicas,
        List<Integer> isr,
        OptionalInt leader,
        OptionalInt minInSyncReplicas) {

    public PartitionView {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }

    /** The same partition with another ISR (the list is shared, not copied: callers intern them). */
    public PartitionView withIsr(List<Integer> newIsr) {
        return newIsr.equals(isr)
                ? this
                : new PartitionView(topic, partition, replicas, newIsr, leader, minInSyncReplicas);
    }

    public String name() {
        return topic + "-" + partition;
    }

    public boolean inSync(int brokerId) {
        return isr.contains(brokerId);
    }

    public int replicationFactor() {
        return replicas.size();
    }
}

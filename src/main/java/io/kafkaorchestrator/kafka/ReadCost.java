package io.kafkaorchestrator.kafka;

import java.time.Duration;

/**
 * What one read of the cluster cost the sidecar: CPU time of the threads doing it (the reading thread and its Kafka
 * client's network thread) and bytes the client received. Zero when it could not be measured.
 */
public record ReadCost(Duration cpu, long receivedBytes) {

    public static final ReadCost NONE = new ReadCost(Duration.ZERO, 0);

    public ReadCost plus(ReadCost other) {
        return new ReadCost(cpu.plus(other.cpu), receivedBytes + other.receivedBytes);
    }
}

package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot with its partition analysis, computed once per refresh so that a probe costs the same with ten
 * partitions or a hundred thousand.
 */
public record Observation(ClusterSnapshot snapshot, Optional<PartitionReport> partitions) {

    public static Observation of(ClusterSnapshot snapshot, int brokerId) {
        return new Observation(snapshot, snapshot.partitions().map(p -> PartitionReport.of(p, brokerId)));
    }

    public Duration age(Instant now) {
        Duration age = Duration.between(snapshot.observedAt(), now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}

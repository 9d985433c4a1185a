package io.kafkaorchestrator.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One complete read of the partitions this broker replicates: its log directories, which list its replicas, then every
 * partition of every topic with a replica here (the Admin API describes whole topics), paged and paced by the
 * {@link PartitionScanner}.
 *
 * @param startedAt   when the scan started: ISR states older than this are not in it
 * @param finishedAt  when its last page arrived
 * @param logDirs     this broker's log directories, as the broker itself answered; empty when that call failed
 * @param partitions  the partitions this broker replicates; empty when the scan failed
 * @param topics      topics described
 * @param described   partitions described, this broker's and the others' of the same topics
 * @param cost        CPU and bytes received, over all pages
 * @param failures    calls that failed: a failed describeLogDirs or describeTopics fails the scan (no partitions); a
 *                    failed describeConfigs leaves min.insync.replicas unknown
 * @param steadyDuration how long the same scan takes at the steady CPU share: a scan run at the larger share while
 *                    readiness waits (the first one, say) is followed by slower ones, and its age must be judged by
 *                    theirs; zero when unknown
 */
public record PartitionScan(
        Instant startedAt,
        Instant finishedAt,
        Optional<List<LogDirView>> logDirs,
        Optional<List<PartitionView>> partitions,
        int topics,
        int described,
        ReadCost cost,
        List<RefreshFailure> failures,
        Duration steadyDuration) {

    public PartitionScan {
        logDirs = logDirs.map(List::copyOf);
        partitions = partitions.map(List::copyOf);
        failures = List.copyOf(failures);
    }

    public Duration duration() {
        return Duration.between(startedAt, finishedAt);
    }

    /** What the next scan takes, about: this one's duration, or longer when this one ran at the larger share. */
    public Duration expectedDuration() {
        Duration took = duration();
        return steadyDuration.compareTo(took) > 0 ? steadyDuration : took;
    }

    public boolean complete() {
        return partitions.isPresent();
    }
}

package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.LogDirView;
import java.util.List;
import java.util.Optional;

/**
 * One check behind a verdict: its name, whether it passes, why, and what it saw (nothing when it could not look:
 * no refresh yet, the call failed). The health endpoints list their checks; how they show them is the api's business.
 */
public record Check(String name, boolean pass, String reason, Optional<Observed> observed) {

    public Check(String name, boolean pass, String reason, Observed observed) {
        this(name, pass, reason, Optional.of(observed));
    }

    /** A check that saw nothing. */
    public Check(String name, boolean pass, String reason) {
        this(name, pass, reason, Optional.empty());
    }

    /** What a check saw, one record per kind of value, so that a reader can tell them apart without a cast. */
    public sealed interface Observed {}

    /** How old something is, in milliseconds. */
    public record Millis(long millis) implements Observed {}

    /** A number of things (failed calls, partitions). */
    public record Count(int count) implements Observed {}

    /** A node of the cluster, by id. */
    public record Node(int id) implements Observed {}

    /** Whether something answered. */
    public record Answered(boolean answered) implements Observed {}

    /** The brokers registered (and unfenced), by id, in ascending order. */
    public record Brokers(List<Integer> ids) implements Observed {
        public Brokers {
            ids = List.copyOf(ids);
        }
    }

    /** Partitions a check names: how many, and the first few. */
    public record Partitions(PartitionReport.Listing listing) implements Observed {}

    /** The last complete partition scan: its age, how long it took and what it described. */
    public record Scan(long ageMs, long durationMs, int topics, int partitionsDescribed) implements Observed {}

    /** Where this broker stands in the ISRs of the partitions it replicates. */
    public record InSync(
            int hosted,
            PartitionReport.Listing outOfSync,
            PartitionReport.Listing othersMissing,
            PartitionReport.Listing leaderless)
            implements Observed {}

    /** This broker's log directories, by path. */
    public record LogDirs(List<LogDirView> dirs) implements Observed {
        public LogDirs {
            dirs = List.copyOf(dirs);
        }
    }
}

package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.PartitionView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the partitions this broker replicates say about it: whether it has caught up (readiness) and what stopping it
 * would do (restart-safety). Pure: computed from a snapshot's partitions once per refresh.
 *
 * @param hosted        partitions this broker replicates
 * @param outOfSync     this broker is a replica but not in the ISR: it has not caught up (fails readiness)
 * @param othersMissing this broker is in sync but another replica is not (reported only: not this broker's fault)
 * @param leaderless    no leader (reported only)
 * @param atRisk        stopping this broker now would take the partition offline or below min.insync.replicas,
 *                      or the partition is at its minimum and this broker is the replica still catching up
 * @param misconfigured replication factor ≤ min.insync.replicas: no restart can ever be safe, so reported, not
 *                      blocking
 * @param minIsrUnknown min.insync.replicas could not be read: restart-safety cannot be decided
 */
public record PartitionReport(
        int hosted,
        Listing outOfSync,
        Listing othersMissing,
        Listing leaderless,
        Listing atRisk,
        Listing misconfigured,
        Listing minIsrUnknown) {

    /** How many names a listing shows: bodies stay small with 100,000 partitions. */
    public static final int SHOWN = 20;

    /** A count with the first {@link #SHOWN} entries. */
    public record Listing(int count, List<String> shown) {
        public Listing {
            shown = List.copyOf(shown);
        }

        public boolean isEmpty() {
            return count == 0;
        }
    }

    /** As {@link #of(List, int, Optional)} with no broker list to correct the ISRs by. */
    public static PartitionReport of(List<PartitionView> partitions, int brokerId) {
        return of(partitions, brokerId, Optional.empty());
    }

    /**
     * @param registered the brokers registered now, when known. A scan may be minutes old on a large broker; a broker
     *                   that has left the cluster since is out of every ISR by now (the controller fences it and
     *                   shrinks the ISRs it was in), so it is taken out of the scanned ISRs at once: restart-safety
     *                   then turns unsafe within one liveness refresh, not one scan.
     */
    public static PartitionReport of(List<PartitionView> partitions, int brokerId, Optional<Set<Integer>> registered) {
        Map<List<Integer>, List<Integer>> present = new HashMap<>();
        Collector outOfSync = new Collector();
        Collector othersMissing = new Collector();
        Collector leaderless = new Collector();
        Collector atRisk = new Collector();
        Collector misconfigured = new Collector();
        Collector minIsrUnknown = new Collector();
        for (PartitionView scanned : partitions) {
            PartitionView p = registered.isEmpty()
                    ? scanned
                    : scanned.withIsr(present.computeIfAbsent(
                            scanned.isr(),
                            isr -> isr.stream()
                                    .filter(registered.get()::contains)
                                    .toList()));
            boolean inSync = p.inSync(brokerId);
            if (!inSync) {
                outOfSync.add(p.name());
            } else if (p.isr().size() < p.replicationFactor()) {
                othersMissing.add(p.name());
            }
            if (p.leader().isEmpty()) {
                leaderless.add(p.name());
            }
            if (p.minInSyncReplicas().isEmpty()) {
                minIsrUnknown.add(p.name());
                continue;
            }
            int minIsr = p.minInSyncReplicas().getAsInt();
            if (p.replicationFactor() <= minIsr) {
                misconfigured.add(p.name() + ": replication factor " + p.replicationFactor()
                        + " <= min.insync.replicas " + minIsr);
                continue;
            }
            String risk = restartRisk(p, brokerId, inSync, minIsr);
            if (risk != null) {
                atRisk.add(p.name() + ": ISR " + p.isr() + ", min.insync.replicas " + minIsr + ": " + risk);
            }
        }
        return new PartitionReport(
                partitions.size(),
                outOfSync.listing(),
                othersMissing.listing(),
                leaderless.listing(),
                atRisk.listing(),
                misconfigured.listing(),
                minIsrUnknown.listing());
    }

    /** Why stopping this broker would hurt the partition, or null when it would not. */
    private static String restartRisk(PartitionView p, int brokerId, boolean inSync, int minIsr) {
        if (inSync && p.isr().size() == 1) {
            return "would go offline (this broker is the only in-sync replica)";
        }
        if (inSync && p.isr().size() - 1 < minIsr) {
            return "would fall below min.insync.replicas";
        }
        if (!inSync && p.isr().size() <= minIsr) {
            // The partition is at (or under) its minimum and this broker is the replica that would restore headroom:
            // restarting it throws its catch-up away and prolongs the window in which one more failure stops writes.
            return "is at or below min.insync.replicas and this broker is still catching up";
        }
        return null;
    }

    private static final class Collector {
        private int count;
        private final List<String> shown = new ArrayList<>();

        void add(String entry) {
            count++;
            if (shown.size() < SHOWN) {
                shown.add(entry);
            }
        }

        Listing listing() {
            return new Listing(count, shown);
        }
    }
}

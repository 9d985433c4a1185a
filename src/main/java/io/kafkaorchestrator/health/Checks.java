package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.ListenerState;
import io.kafkaorchestrator.kafka.LogDirView;
import io.kafkaorchestrator.kafka.PartitionScan;
import io.kafkaorchestrator.kafka.RefreshFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The individual checks the verdicts are made of. Each is a pure function of an observation. */
final class Checks {

    private Checks() {}

    static Check fresh(Optional<Observation> observation, HealthPolicy policy, Instant now) {
        if (observation.isEmpty()) {
            return new Check("snapshot", false, "no refresh of the cluster state has completed yet");
        }
        Duration age = observation.get().age(now);
        boolean fresh = age.compareTo(policy.staleAfter()) <= 0;
        String reason = fresh
                ? "cluster state observed " + age.toMillis() + " ms ago"
                : "cluster state is stale: observed " + age.toMillis() + " ms ago, limit "
                        + policy.staleAfter().toMillis() + " ms (2 x CHECK_INTERVAL + CHECK_TIMEOUT)";
        return new Check("snapshot", fresh, reason, new Check.Millis(age.toMillis()));
    }

    static Check registered(Optional<Observation> observation, int brokerId) {
        Optional<ClusterSnapshot> snapshot = observation.map(Observation::snapshot);
        if (snapshot.flatMap(ClusterSnapshot::brokers).isEmpty()) {
            return new Check(
                    "registered",
                    false,
                    "broker list unknown: " + failure(snapshot, RefreshFailure.Call.DESCRIBE_CLUSTER));
        }
        List<Integer> brokers = snapshot.get().brokers().get().stream().sorted().toList();
        boolean found = brokers.contains(brokerId);
        String reason = found
                ? "broker " + brokerId + " is registered and unfenced"
                : fenced(snapshot, brokerId)
                        ? "broker " + brokerId + " is registered but fenced"
                        : "broker " + brokerId + " is not in the cluster's broker list " + brokers;
        return new Check("registered", found, reason, new Check.Brokers(brokers));
    }

    /** The broker is registered but fenced, as far as the cluster could list fenced brokers (Kafka 4.0 on). */
    static boolean fenced(Optional<ClusterSnapshot> snapshot, int brokerId) {
        return snapshot.flatMap(ClusterSnapshot::fencedBrokers)
                .map(ids -> ids.contains(brokerId))
                .orElse(false);
    }

    static Check listener(Optional<Observation> observation, int brokerId) {
        Optional<ClusterSnapshot> snapshot = observation.map(Observation::snapshot);
        Optional<ListenerState> watched = observation.map(Observation::listener).filter(ListenerState::refusing);
        if (watched.isPresent()) {
            return new Check(
                    "listener",
                    false,
                    "broker " + brokerId + " is not running: its listener "
                            + watched.get().address() + " refuses connections ("
                            + watched.get().detail() + ")",
                    new Check.Answered(false));
        }
        boolean answered = snapshot.map(ClusterSnapshot::ownBrokerAnswered).orElse(false);
        String reason = answered
                ? "broker " + brokerId + " answered on its listener"
                : "broker " + brokerId + " did not answer on its listener: "
                        + failure(snapshot, RefreshFailure.Call.DESCRIBE_LOG_DIRS);
        return new Check("listener", answered, reason, new Check.Answered(answered));
    }

    /**
     * The last complete partition scan is of use: fresh enough for its own pace, and started after the own broker
     * was last seen down (before that, it says nothing about the broker's ISRs now).
     */
    static Check scan(Optional<Observation> observation, HealthPolicy policy, Instant now) {
        Optional<PartitionScan> scan = observation.flatMap(Observation::scan);
        String failed = observation
                .flatMap(Observation::failedScan)
                .map(f -> "; the last scan failed: " + f.failures().getFirst().message())
                .orElse("");
        if (scan.isEmpty()) {
            return new Check("scan", false, "partitions of broker " + policy.brokerId() + " not scanned yet" + failed);
        }
        PartitionScan s = scan.get();
        long ageMs = observation.get().scanAge(now).orElseThrow().toMillis();
        Check.Scan observed = new Check.Scan(ageMs, s.duration().toMillis(), s.topics(), s.described());
        Duration limit = policy.scanStaleAfter(s.expectedDuration());
        if (ageMs > limit.toMillis()) {
            return new Check(
                    "scan",
                    false,
                    "partition scan is stale: finished " + ageMs + " ms ago, limit "
                            + limit.toMillis() + " ms (2 x the longer of CHECK_INTERVAL and the last scan's "
                            + s.expectedDuration().toMillis() + " ms at the steady pace, + CHECK_TIMEOUT)" + failed,
                    observed);
        }
        Optional<Instant> downAt = observation.get().brokerDownAt();
        if (downAt.isPresent() && s.startedAt().isBefore(downAt.get())) {
            return new Check(
                    "scan",
                    false,
                    "no partition scan since broker " + policy.brokerId() + " was last seen down at " + downAt.get()
                            + " (a new scan is under way)" + failed,
                    observed);
        }
        return new Check(
                "scan",
                true,
                "partitions scanned " + ageMs + " ms ago: " + s.described() + " partitions of " + s.topics()
                        + " topics in " + s.duration().toMillis() + " ms",
                observed);
    }

    static Check controller(Optional<Observation> observation) {
        Optional<ClusterSnapshot> snapshot = observation.map(Observation::snapshot);
        if (snapshot.flatMap(ClusterSnapshot::quorum).isEmpty()) {
            return new Check(
                    "controller",
                    false,
                    "metadata quorum unknown: " + failure(snapshot, RefreshFailure.Call.DESCRIBE_METADATA_QUORUM));
        }
        var quorum = snapshot.get().quorum().get();
        return quorum.leaderId().isPresent()
                ? new Check(
                        "controller",
                        true,
                        "metadata quorum leader is node " + quorum.leaderId().getAsInt(),
                        new Check.Node(quorum.leaderId().getAsInt()))
                : new Check("controller", false, "the metadata quorum has no leader");
    }

    static Check inSync(Optional<Observation> observation, int brokerId, Check scan) {
        Optional<PartitionReport> report = observation.flatMap(Observation::partitions);
        if (report.isEmpty() || !scan.pass()) {
            return new Check("inSync", false, "partitions unknown: " + scan.reason());
        }
        PartitionReport r = report.get();
        String reason = r.outOfSync().isEmpty()
                ? "broker " + brokerId + " is in the ISR of all " + r.hosted() + " partitions it replicates"
                : "broker " + brokerId + " is not in the ISR of "
                        + r.outOfSync().count() + " of " + r.hosted()
                        + " partitions it replicates: "
                        + String.join(", ", r.outOfSync().shown())
                        + (r.outOfSync().count() > r.outOfSync().shown().size() ? ", ..." : "");
        return new Check(
                "inSync",
                r.outOfSync().isEmpty(),
                reason,
                new Check.InSync(r.hosted(), r.outOfSync(), r.othersMissing(), r.leaderless()));
    }

    static Check logDirs(Optional<Observation> observation) {
        Optional<List<LogDirView>> dirs = observation.flatMap(Observation::scan).flatMap(PartitionScan::logDirs);
        if (dirs.isEmpty()) {
            return new Check("logDirs", false, "log directories unknown: no partition scan yet");
        }
        String firstProblem = null;
        for (LogDirView dir : dirs.get()) {
            if (firstProblem == null && !dir.online()) {
                firstProblem =
                        "log dir " + dir.path() + " is offline: " + dir.error().get();
            } else if (firstProblem == null && dir.futureReplicas() > 0) {
                firstProblem = "log dir " + dir.path() + " has " + dir.futureReplicas()
                        + " future replicas (an intra-broker move is in progress)";
            }
        }
        String reason = firstProblem != null
                ? firstProblem
                : dirs.get().size() + " log dirs online, no replica being moved between them";
        return new Check("logDirs", firstProblem == null, reason, new Check.LogDirs(dirs.get()));
    }

    static String failure(Optional<ClusterSnapshot> snapshot, RefreshFailure.Call call) {
        if (snapshot.isEmpty()) {
            return "no refresh has completed yet";
        }
        return snapshot.get()
                .failureOf(call)
                .or(() -> snapshot.get().failures().stream().findFirst())
                .map(RefreshFailure::message)
                .orElse("not observed");
    }

    static Optional<String> firstFailing(List<Check> checks) {
        return checks.stream().filter(c -> !c.pass()).map(Check::reason).findFirst();
    }

    /** The sidecar's own trouble (credentials, permissions) in a fresh snapshot, if any. */
    static Optional<RefreshFailure> sidecarsOwnFailure(Optional<Observation> observation) {
        return observation.flatMap(o -> o.snapshot().failures().stream()
                .filter(f -> f.kind().sidecarsOwn())
                .findFirst());
    }
}

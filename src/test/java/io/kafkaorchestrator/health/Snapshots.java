package io.kafkaorchestrator.health;

import io.kafkaorchestrator.kafka.ClusterSnapshot;
import io.kafkaorchestrator.kafka.ListenerState;
import io.kafkaorchestrator.kafka.LogDirView;
import io.kafkaorchestrator.kafka.PartitionScan;
import io.kafkaorchestrator.kafka.PartitionView;
import io.kafkaorchestrator.kafka.QuorumView;
import io.kafkaorchestrator.kafka.ReadCost;
import io.kafkaorchestrator.kafka.RefreshFailure;
import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/** Builds cluster snapshots for decision tables: a healthy 3-broker cluster seen from broker 0, then one change. */
final class Snapshots {

    static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private Instant observedAt = T0;
    private Optional<Set<Integer>> brokers = Optional.of(Set.of(0, 1, 2));
    private Optional<Set<Integer>> fencedBrokers = Optional.of(Set.of());
    private Optional<QuorumView> quorum =
            Optional.of(new QuorumView(OptionalInt.of(3000), QuorumView.Source.METADATA_QUORUM));
    private Optional<List<PartitionView>> partitions = Optional.of(List.of(
            partition("orders", 0, List.of(0, 1, 2), List.of(0, 1, 2), 2),
            partition("orders", 1, List.of(1, 2, 0), List.of(1, 2, 0), 2)));
    private Optional<List<LogDirView>> logDirs = Optional.of(List.of(
            new LogDirView("/var/lib/kafka/data", Optional.empty(), OptionalLong.of(1000), OptionalLong.of(600), 0)));
    private final List<RefreshFailure> failures = new ArrayList<>();
    private final List<RefreshFailure> scanFailures = new ArrayList<>();
    private Duration scanTook = Duration.ofMillis(40);
    private Duration scanSteadyDuration = Duration.ZERO;
    private Optional<Instant> scanFinishedAt = Optional.empty();
    private boolean ownBrokerAnswered = true;
    private ListenerState listener = ListenerState.unknown("localhost:9092");
    private Optional<Instant> brokerDownAt = Optional.empty();

    static Snapshots healthy() {
        return new Snapshots();
    }

    static PartitionView partition(String topic, int p, List<Integer> replicas, List<Integer> isr, int minIsr) {
        return new PartitionView(
                topic,
                p,
                replicas,
                isr,
                isr.isEmpty() ? OptionalInt.empty() : OptionalInt.of(isr.getFirst()),
                OptionalInt.of(minIsr));
    }

    /** An online log directory of a 10-byte volume with 5 bytes free. */
    static LogDirView logDir(String path, int futureReplicas) {
        return new LogDirView(path, Optional.empty(), OptionalLong.of(10), OptionalLong.of(5), futureReplicas);
    }

    static LogDirView offlineLogDir(String path, String error) {
        return new LogDirView(path, Optional.of(error), OptionalLong.empty(), OptionalLong.empty(), 0);
    }

    Snapshots observedAt(Instant at) {
        observedAt = at;
        return this;
    }

    Snapshots brokers(Integer... ids) {
        brokers = Optional.of(Set.of(ids));
        return this;
    }

    /** Registered but fenced (take them out of {@link #brokers} too). */
    Snapshots fenced(Integer... ids) {
        fencedBrokers = Optional.of(Set.of(ids));
        return this;
    }

    /** A cluster before Kafka 4.0: it cannot list fenced brokers. */
    Snapshots fencedUnknown() {
        fencedBrokers = Optional.empty();
        return this;
    }

    Snapshots quorumLeader(OptionalInt leader) {
        quorum = Optional.of(new QuorumView(leader, QuorumView.Source.METADATA_QUORUM));
        return this;
    }

    Snapshots partitions(PartitionView... views) {
        partitions = Optional.of(List.of(views));
        return this;
    }

    Snapshots logDirs(LogDirView... dirs) {
        logDirs = Optional.of(List.of(dirs));
        return this;
    }

    /** The scan ran at the larger share; at the steady one it would take {@code steady}. */
    Snapshots steadyScanDuration(Duration steady) {
        scanSteadyDuration = steady;
        return this;
    }

    /** The last complete scan finished then, having taken {@code took} (by default: with the refresh, in 40 ms). */
    Snapshots scanned(Instant finishedAt, Duration took) {
        scanFinishedAt = Optional.of(finishedAt);
        scanTook = took;
        return this;
    }

    /** The listener watch saw the own listener accept, then refuse since {@code at}. */
    Snapshots listenerRefusing(Instant at) {
        listener = new ListenerState("localhost:9092", Optional.of(at), true, "Connection refused");
        return this;
    }

    /** The listener watch saw a refusal where nothing ever accepted (a wrong KAFKA_PORT, say). */
    Snapshots listenerNeverAccepted() {
        listener = new ListenerState("localhost:9092", Optional.of(observedAt), false, "Connection refused");
        return this;
    }

    Snapshots brokerDownAt(Instant at) {
        brokerDownAt = Optional.of(at);
        return this;
    }

    /** The call failed: its part of the snapshot is missing. */
    Snapshots failed(Call call, Kind kind, String message) {
        boolean scanned = call == Call.DESCRIBE_TOPICS || call == Call.DESCRIBE_CONFIGS;
        (scanned ? scanFailures : failures).add(new RefreshFailure(call, kind, message));
        switch (call) {
            case DESCRIBE_CLUSTER -> {
                brokers = Optional.empty();
                fencedBrokers = Optional.empty();
            }
            case DESCRIBE_METADATA_QUORUM -> quorum = Optional.empty();
            case DESCRIBE_TOPICS -> partitions = Optional.empty();
            case DESCRIBE_LOG_DIRS -> ownBrokerAnswered = false;
            case DESCRIBE_CONFIGS ->
                partitions = partitions.map(ps -> ps.stream()
                        .map(p -> new PartitionView(
                                p.topic(), p.partition(), p.replicas(), p.isr(), p.leader(), OptionalInt.empty()))
                        .toList());
        }
        return this;
    }

    /** Every call refused the sidecar's credentials. */
    Snapshots authenticationFailed() {
        for (Call call : List.of(
                Call.DESCRIBE_CLUSTER, Call.DESCRIBE_METADATA_QUORUM, Call.DESCRIBE_TOPICS, Call.DESCRIBE_LOG_DIRS)) {
            failed(
                    call,
                    Kind.AUTHENTICATION,
                    "SaslAuthenticationException: Authentication failed: Invalid username or password");
        }
        return this;
    }

    /** The liveness refresh's part. */
    ClusterSnapshot build() {
        return new ClusterSnapshot(
                observedAt,
                Duration.ofMillis(40),
                Optional.of("test-cluster-id"),
                brokers,
                fencedBrokers,
                quorum,
                ownBrokerAnswered,
                Optional.empty(),
                ReadCost.NONE,
                failures);
    }

    /** The partition scan's part: it ran in the 40 ms before the refresh finished. */
    PartitionScan scan() {
        Instant finished = scanFinishedAt.orElse(observedAt);
        return scan(finished.minus(scanTook), finished);
    }

    PartitionScan scan(Instant startedAt, Instant finishedAt) {
        return new PartitionScan(
                startedAt,
                finishedAt,
                logDirs,
                partitions,
                1,
                partitions.map(List::size).orElse(0),
                ReadCost.NONE,
                scanFailures,
                scanSteadyDuration);
    }

    /** Both parts, as the monitor makes them into one observation (the broker never seen down). */
    Optional<Observation> observation() {
        ClusterSnapshot snapshot = build();
        PartitionScan scan = scan();
        Optional<PartitionScan> complete = scan.complete() ? Optional.of(scan) : Optional.empty();
        return Optional.of(new Observation(
                snapshot,
                complete,
                Observation.report(snapshot, complete, 0),
                scan.complete() ? Optional.empty() : Optional.of(scan),
                listener,
                brokerDownAt));
    }
}

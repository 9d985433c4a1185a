package io.kafkaorchestrator.health;

import static io.kafkaorchestrator.health.Snapshots.T0;
import static io.kafkaorchestrator.health.Snapshots.healthy;
import static io.kafkaorchestrator.health.Snapshots.logDir;
import static io.kafkaorchestrator.health.Snapshots.offlineLogDir;
import static io.kafkaorchestrator.health.Snapshots.partition;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.kafka.PartitionView;
import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README's health semantics as decision tables: broker 0, CHECK_INTERVAL 5s, CHECK_TIMEOUT 10s (stale after 20s),
 * grace 10m.
 */
class HealthDecisionsTest {

    static final HealthPolicy POLICY =
            HealthPolicy.of(0, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofMinutes(10));
    /** The sidecar started at T0 - 1h and has seen its broker live: no grace. */
    static final StartupState SEEN_LIVE = new StartupState(T0.minusSeconds(3600), Optional.of(T0.minusSeconds(3500)));
    /** The sidecar started a minute before T0 and has not seen its broker live yet: in grace. */
    static final StartupState JUST_STARTED = StartupState.startedAt(T0.minusSeconds(60));
    /** Started 11 minutes ago, never live: the grace is over. */
    static final StartupState GRACE_OVER = StartupState.startedAt(T0.minus(Duration.ofMinutes(11)));

    static final Instant NOW = T0.plusSeconds(1);
    static final String AUTH = "SaslAuthenticationException: Authentication failed: Invalid username or password";
    static final String OWN_TROUBLE = "the sidecar cannot check the broker with its own credentials or permissions"
            + " (not the broker's fault; fix the sidecar's SASL/TLS settings or ACLs): " + AUTH;

    static Stream<Arguments> liveness() {
        return Stream.of(
                row("healthy broker", healthy().observation(), SEEN_LIVE, Status.HEALTHY, 200, null),
                row(
                        "no refresh yet, in grace",
                        Optional.empty(),
                        JUST_STARTED,
                        Status.STARTING,
                        200,
                        "starting (startup grace of 600 s): no refresh of the cluster state has completed yet"),
                row(
                        "no refresh yet, grace over",
                        Optional.empty(),
                        GRACE_OVER,
                        Status.UNHEALTHY,
                        503,
                        "no refresh of the cluster state has completed yet"),
                row(
                        "not registered yet, in grace",
                        healthy().brokers(1, 2).observation(),
                        JUST_STARTED,
                        Status.STARTING,
                        200,
                        "starting (startup grace of 600 s): broker 0 is not in the cluster's broker list [1, 2]"),
                row(
                        "not registered, grace over",
                        healthy().brokers(1, 2).observation(),
                        GRACE_OVER,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is not in the cluster's broker list [1, 2]"),
                row(
                        "not registered after it was live once: the grace ended at the first pass",
                        healthy().brokers(1, 2).observation(),
                        new StartupState(T0.minusSeconds(60), Optional.of(T0.minusSeconds(30))),
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is not in the cluster's broker list [1, 2]"),
                row(
                        "listener does not answer (frozen broker)",
                        healthy()
                                .failed(Call.DESCRIBE_LOG_DIRS, Kind.TIMEOUT, "no answer within 10000 ms")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 did not answer on its listener: no answer within 10000 ms"),
                row(
                        "stale snapshot",
                        healthy().observedAt(T0.minusSeconds(21)).observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "cluster state is stale: observed 22000 ms ago,"
                                + " limit 20000 ms (2 x CHECK_INTERVAL + CHECK_TIMEOUT)"),
                row(
                        "snapshot exactly at the stale limit is still fresh",
                        healthy().observedAt(T0.minusSeconds(19)).observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "wrong password: unknown, never a restart",
                        healthy().authenticationFailed().observation(),
                        SEEN_LIVE,
                        Status.UNKNOWN,
                        200,
                        OWN_TROUBLE),
                row(
                        "wrong password from the start: unknown, not starting",
                        healthy().authenticationFailed().observation(),
                        JUST_STARTED,
                        Status.UNKNOWN,
                        200,
                        OWN_TROUBLE),
                row(
                        "stale and wrong password: stale wins",
                        healthy()
                                .observedAt(T0.minusSeconds(60))
                                .authenticationFailed()
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "cluster state is stale: observed 61000 ms ago,"
                                + " limit 20000 ms (2 x CHECK_INTERVAL + CHECK_TIMEOUT)"),
                row(
                        "cluster unreachable",
                        healthy()
                                .failed(Call.DESCRIBE_CLUSTER, Kind.TIMEOUT, "no answer within 10000 ms")
                                .failed(Call.DESCRIBE_LOG_DIRS, Kind.TIMEOUT, "no answer within 10000 ms")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker list unknown: no answer within 10000 ms"),
                row(
                        "another broker down does not matter",
                        healthy().brokers(0, 2).observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "own listener refuses after it accepted: down at once, before any refresh says so",
                        healthy().listenerRefusing(T0).observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is not running: its listener localhost:9092"
                                + " refuses connections (Connection refused)"),
                row(
                        "a listener address that never accepted proves nothing (wrong KAFKA_PORT)",
                        healthy().listenerNeverAccepted().observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "fenced, in grace: starting, as not registered yet",
                        healthy().brokers(1, 2).fenced(0).observation(),
                        JUST_STARTED,
                        Status.STARTING,
                        200,
                        "starting (startup grace of 600 s): broker 0 is registered but fenced"),
                row(
                        "fenced and answering, grace over: running, catching up; a restart would redo log recovery",
                        healthy().brokers(1, 2).fenced(0).observation(),
                        GRACE_OVER,
                        Status.FENCED,
                        200,
                        "broker 0 is registered but fenced"),
                row(
                        "fenced and answering after it was live (cut off from the controller):"
                                + " a restart would not help",
                        healthy().brokers(1, 2).fenced(0).observation(),
                        SEEN_LIVE,
                        Status.FENCED,
                        200,
                        "broker 0 is registered but fenced"),
                row(
                        "fenced and its listener silent (frozen): down for its listener",
                        healthy()
                                .brokers(1, 2)
                                .fenced(0)
                                .failed(Call.DESCRIBE_LOG_DIRS, Kind.TIMEOUT, "no answer within 10000 ms")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 did not answer on its listener: no answer within 10000 ms"),
                row(
                        "fenced and its listener refusing (killed): down at once",
                        healthy().brokers(1, 2).fenced(0).listenerRefusing(T0).observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is not running: its listener localhost:9092"
                                + " refuses connections (Connection refused)"),
                row(
                        "fenced and stale: stale",
                        healthy()
                                .brokers(1, 2)
                                .fenced(0)
                                .observedAt(T0.minusSeconds(21))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "cluster state is stale: observed 22000 ms ago,"
                                + " limit 20000 ms (2 x CHECK_INTERVAL + CHECK_TIMEOUT)"),
                row(
                        "another broker fenced does not matter",
                        healthy().brokers(0, 2).fenced(1).observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "a cluster before Kafka 4.0 cannot list fenced brokers: absent, as before",
                        healthy().brokers(1, 2).fencedUnknown().observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is not in the cluster's broker list [1, 2]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void liveness(
            String situation,
            Optional<Observation> observation,
            StartupState startup,
            Status status,
            int code,
            String error) {
        var verdict = HealthDecisions.live(observation, startup, POLICY, NOW);
        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.httpStatus()).isEqualTo(code);
        assertThat(verdict.error()).isEqualTo(Optional.ofNullable(error));
    }

    static Stream<Arguments> readiness() {
        return Stream.of(
                row("healthy broker", healthy().observation(), SEEN_LIVE, Status.HEALTHY, 200, null),
                row(
                        "live only through the startup grace",
                        healthy().brokers(1, 2).observation(),
                        JUST_STARTED,
                        Status.UNHEALTHY,
                        503,
                        "broker is starting (startup grace of 600 s):"
                                + " broker 0 is not in the cluster's broker list [1, 2]"),
                row(
                        "wrong password",
                        healthy().authenticationFailed().observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        OWN_TROUBLE),
                row(
                        "quorum without leader",
                        healthy().quorumLeader(OptionalInt.empty()).observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "the metadata quorum has no leader"),
                row(
                        "quorum unknown",
                        healthy()
                                .failed(Call.DESCRIBE_METADATA_QUORUM, Kind.TIMEOUT, "no answer within 10000 ms")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "metadata quorum unknown: no answer within 10000 ms"),
                row(
                        "this broker not caught up",
                        healthy()
                                .partitions(
                                        partition("orders", 0, List.of(0, 1, 2), List.of(1, 2), 2),
                                        partition("orders", 1, List.of(1, 2, 0), List.of(1, 2, 0), 2),
                                        partition("payments", 3, List.of(2, 0, 1), List.of(2, 1), 2))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is not in the ISR of 2 of 3 partitions it replicates: orders-0, payments-3"),
                row(
                        "another broker missing from the ISR does not fail this one (no cascade)",
                        healthy()
                                .partitions(partition("orders", 0, List.of(0, 1, 2), List.of(0, 2), 2))
                                .observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "leaderless partition is reported, not blocking",
                        healthy()
                                .partitions(new PartitionView(
                                        "orders", 0, List.of(0, 1), List.of(0), OptionalInt.empty(), OptionalInt.of(1)))
                                .observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "offline log dir",
                        healthy()
                                .logDirs(
                                        logDir("/data/a", 0),
                                        offlineLogDir("/data/b", "KafkaStorageException: disk error"))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "log dir /data/b is offline: KafkaStorageException: disk error"),
                row(
                        "future replica (intra-broker move)",
                        healthy()
                                .logDirs(logDir("/data/a", 0), logDir("/data/b", 2))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "log dir /data/b has 2 future replicas (an intra-broker move is in progress)"),
                row(
                        "partitions unknown",
                        healthy()
                                .failed(Call.DESCRIBE_TOPICS, Kind.ERROR, "UnknownServerException: boom")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "partitions of broker 0 not scanned yet; the last scan failed: UnknownServerException: boom"),
                row(
                        "broker down",
                        healthy()
                                .brokers(1, 2)
                                .failed(Call.DESCRIBE_LOG_DIRS, Kind.TIMEOUT, "no answer within 10000 ms")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is not in the cluster's broker list [1, 2]"),
                row(
                        "scan older than twice the interval plus the timeout",
                        healthy()
                                .scanned(NOW.minusSeconds(21), Duration.ofMillis(40))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "partition scan is stale: finished 21000 ms ago, limit 20000 ms (2 x the longer of"
                                + " CHECK_INTERVAL and the last scan's 40 ms at the steady pace, + CHECK_TIMEOUT)"),
                row(
                        "a slow scan's limit grows with it: 60 s scans are stale after 130 s",
                        healthy()
                                .scanned(NOW.minusSeconds(129), Duration.ofSeconds(60))
                                .observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "a first scan at the larger share is judged by the steady pace: 12 s, 60 s steady,"
                                + " fresh at 129 s",
                        healthy()
                                .steadyScanDuration(Duration.ofSeconds(60))
                                .scanned(NOW.minusSeconds(129), Duration.ofSeconds(12))
                                .observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "... and stale after 130 s",
                        healthy()
                                .steadyScanDuration(Duration.ofSeconds(60))
                                .scanned(NOW.minusSeconds(131), Duration.ofSeconds(12))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "partition scan is stale: finished 131000 ms ago, limit 130000 ms (2 x the"
                                + " longer of CHECK_INTERVAL and the last scan's 60000 ms at the steady pace,"
                                + " + CHECK_TIMEOUT)"),
                row(
                        "scan from before the broker was last seen down says nothing about it now",
                        healthy()
                                .brokerDownAt(T0)
                                .scanned(T0.minusMillis(1), Duration.ofMillis(40))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "no partition scan since broker 0 was last seen down at 2026-11-25T12:00:00Z"
                                + " (a new scan is under way)"),
                row(
                        "scan started as the broker was seen back counts",
                        healthy()
                                .brokerDownAt(T0.minusSeconds(2))
                                .scanned(T0, Duration.ofSeconds(2))
                                .observation(),
                        SEEN_LIVE,
                        Status.HEALTHY,
                        200,
                        null),
                row(
                        "fenced and answering: live, not ready",
                        healthy().brokers(1, 2).fenced(0).observation(),
                        SEEN_LIVE,
                        Status.UNHEALTHY,
                        503,
                        "broker 0 is registered but fenced"),
                row(
                        "fenced in grace",
                        healthy().brokers(1, 2).fenced(0).observation(),
                        JUST_STARTED,
                        Status.UNHEALTHY,
                        503,
                        "broker is starting (startup grace of 600 s): broker 0 is registered but fenced"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void readiness(
            String situation,
            Optional<Observation> observation,
            StartupState startup,
            Status status,
            int code,
            String error) {
        var verdict = HealthDecisions.ready(observation, startup, POLICY, NOW);
        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.httpStatus()).isEqualTo(code);
        assertThat(verdict.error()).isEqualTo(Optional.ofNullable(error));
    }

    static Stream<Arguments> restartSafety() {
        return Stream.of(
                row("all in sync, RF 3, minISR 2", healthy().observation(), SEEN_LIVE, Status.SAFE, 200, null),
                row(
                        "another broker gone since the scan: out of every ISR at once, before the next scan",
                        healthy().brokers(0, 2).observation(),
                        SEEN_LIVE,
                        Status.UNSAFE,
                        409,
                        "2 partitions would be hurt by stopping broker 0, first: orders-0: ISR [0, 2],"
                                + " min.insync.replicas 2: would fall below min.insync.replicas"),
                row(
                        "another broker down: partitions at minISR",
                        healthy()
                                .brokers(0, 2)
                                .partitions(partition("orders", 0, List.of(0, 1, 2), List.of(0, 2), 2))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNSAFE,
                        409,
                        "1 partitions would be hurt by stopping broker 0, first: orders-0: ISR [0, 2],"
                                + " min.insync.replicas 2: would fall below min.insync.replicas"),
                row(
                        "this broker is the only in-sync replica",
                        healthy()
                                .partitions(partition("orders", 0, List.of(0, 1, 2), List.of(0), 1))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNSAFE,
                        409,
                        "1 partitions would be hurt by stopping broker 0, first: orders-0: ISR [0],"
                                + " min.insync.replicas 1: would go offline (this broker is the only in-sync replica)"),
                row(
                        "this broker catching up while the partition is at minISR",
                        healthy()
                                .partitions(partition("orders", 0, List.of(0, 1, 2), List.of(1, 2), 2))
                                .observation(),
                        SEEN_LIVE,
                        Status.UNSAFE,
                        409,
                        "1 partitions would be hurt by stopping broker 0, first: orders-0: ISR [1, 2],"
                                + " min.insync.replicas 2:"
                                + " is at or below min.insync.replicas and this broker is still catching up"),
                row(
                        "this broker catching up with headroom left",
                        healthy()
                                .partitions(partition("orders", 0, List.of(0, 1, 2), List.of(1, 2), 1))
                                .observation(),
                        SEEN_LIVE,
                        Status.SAFE,
                        200,
                        null),
                row(
                        "RF 1 is misconfigured, reported, not blocking",
                        healthy()
                                .partitions(partition("scratch", 0, List.of(0), List.of(0), 1))
                                .observation(),
                        SEEN_LIVE,
                        Status.SAFE,
                        200,
                        null),
                row(
                        "RF equal to minISR is misconfigured, not blocking",
                        healthy()
                                .partitions(partition("strict", 0, List.of(0, 1, 2), List.of(0, 1, 2), 3))
                                .observation(),
                        SEEN_LIVE,
                        Status.SAFE,
                        200,
                        null),
                row(
                        "stale data fails closed",
                        healthy().observedAt(T0.minusSeconds(30)).observation(),
                        SEEN_LIVE,
                        Status.UNKNOWN,
                        503,
                        "cannot tell: broker 0 is not live: cluster state is stale: observed 31000 ms ago,"
                                + " limit 20000 ms (2 x CHECK_INTERVAL + CHECK_TIMEOUT)"),
                row(
                        "min.insync.replicas unreadable fails closed",
                        healthy()
                                .failed(
                                        Call.DESCRIBE_CONFIGS,
                                        Kind.AUTHORIZATION,
                                        "TopicAuthorizationException: denied")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNKNOWN,
                        503,
                        "cannot tell: " + OWN_TROUBLE.replace(AUTH, "TopicAuthorizationException: denied")),
                row(
                        "partial refresh fails closed",
                        healthy()
                                .failed(Call.DESCRIBE_METADATA_QUORUM, Kind.TIMEOUT, "no answer within 10000 ms")
                                .observation(),
                        SEEN_LIVE,
                        Status.UNKNOWN,
                        503,
                        "cannot tell: the last refresh is incomplete: no answer within 10000 ms"),
                row(
                        "quorum without leader",
                        healthy().quorumLeader(OptionalInt.empty()).observation(),
                        SEEN_LIVE,
                        Status.UNKNOWN,
                        503,
                        "cannot tell: the metadata quorum has no leader"),
                row(
                        "broker starting",
                        healthy().brokers(1, 2).observation(),
                        JUST_STARTED,
                        Status.UNKNOWN,
                        503,
                        "cannot tell: broker 0 is not live: starting (startup grace of 600 s): broker 0 is not in the"
                                + " cluster's broker list [1, 2]"),
                row(
                        "no refresh yet",
                        Optional.empty(),
                        JUST_STARTED,
                        Status.UNKNOWN,
                        503,
                        "cannot tell: broker 0 is not live: starting (startup grace of 600 s): no refresh of the"
                                + " cluster state has completed yet"),
                row(
                        "fenced",
                        healthy().brokers(1, 2).fenced(0).observation(),
                        SEEN_LIVE,
                        Status.UNKNOWN,
                        503,
                        "cannot tell: broker 0 is registered but fenced"),
                row(
                        "a failed read of the finalized features decides nothing",
                        healthy()
                                .failed(Call.DESCRIBE_FEATURES, Kind.TIMEOUT, "no answer within 10000 ms")
                                .observation(),
                        SEEN_LIVE,
                        Status.SAFE,
                        200,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void restartSafety(
            String situation,
            Optional<Observation> observation,
            StartupState startup,
            Status status,
            int code,
            String error) {
        var verdict = HealthDecisions.restartSafe(observation, startup, POLICY, NOW);
        assertThat(verdict.status()).isEqualTo(status);
        assertThat(verdict.httpStatus()).isEqualTo(code);
        assertThat(verdict.error()).isEqualTo(Optional.ofNullable(error));
    }

    @Test
    void restartSafetyListsAtMostTwentyPartitionsAtRiskButCountsAll() {
        PartitionView[] atRisk = IntStream.range(0, 25)
                .mapToObj(i -> partition("orders", i, List.of(0, 1, 2), List.of(0, 2), 2))
                .toArray(PartitionView[]::new);
        var verdict = HealthDecisions.restartSafe(healthy().partitions(atRisk).observation(), SEEN_LIVE, POLICY, NOW);

        PartitionReport.Listing listing = verdict.fields().partitionsAtRisk().orElseThrow();
        assertThat(listing.count()).isEqualTo(25);
        assertThat(listing.shown()).hasSize(PartitionReport.SHOWN);
    }

    @Test
    void misconfiguredPartitionsAreListedInTheSafeAnswer() {
        var verdict = HealthDecisions.restartSafe(
                healthy()
                        .partitions(partition("scratch", 0, List.of(0), List.of(0), 1))
                        .observation(),
                SEEN_LIVE,
                POLICY,
                NOW);

        assertThat(verdict.fields().misconfiguredPartitions())
                .hasValue(new PartitionReport.Listing(
                        1, List.of("scratch-0: replication factor 1 <= min.insync.replicas 1")));
    }

    @Test
    void aFencedBrokerWhoseListenerIsSilentFailsForItsListenerAndItsRegisteredCheckSaysFenced() {
        var verdict = HealthDecisions.live(
                healthy()
                        .brokers(1, 2)
                        .fenced(0)
                        .failed(Call.DESCRIBE_LOG_DIRS, Kind.TIMEOUT, "no answer within 10000 ms")
                        .observation(),
                SEEN_LIVE,
                POLICY,
                NOW);

        assertThat(verdict.checks())
                .contains(
                        new Check(
                                "registered",
                                false,
                                "broker 0 is registered but fenced",
                                new Check.Brokers(List.of(1, 2))),
                        new Check(
                                "listener",
                                false,
                                "broker 0 did not answer on its listener: no answer within 10000 ms",
                                new Check.Answered(false)));
        assertThat(verdict.fields()).isEqualTo(new VerdictFields.Live(false));
    }

    @Test
    void readinessCountsThisBrokersOutOfSyncPartitionsAsTheSeedDid() {
        var verdict = HealthDecisions.ready(
                healthy()
                        .partitions(
                                partition("orders", 0, List.of(0, 1, 2), List.of(1, 2), 2),
                                partition("orders", 1, List.of(0, 1, 2), List.of(0, 2), 2))
                        .observation(),
                SEEN_LIVE,
                POLICY,
                NOW);

        assertThat(verdict.fields()).isEqualTo(new VerdictFields.Ready(true, true, 1, true));
    }

    private static Arguments row(
            String situation,
            Optional<Observation> observation,
            StartupState startup,
            Status status,
            int code,
            String error) {
        return Arguments.of(situation, observation, startup, status, code, error);
    }
}

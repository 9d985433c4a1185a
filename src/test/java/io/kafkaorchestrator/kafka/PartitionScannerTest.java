package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.admin.ScannedBrokerAdminClient;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.DisconnectException;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a scan splits its topics into describeTopics calls and how long it pauses after each; what a scan of broker 0
 * yields when its calls fail (no answer, refused credentials, a missing permission, one call or one topic failing) and
 * when a topic is deleted between describeLogDirs and describeTopics. The same scans against real brokers:
 * HealthProbesIT, SaslConnectionIT.
 */
class PartitionScannerTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final LogDirView LOG_DIR = new LogDirView(
            ScannedBrokerAdminClient.LOG_DIR, Optional.empty(), OptionalLong.of(1000), OptionalLong.of(600), 0);
    static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");
    /** Partitions 0 and 1 of "orders", which every test's broker 0 replicates with brokers 1 and 2, all in sync. */
    static final List<PartitionView> ORDERS = List.of(
            new PartitionView("orders", 0, List.of(0, 1, 2), List.of(0, 1, 2), OptionalInt.of(0), OptionalInt.of(2)),
            new PartitionView("orders", 1, List.of(0, 1, 2), List.of(0, 1, 2), OptionalInt.of(0), OptionalInt.of(2)));

    final ScannedBrokerAdminClient admin = new ScannedBrokerAdminClient(0, 3);
    final AtomicInteger clientsCreated = new AtomicInteger();
    final BlockingQueue<PartitionScan> scans = new LinkedBlockingQueue<>();
    PartitionScanner scanner;

    /** What a scan saw, without what depends on the machine (its cost, its pace). */
    record Outcome(
            Optional<List<LogDirView>> logDirs,
            Optional<List<PartitionView>> partitions,
            int topics,
            int described,
            List<RefreshFailure> failures) {

        static Outcome of(PartitionScan scan) {
            return new Outcome(scan.logDirs(), scan.partitions(), scan.topics(), scan.described(), scan.failures());
        }

        /** The log directory and these partitions of "orders", the one topic described. */
        static Outcome ordersScanned(List<PartitionView> partitions, RefreshFailure... failures) {
            return new Outcome(
                    Optional.of(List.of(LOG_DIR)), Optional.of(partitions), 1, partitions.size(), List.of(failures));
        }

        /** The log directory, then a failure that fails the scan. */
        static Outcome failedAfterTheLogDirs(RefreshFailure failure) {
            return new Outcome(Optional.of(List.of(LOG_DIR)), Optional.empty(), 0, 0, List.of(failure));
        }
    }

    @BeforeEach
    void brokerZeroReplicatesOrders() {
        admin.topic("orders", 2, List.of(0, 1, 2), List.of(0, 1, 2), 2);
    }

    /** Starts scanning broker 0 of brokers 0 to 2: a scan now, then every hour or at once on {@code scanSoon()}. */
    void startScanning(Duration timeout) {
        scanner = new PartitionScanner(
                new KafkaConnection(new Properties(), p -> {
                    clientsCreated.incrementAndGet();
                    return admin;
                }),
                0,
                Duration.ofHours(1),
                timeout,
                new PartitionScanner.Pacing(1000, 1, 1),
                Clock.fixed(T0, ZoneOffset.UTC),
                List.of(scans::add));
        scanner.start();
        scanner.accept(new ClusterSnapshot(
                T0,
                Duration.ZERO,
                Optional.empty(),
                Optional.of(Set.of(0, 1, 2)),
                Optional.empty(),
                Optional.empty(),
                true,
                Optional.empty(),
                ReadCost.NONE,
                List.of()));
    }

    Outcome nextScan() throws InterruptedException {
        PartitionScan scan = scans.poll(30, TimeUnit.SECONDS);
        assertThat(scan).as("a scan within 30 s").isNotNull();
        return Outcome.of(scan);
    }

    @AfterEach
    void stopScanning() {
        if (scanner != null) {
            scanner.close();
        }
    }

    @Test
    void aTopicDeletedBetweenDescribeLogDirsAndDescribeTopicsIsLeftOutWithoutAFailure() throws Exception {
        admin.topic("gone", 3, List.of(0, 1, 2), List.of(0, 1, 2), 2);
        admin.deleted("gone");
        startScanning(TIMEOUT);

        assertThat(nextScan()).isEqualTo(Outcome.ordersScanned(ORDERS));
    }

    @Test
    void describeTopicsWithoutAnAnswerWithinTheTimeoutFailsTheScanAndKeepsTheLogDirs() throws Exception {
        admin.hanging("describeTopics");
        startScanning(Duration.ofMillis(300));

        assertThat(nextScan())
                .isEqualTo(Outcome.failedAfterTheLogDirs(
                        new RefreshFailure(Call.DESCRIBE_TOPICS, Kind.TIMEOUT, "no answer within 300 ms")));
    }

    @Test
    void refusedCredentialsFailTheScanAndTheNextScanUsesANewClient() throws Exception {
        admin.failing(
                "describeLogDirs",
                new SaslAuthenticationException("Authentication failed: Invalid username or password"));
        startScanning(TIMEOUT);

        assertThat(nextScan())
                .isEqualTo(new Outcome(
                        Optional.empty(),
                        Optional.empty(),
                        0,
                        0,
                        List.of(new RefreshFailure(
                                Call.DESCRIBE_LOG_DIRS,
                                Kind.AUTHENTICATION,
                                "SaslAuthenticationException: Authentication failed: Invalid username or password"))));

        // The Admin client keeps an authentication failure for good: the next scan must use a new one.
        admin.answering("describeLogDirs");
        scanner.scanSoon();
        assertThat(nextScan()).isEqualTo(Outcome.ordersScanned(ORDERS));
        assertThat(clientsCreated).hasValue(2);
    }

    @Test
    void aMissingPermissionFailsTheScanAndKeepsTheClient() throws Exception {
        admin.failing("describeTopics", new TopicAuthorizationException(Set.of("orders")));
        startScanning(TIMEOUT);
        Outcome denied = Outcome.failedAfterTheLogDirs(new RefreshFailure(
                Call.DESCRIBE_TOPICS,
                Kind.AUTHORIZATION,
                "TopicAuthorizationException: Not authorized to access topics: [orders]"));

        assertThat(nextScan()).isEqualTo(denied);
        scanner.scanSoon();
        assertThat(nextScan()).isEqualTo(denied);
        assertThat(clientsCreated).as("clients created over two scans").hasValue(1);
    }

    @Test
    void oneTopicWithoutAnAnswerFailsTheWholeScan() throws Exception {
        admin.topic("payments", 1, List.of(0, 1, 2), List.of(0, 1, 2), 2);
        admin.failing("describeTopics payments", new TimeoutException("Timed out waiting for a node assignment."));
        startScanning(TIMEOUT);

        assertThat(nextScan())
                .isEqualTo(Outcome.failedAfterTheLogDirs(new RefreshFailure(
                        Call.DESCRIBE_TOPICS,
                        Kind.TIMEOUT,
                        "no answer within 5000 ms (TimeoutException: Timed out waiting for a node assignment.)")));
    }

    @Test
    void describeConfigsFailingLeavesMinInSyncReplicasUnknownInAScanOtherwiseComplete() throws Exception {
        admin.failing("describeConfigs", new DisconnectException("Cancelled describeConfigs request: disconnected"));
        startScanning(TIMEOUT);

        List<PartitionView> minInSyncReplicasUnknown = ORDERS.stream()
                .map(p -> new PartitionView(
                        p.topic(), p.partition(), p.replicas(), p.isr(), p.leader(), OptionalInt.empty()))
                .toList();
        assertThat(nextScan())
                .isEqualTo(Outcome.ordersScanned(
                        minInSyncReplicasUnknown,
                        new RefreshFailure(
                                Call.DESCRIBE_CONFIGS,
                                Kind.ERROR,
                                "DisconnectException: Cancelled describeConfigs request: disconnected")));
    }

    static List<String> topics(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> String.format("t%05d", i))
                .toList();
    }

    static Stream<Arguments> pagings() {
        // topics, counts of the last scan, this broker's replicas per topic, registered brokers, expected page sizes
        return Stream.of(
                Arguments.of(
                        "a broker that hosts nothing: no call at all", List.of(), Map.of(), Map.of(), 3, List.of()),
                Arguments.of(
                        "known topics of 1,000 partitions: one per call",
                        topics(3),
                        Map.of("t00000", 1000, "t00001", 1000, "t00002", 1000),
                        Map.of(),
                        3,
                        List.of(1, 1, 1)),
                Arguments.of(
                        "many one-partition topics: at most 200 per call",
                        topics(450),
                        Map.of(),
                        Map.of(),
                        1,
                        List.of(200, 200, 50)),
                Arguments.of(
                        "new topics estimated from this broker's replicas times the brokers",
                        topics(6),
                        Map.of(),
                        Map.of(
                                "t00000", 100, "t00001", 100, "t00002", 100, "t00003", 100, "t00004", 100, "t00005",
                                100),
                        3,
                        List.of(3, 3)),
                Arguments.of(
                        "a topic larger than a page is read alone",
                        topics(3),
                        Map.of("t00000", 10, "t00001", 20_000, "t00002", 10),
                        Map.of(),
                        3,
                        List.of(1, 1, 1)),
                Arguments.of(
                        "the last scan's count wins over the estimate",
                        topics(2),
                        Map.of("t00000", 100),
                        Map.of("t00000", 400, "t00001", 200),
                        3,
                        List.of(2)),
                Arguments.of(
                        "exactly a page",
                        topics(4),
                        Map.of("t00000", 250, "t00001", 250, "t00002", 250, "t00003", 250),
                        Map.of(),
                        3,
                        List.of(4)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pagings")
    void pagesTopicsByTheirPartitions(
            String why,
            List<String> topics,
            Map<String, Integer> lastCounts,
            Map<String, Integer> ownReplicas,
            int brokers,
            List<Integer> pageSizes) {
        List<List<String>> pages = PartitionScanner.pages(topics, lastCounts, ownReplicas, brokers);

        assertThat(pages.stream().map(List::size).toList()).isEqualTo(pageSizes);
        assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(topics);
    }

    @Test
    void ownTopicsAreTheCurrentReplicasInEveryLogDirFutureOnesAreMoves() {
        LogDirDescription first = new LogDirDescription(
                null,
                Map.of(
                        new TopicPartition("orders", 0), new ReplicaInfo(10, 0, false),
                        new TopicPartition("orders", 3), new ReplicaInfo(10, 0, false),
                        new TopicPartition("payments", 1), new ReplicaInfo(10, 0, true)),
                1000,
                600);
        LogDirDescription second = new LogDirDescription(
                null,
                Map.of(
                        new TopicPartition("orders", 5), new ReplicaInfo(10, 0, false),
                        new TopicPartition("payments", 1), new ReplicaInfo(10, 0, false)),
                1000,
                600);
        LogDirDescription offline = new LogDirDescription(new KafkaStorageException("disk gone"), Map.of(), -1, -1);

        assertThat(PartitionScanner.replicasPerTopic(Map.of("/data/a", first, "/data/b", second, "/data/c", offline)))
                .isEqualTo(Map.of("orders", 3, "payments", 1));
        assertThat(PartitionScanner.replicasPerTopic(Map.of("/data/a", new LogDirDescription(null, Map.of()))))
                .as("a broker that hosts nothing")
                .isEmpty();
    }

    @Test
    void pausesSoThatTheScanKeepsItsShareOfTheQuota() {
        PartitionScanner.Pacing pacing = new PartitionScanner.Pacing(0.05, 0.15, 0.5);
        Duration ms15 = Duration.ofMillis(15);

        // 15% of 0.05 CPU: 7.5 ms of CPU per second. A page of 15 ms CPU over 20 ms is followed by 1,980 ms.
        assertThat(pacing.pauseAfter(ms15, ms15, Duration.ofMillis(20), false)).isEqualTo(Duration.ofMillis(1980));
        // While readiness waits for a scan: half the quota, 25 ms per second.
        assertThat(pacing.pauseAfter(ms15, ms15, Duration.ofMillis(20), true)).isEqualTo(Duration.ofMillis(580));
        // A page that took longer than its share needs: no pause.
        assertThat(pacing.pauseAfter(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofMillis(500), false))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void chargesTheGcAndJitWorkAStepCausesButNotAFloodOfProbesNorTheStartUp() {
        PartitionScanner.Pacing pacing = new PartitionScanner.Pacing(0.05, 0.15, 0.5);
        Duration own = Duration.ofMillis(15);

        // The process spent 30 ms while the page's threads spent 15 (a young collection): charged 30 ms.
        assertThat(pacing.pauseAfter(own, Duration.ofMillis(30), Duration.ofMillis(20), false))
                .isEqualTo(Duration.ofMillis(3980));
        // 200 ms of process CPU (probes answered meanwhile): charged at most 4 x 15 ms, so the scan goes on.
        assertThat(pacing.pauseAfter(own, Duration.ofMillis(200), Duration.ofMillis(20), false))
                .isEqualTo(Duration.ofMillis(7980));
        // A process reading below the own threads' (it cannot be read): the own CPU is charged.
        assertThat(pacing.pauseAfter(own, Duration.ZERO, Duration.ofMillis(20), false))
                .isEqualTo(Duration.ofMillis(1980));
        // The whole scan at the steady share: what the next one takes, whatever share this one ran at.
        assertThat(pacing.steadyDuration(pacing.charged(own, Duration.ofMillis(30))))
                .isEqualTo(Duration.ofMillis(4000));
        // While readiness waits for a scan (start-up, or the broker came back): the own CPU only.
        assertThat(pacing.pauseAfter(own, Duration.ofMillis(30), Duration.ofMillis(20), true))
                .isEqualTo(Duration.ofMillis(580));
    }
}

package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a scan splits its topics into describeTopics calls, and how long it pauses after each. */
class PartitionScannerTest {

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

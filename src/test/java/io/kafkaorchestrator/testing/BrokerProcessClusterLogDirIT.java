package io.kafkaorchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The log directory fault helpers, checked by what describeLogDirs shows. Two combined nodes with two dirs each. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerProcessClusterLogDirIT {

    private BrokerProcessCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = BrokerProcessCluster.builder()
                .brokers(2)
                .combined()
                .logDirsPerBroker(2)
                .start();
    }

    @AfterAll
    void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void failedLogDirIsReportedWithAStorageErrorWhileTheOtherStaysHealthy() throws Exception {
        TopicPartition partition = createTopicOn("failing", 1);
        Path failed = dirHolding(partition, 1);
        Path healthy = cluster.logDirs(1).stream()
                .filter(dir -> !dir.equals(failed))
                .findFirst()
                .orElseThrow();

        cluster.failLogDir(1, failed);

        assertThat(cluster.logDirDescription(1, failed).error()).isInstanceOf(KafkaStorageException.class);
        assertThat(cluster.logDirDescription(1, healthy).error()).isNull();
    }

    @Test
    void throttledMoveShowsAFutureReplicaUntilTheThrottleIsRemoved() throws Exception {
        TopicPartition partition = createTopicOn("moving", 0);

        Path target = cluster.startSlowReplicaMove(partition, 0);

        assertThat(cluster.logDirDescription(0, target).replicaInfos().get(partition))
                .extracting(ReplicaInfo::isFuture)
                .isEqualTo(true);
        cluster.finishReplicaMoves(0);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ReplicaInfo moved =
                    cluster.logDirDescription(0, target).replicaInfos().get(partition);
            assertThat(moved).isNotNull().extracting(ReplicaInfo::isFuture).isEqualTo(false);
        });
        assertThat(cluster.logDirs(0))
                .filteredOn(dir -> !dir.equals(target))
                .allSatisfy(dir -> assertThat(cluster.logDirDescription(0, dir).replicaInfos())
                        .doesNotContainKey(partition));
    }

    /** A one-partition topic whose only replica is on {@code brokerId}. */
    private TopicPartition createTopicOn(String topic, int brokerId) throws Exception {
        cluster.admin()
                .createTopics(List.of(new NewTopic(topic, Map.of(0, List.of(brokerId)))))
                .all()
                .get(10, TimeUnit.SECONDS);
        TopicPartition partition = new TopicPartition(topic, 0);
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> dirHolding(partition, brokerId) != null);
        return partition;
    }

    private Path dirHolding(TopicPartition partition, int brokerId) {
        return cluster.logDirs(brokerId).stream()
                .filter(dir ->
                        cluster.logDirDescription(brokerId, dir).replicaInfos().containsKey(partition))
                .findFirst()
                .orElseThrow();
    }
}

package io.kafkaorchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Three broker processes and a separate controller: crashes, freezes and a lost quorum, seen through Admin. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerProcessClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private BrokerProcessCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = BrokerProcessCluster.builder().brokers(3).start();
        admin = Admin.create(Map.of(
                "bootstrap.servers",
                cluster.bootstrapServers(),
                "request.timeout.ms",
                2000,
                "default.api.timeout.ms",
                3000));
    }

    @AfterAll
    void stopCluster() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void clientListenersAnswerWithEveryBroker() throws Exception {
        assertThat(cluster.brokerIds()).containsExactly(0, 1, 2);
        assertThat(cluster.bootstrapServers())
                .isEqualTo("localhost:%d,localhost:%d,localhost:%d"
                        .formatted(cluster.port(0), cluster.port(1), cluster.port(2)));
        assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
                .extracting(Node::port)
                .containsExactlyInAnyOrder(cluster.port(0), cluster.port(1), cluster.port(2));
    }

    @Test
    void killedBrokerLeavesEveryIsrAndRejoinsAfterRestart() throws Exception {
        String topic = "killed";
        createTopic(topic);

        cluster.kill(1);
        awaitEveryIsr(topic, 0, 2);

        cluster.start(1);
        awaitEveryIsr(topic, 0, 1, 2);
    }

    @Test
    void frozenBrokerIsFencedAndComesBackWhenThawed() throws Exception {
        String topic = "frozen";
        createTopic(topic);

        cluster.freeze(2);
        try {
            awaitEveryIsr(topic, 0, 1);
            awaitBrokersInCluster(0, 1);
        } finally {
            cluster.thaw(2);
        }
        awaitEveryIsr(topic, 0, 1, 2);
        awaitBrokersInCluster(0, 1, 2);
    }

    @Test
    void stoppedControllerLeavesTheQuorumWithoutLeaderUntilStarted() throws Exception {
        assertThat(admin.describeMetadataQuorum()
                        .quorumInfo()
                        .get(10, TimeUnit.SECONDS)
                        .leaderId())
                .isEqualTo(BrokerProcessCluster.CONTROLLER_ID);

        cluster.stopController();
        try {
            assertThatThrownBy(() -> admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TimeoutException.class);
            // Brokers keep serving metadata without a controller (the timed-out call above may cost a reconnect).
            awaitBrokersInCluster(0, 1, 2);
        } finally {
            cluster.startController();
        }
        await().atMost(WAIT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(admin.describeMetadataQuorum()
                                .quorumInfo()
                                .get(2, TimeUnit.SECONDS)
                                .leaderId())
                        .isEqualTo(BrokerProcessCluster.CONTROLLER_ID));
    }

    /** Admin calls may time out while a broker is down (3 s here): each wait retries them. */
    private void awaitEveryIsr(String topic, Integer... brokerIds) {
        await().atMost(WAIT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(isrs(topic))
                        .allSatisfy(isr -> assertThat(isr).containsExactlyInAnyOrder(brokerIds)));
    }

    private void awaitBrokersInCluster(Integer... brokerIds) {
        await().atMost(WAIT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(admin.describeCluster().nodes().get(5, TimeUnit.SECONDS))
                        .extracting(Node::id)
                        .containsExactlyInAnyOrder(brokerIds));
    }

    private void createTopic(String topic) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 6, (short) 3))).all().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(isrs(topic))
                        .hasSize(6)
                        .allSatisfy(isr -> assertThat(isr).hasSize(3)));
    }

    private List<Set<Integer>> isrs(String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(5, TimeUnit.SECONDS)
                .get(topic);
        return description.partitions().stream()
                .map(TopicPartitionInfo::isr)
                .map(isr -> Set.copyOf(isr.stream().map(Node::id).toList()))
                .toList();
    }
}

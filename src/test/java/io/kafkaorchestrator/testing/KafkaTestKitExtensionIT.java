package io.kafkaorchestrator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A 3-broker in-process cluster whose controller runs in broker 0, and the request counter on top of it. */
class KafkaTestKitExtensionIT {

    @RegisterExtension
    static final KafkaTestKitExtension kafka = KafkaTestKitExtension.brokers(3).combined();

    @Test
    void everyBrokerAnswersDescribeClusterOnItsBootstrapAddress() throws Exception {
        assertThat(kafka.brokerIds()).containsExactly(0, 1, 2);
        assertThat(kafka.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS))
                .extracting(node -> node.host() + ":" + node.port())
                .containsExactlyInAnyOrder(kafka.bootstrapServers().split(","));
        assertThat(kafka.admin()
                        .describeMetadataQuorum()
                        .quorumInfo()
                        .get(10, TimeUnit.SECONDS)
                        .leaderId())
                .isEqualTo(0);
    }

    @Test
    void requestCounterCountsAdminCallsAndNotTheNodesOwnTraffic() throws Exception {
        kafka.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS);
        // Settling also shows that heartbeats and Raft fetches (several a second) are left out.
        long before = BrokerRequestCounter.settledClientRequests();
        long describeClusterBefore = BrokerRequestCounter.byRequest().get("DescribeCluster");

        for (int i = 0; i < 5; i++) {
            kafka.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }

        assertThat(BrokerRequestCounter.settledClientRequests() - before).isEqualTo(5);
        assertThat(BrokerRequestCounter.byRequest().get("DescribeCluster") - describeClusterBefore)
                .isEqualTo(5);
    }

    @Test
    void restartedBrokerIsBackInTheClusterOnTheSamePort() throws Exception {
        String bootstrap = kafka.bootstrapServers();

        kafka.restartBroker(2);

        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(kafka.admin().describeCluster().nodes().get(5, TimeUnit.SECONDS))
                                .extracting(Node::id)
                                .containsExactlyInAnyOrder(0, 1, 2));
    }
}

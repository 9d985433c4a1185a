package io.kafkaorchestrator.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process KRaft cluster for one test class, from Kafka's own test kit ({@link KafkaClusterTestKit}, an
 * internal API: this class is the only place that touches it). Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaTestKitExtension kafka = KafkaTestKitExtension.brokers(3).combined();
 * }</pre>
 *
 * <p>Brokers have ids {@code 0..n-1}. The quorum has one controller: a separate node (id 3000) or, with
 * {@link #combined()}, broker 0 itself. The cluster starts before the first test of the class and stops after the
 * last. In-process brokers always
 * shut down cleanly; for crashes, freezes or a lost quorum use {@link BrokerProcessCluster}.
 */
public final class KafkaTestKitExtension implements BeforeAllCallback, AfterAllCallback {

    private final int brokers;
    private final boolean combined;
    private final Map<String, String> config;
    private KafkaClusterTestKit cluster;
    private Admin admin;

    private KafkaTestKitExtension(int brokers, boolean combined, Map<String, String> config) {
        if (brokers < 1) {
            throw new IllegalArgumentException("brokers must be at least 1, got " + brokers);
        }
        this.brokers = brokers;
        this.combined = combined;
        this.config = config;
    }

    /** A cluster of {@code count} brokers and one separate controller. */
    public static KafkaTestKitExtension brokers(int count) {
        // A broker that stops heartbeating is fenced within seconds, as in BrokerProcessCluster.
        return new KafkaTestKitExtension(
                count, false, Map.of("broker.session.timeout.ms", "1500", "broker.heartbeat.interval.ms", "250"));
    }

    /** Broker 0 is also the controller: no separate controller node. */
    public KafkaTestKitExtension combined() {
        return new KafkaTestKitExtension(brokers, true, config);
    }

    /** A server property for every node; overrides the lowered session timeout and heartbeat interval. */
    public KafkaTestKitExtension config(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(config);
        more.put(key, value);
        return new KafkaTestKitExtension(brokers, combined, Map.copyOf(more));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    /** Closes the shared Admin and the cluster, once: the test kit throws if closed twice. */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Formats and starts the cluster and waits for its brokers; JUnit calls it, the local runner too. */
    public void start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(combined)
                .setNumBrokerNodes(brokers)
                // One voter: with several in-process controllers the 4.4.0 kit's quorum breaks at start (the leader
                // answers
                // the followers' UpdateRaftVoter with INVALID_REQUEST, which kills their raft threads).
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        config.forEach(builder::setConfigProp);
        cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            try {
                stop();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** Closes the shared Admin and the cluster; a second call does nothing. */
    public void stop() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
            admin = null;
        }
        if (cluster != null) {
            KafkaClusterTestKit closing = cluster;
            cluster = null;
            closing.close();
        }
    }

    /** The brokers' client listeners, {@code localhost:port,...}. */
    public String bootstrapServers() {
        return started().bootstrapServers();
    }

    /** Broker ids, ascending. */
    public List<Integer> brokerIds() {
        return started().brokers().keySet().stream().sorted().toList();
    }

    /** One Admin shared by the tests of the class, created on first use and closed after the last test. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = started().admin();
        }
        return admin;
    }

    /** Shuts a broker down cleanly and starts it again on the same port; returns once it has started. */
    public void restartBroker(int brokerId) {
        started().restartBroker(brokerId, Map.of());
    }

    private KafkaClusterTestKit started() {
        if (cluster == null) {
            throw new IllegalStateException("the Kafka test kit is not running: register KafkaTestKitExtension with"
                    + " @RegisterExtension on a static field, and use it only while the test class runs");
        }
        return cluster;
    }
}

package io.kafkaorchestrator.testing;

import com.yammer.metrics.core.Meter;
import com.yammer.metrics.core.MetricName;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.awaitility.Awaitility;

/**
 * Counts the requests that the Kafka nodes running in this JVM (a {@link KafkaTestKitExtension} cluster) have
 * received, from the broker metric {@code kafka.network:type=RequestMetrics,name=RequestsPerSec,request=*}.
 *
 * <p>That registry is one per JVM: the meters of all in-process brokers and controllers add up, and they vanish
 * when the nodes stop. Compare two readings taken while one cluster runs. Broker processes
 * ({@link BrokerProcessCluster}) are not seen here.
 */
public final class BrokerRequestCounter {

    /**
     * What the nodes send each other on their own, whatever the clients do: Raft (fetch, votes), heartbeats and
     * registrations, replication, ISR changes. A {@code Fetch} from a consumer is also counted as
     * {@code FetchConsumer}, which stays.
     */
    private static final Set<String> NODE_TO_NODE = Set.of(
            "Fetch",
            "FetchFollower",
            "FetchSnapshot",
            "Vote",
            "BeginQuorumEpoch",
            "EndQuorumEpoch",
            "UpdateRaftVoter",
            "BrokerHeartbeat",
            "BrokerRegistration",
            "ControllerRegistration",
            "AlterPartition",
            "AssignReplicasToDirs",
            "AllocateProducerIds");

    private static final Pattern REQUEST = Pattern.compile("[,:]request=([^,]+)");

    private BrokerRequestCounter() {}

    /**
     * Requests from clients received so far by all in-process nodes. A request a broker forwards to the controller
     * (e.g. DescribeQuorum) counts twice; new client connections count their ApiVersions handshake.
     */
    public static long clientRequests() {
        return byRequest().entrySet().stream()
                .filter(entry -> !NODE_TO_NODE.contains(entry.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * {@link #clientRequests()} once it has not changed for 300 ms (at most 10 s): a broker counts a request only
     * after it has sent the response, so a client can be a moment ahead of the count.
     */
    public static long settledClientRequests() {
        AtomicLong last = new AtomicLong(-1);
        Awaitility.await("client request count settled")
                .pollInterval(Duration.ofMillis(50))
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(10))
                .until(() -> {
                    long now = clientRequests();
                    return last.getAndSet(now) == now;
                });
        return last.get();
    }

    /** Requests received so far by all in-process nodes, by request name (all versions together), sorted. */
    public static Map<String, Long> byRequest() {
        Map<String, Long> counts = new TreeMap<>();
        KafkaYammerMetrics.defaultRegistry().allMetrics().forEach((name, metric) -> {
            if (isRequestRate(name) && metric instanceof Meter meter) {
                Matcher request = REQUEST.matcher(name.getMBeanName());
                if (request.find()) {
                    counts.merge(request.group(1), meter.count(), Long::sum);
                }
            }
        });
        return counts;
    }

    private static boolean isRequestRate(MetricName name) {
        return name.getGroup().equals("kafka.network")
                && name.getType().equals("RequestMetrics")
                && name.getName().equals("RequestsPerSec");
    }
}

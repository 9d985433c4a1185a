package org.apache.kafka.clients.admin;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A MockAdminClient answering the partition scan's calls as a broker of a cluster does: describeLogDirs with its one
 * log directory, {@value #LOG_DIR}, holding its replicas; describeTopics with the topics' partitions, and an
 * UnknownTopicOrPartitionException for a topic deleted since; describeConfigs with their min.insync.replicas. Any of
 * these calls can be made to fail or to hang instead; {@code "describeTopics TOPIC"} names the call for one topic.
 */
public final class ScannedBrokerAdminClient extends FaultInjectingAdminClient {

    public static final String LOG_DIR = "/var/lib/kafka/data";

    private record Topic(List<TopicPartitionInfo> partitions, int minInSyncReplicas) {}

    private final int brokerId;
    private final List<Node> nodes;
    private final Map<String, Topic> topics = new LinkedHashMap<>();
    private final Map<TopicPartition, ReplicaInfo> logDir = new LinkedHashMap<>();

    /** Broker {@code brokerId} of a cluster of brokers 0 to {@code brokers - 1}. */
    public ScannedBrokerAdminClient(int brokerId, int brokers) {
        this(
                brokerId,
                IntStream.range(0, brokers)
                        .mapToObj(id -> new Node(id, "localhost", 9092 + id))
                        .toList());
    }

    private ScannedBrokerAdminClient(int brokerId, List<Node> nodes) {
        super(nodes, nodes.getFirst());
        this.brokerId = brokerId;
        this.nodes = nodes;
    }

    /** A topic whose partitions all have these replicas and ISR, led by the ISR's first broker. */
    public synchronized void topic(
            String name, int partitions, List<Integer> replicas, List<Integer> isr, int minInSyncReplicas) {
        List<TopicPartitionInfo> infos = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartitionInfo(p, nodes.get(isr.getFirst()), nodes(replicas), nodes(isr)))
                .toList();
        topics.put(name, new Topic(infos, minInSyncReplicas));
        if (replicas.contains(brokerId)) {
            IntStream.range(0, partitions)
                    .forEach(p -> logDir.put(new TopicPartition(name, p), new ReplicaInfo(10, 0, false)));
        }
    }

    /** The topic is deleted, and this broker has not removed its logs yet: its log directory still lists them. */
    public synchronized void deleted(String name) {
        topics.remove(name);
    }

    private List<Node> nodes(List<Integer> ids) {
        return ids.stream().map(nodes::get).toList();
    }

    @Override
    public synchronized DescribeLogDirsResult describeLogDirs(
            Collection<Integer> brokers, DescribeLogDirsOptions options) {
        Map<Integer, KafkaFuture<Map<String, LogDirDescription>>> answers = new HashMap<>();
        for (int broker : brokers) {
            answers.put(
                    broker,
                    faulty("describeLogDirs")
                            ? instead("describeLogDirs")
                            : KafkaFuture.completedFuture(
                                    Map.of(LOG_DIR, new LogDirDescription(null, Map.copyOf(logDir), 1000, 600))));
        }
        return new DescribeLogDirsResult(answers);
    }

    @Override
    public synchronized DescribeTopicsResult describeTopics(TopicCollection names, DescribeTopicsOptions options) {
        Map<String, KafkaFuture<TopicDescription>> answers = new LinkedHashMap<>();
        for (String name : ((TopicCollection.TopicNameCollection) names).topicNames()) {
            String call = faulty("describeTopics " + name) ? "describeTopics " + name : "describeTopics";
            Topic topic = topics.get(name);
            answers.put(
                    name,
                    faulty(call)
                            ? instead(call)
                            : topic == null
                                    ? failed(new UnknownTopicOrPartitionException(
                                            "This server does not host this topic-partition."))
                                    : KafkaFuture.completedFuture(
                                            new TopicDescription(name, false, topic.partitions())));
        }
        return DescribeTopicsResult.ofTopicNames(answers);
    }

    @Override
    public synchronized DescribeConfigsResult describeConfigs(
            Collection<ConfigResource> resources, DescribeConfigsOptions options) {
        Map<ConfigResource, KafkaFuture<Config>> answers = new HashMap<>();
        for (ConfigResource resource : resources) {
            answers.put(
                    resource,
                    faulty("describeConfigs")
                            ? instead("describeConfigs")
                            : KafkaFuture.completedFuture(new Config(Set.of(new ConfigEntry(
                                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                    String.valueOf(topics.get(resource.name()).minInSyncReplicas()))))));
        }
        return new DescribeConfigsResult(answers);
    }
}

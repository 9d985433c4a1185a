package org.apache.kafka.clients.admin;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * A MockAdminClient answering the liveness refresh's calls as a cluster of Kafka 4 or of Kafka 3.x does:
 * describeCluster lists the fenced brokers when asked to from Kafka 4.0 on, and before that fails as the real client
 * does (it refuses to send the request: DescribeCluster v2 is needed); describeMetadataQuorum has a leader;
 * describeFeatures answers the given levels; describeReplicaLogDirs answers that the replica has no log here. Any of
 * these calls can be made to fail or to hang instead. It records what it was asked.
 */
public final class ClusterOfVersionAdminClient extends FaultInjectingAdminClient {

    private final List<Node> nodes;
    private final boolean listsFenced;
    private final Map<String, Short> featureLevels;
    private final List<Boolean> fencedAsked = new CopyOnWriteArrayList<>();
    private final AtomicInteger featureReads = new AtomicInteger();

    /**
     * @param nodes       every registered broker, fenced ones marked with {@link Node#isFenced()}
     * @param listsFenced true for Kafka 4.0 and later
     */
    public ClusterOfVersionAdminClient(List<Node> nodes, boolean listsFenced, Map<String, Short> featureLevels) {
        super(unfenced(nodes), unfenced(nodes).getFirst());
        this.nodes = List.copyOf(nodes);
        this.listsFenced = listsFenced;
        this.featureLevels = Map.copyOf(featureLevels);
    }

    private static List<Node> unfenced(List<Node> nodes) {
        return nodes.stream().filter(node -> !node.isFenced()).toList();
    }

    @Override
    public synchronized DescribeClusterResult describeCluster(DescribeClusterOptions options) {
        fencedAsked.add(options.includeFencedBrokers());
        if (faulty("describeCluster")) {
            return new DescribeClusterResult(
                    instead("describeCluster"),
                    instead("describeCluster"),
                    instead("describeCluster"),
                    instead("describeCluster"));
        }
        if (options.includeFencedBrokers() && !listsFenced) {
            var refused = new UnsupportedVersionException(
                    "Attempted to write a non-default includeFencedBrokers at version 1");
            return new DescribeClusterResult(failed(refused), failed(refused), failed(refused), failed(refused));
        }
        Collection<Node> listed = options.includeFencedBrokers() ? nodes : unfenced(nodes);
        return new DescribeClusterResult(
                KafkaFuture.completedFuture(listed),
                KafkaFuture.completedFuture(listed.iterator().next()),
                KafkaFuture.completedFuture(DEFAULT_CLUSTER_ID),
                KafkaFuture.completedFuture(Set.of()));
    }

    @Override
    public DescribeMetadataQuorumResult describeMetadataQuorum(DescribeMetadataQuorumOptions options) {
        if (faulty("describeMetadataQuorum")) {
            return new DescribeMetadataQuorumResult(instead("describeMetadataQuorum"));
        }
        return new DescribeMetadataQuorumResult(
                KafkaFuture.completedFuture(new QuorumInfo(3000, 1, 1, List.of(), List.of(), Map.of())));
    }

    @Override
    public DescribeFeaturesResult describeFeatures(DescribeFeaturesOptions options) {
        featureReads.incrementAndGet();
        if (faulty("describeFeatures")) {
            return new DescribeFeaturesResult(instead("describeFeatures"));
        }
        Map<String, FinalizedVersionRange> finalized = new TreeMap<>();
        featureLevels.forEach((name, level) -> finalized.put(name, new FinalizedVersionRange(level, level)));
        return new DescribeFeaturesResult(
                KafkaFuture.completedFuture(new FeatureMetadata(finalized, Optional.of(1L), Map.of())));
    }

    @Override
    public synchronized DescribeReplicaLogDirsResult describeReplicaLogDirs(
            Collection<TopicPartitionReplica> replicas, DescribeReplicaLogDirsOptions options) {
        Map<TopicPartitionReplica, KafkaFuture<DescribeReplicaLogDirsResult.ReplicaLogDirInfo>> answers =
                new HashMap<>();
        for (TopicPartitionReplica replica : replicas) {
            answers.put(
                    replica,
                    faulty("describeReplicaLogDirs")
                            ? instead("describeReplicaLogDirs")
                            : KafkaFuture.completedFuture(new DescribeReplicaLogDirsResult.ReplicaLogDirInfo()));
        }
        return new DescribeReplicaLogDirsResult(answers);
    }

    /** Whether each describeCluster so far asked for the fenced brokers, in order. */
    public List<Boolean> fencedAsked() {
        return List.copyOf(fencedAsked);
    }

    public int featureReads() {
        return featureReads.get();
    }
}

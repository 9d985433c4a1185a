package io.kafkaorchestrator.kafka;

import static io.kafkaorchestrator.kafka.AdminCalls.await;

import io.kafkaorchestrator.kafka.AdminCalls.Deadline;
import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeFeaturesOptions;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.DescribeReplicaLogDirsOptions;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionReplica;

/**
 * Takes one liveness {@link ClusterSnapshot}: who is registered (and who of them is fenced), who leads the quorum,
 * whether this broker answers a request of its own, and now and then the cluster's finalized features. Their cost does
 * not grow with the cluster nor with this broker: its log directories, which list every replica it holds, are read by
 * the {@link PartitionScanner}, paced. The calls run concurrently and the whole read is bounded by one time budget:
 * every call gets what remains of it, so a hung broker costs at most the budget, never a multiple.
 */
public final class ClusterReader {

    private final KafkaConnection connection;
    private final KafkaConnection quorumConnection;
    private final int brokerId;
    private final Clock clock;
    private final CostMeter meter;

    /**
     * The replica whose log directory liveness asks the own broker for. It need not exist (the broker then answers
     * with its directories and no replica), so the answer stays a few bytes whatever the broker hosts, and the request
     * needs only what describeLogDirs needs (Describe on the cluster).
     */
    static final String LISTENER_PROBE_TOPIC = "__kafka_orchestrator_listener_probe";

    /**
     * Kafka before 4.0 cannot list fenced brokers (DescribeCluster v2): the client refuses that request before sending
     * it, with UnsupportedVersionException, and the brokers are then read without the fenced ones, as before. The
     * refusal is remembered, so that refreshes do not wait for it before their real call, and the fenced form is tried
     * again after this long: a rolling upgrade to Kafka 4 makes it answerable without restarting the sidecar.
     */
    static final Duration FENCED_RETRY_AFTER = Duration.ofMinutes(10);

    /**
     * How often the finalized features are read once known. They change only when an operator finalizes new levels
     * ({@code kafka-features.sh upgrade}, after a Kafka upgrade): within a minute is soon enough, and most refreshes
     * skip the call. A failed read is tried again at the next refresh.
     */
    static final Duration FEATURES_EVERY = Duration.ofMinutes(1);

    // Kept between refreshes; only the refresher's thread reads and writes them.
    private Optional<Instant> fencedRefusedAt = Optional.empty();
    private Optional<FinalizedFeatures> features = Optional.empty();
    private Instant featuresReadAt = Instant.MIN;

    /**
     * @param quorumConnection a second client, for describeMetadataQuorum only. A broker forwards that call to the
     *                         controller and answers requests on a connection one at a time, so while the controller
     *                         is unreachable the call would hold the connection for the whole timeout and the checks
     *                         queued behind it (is this broker's listener answering?) would fail with it.
     */
    public ClusterReader(KafkaConnection connection, KafkaConnection quorumConnection, int brokerId, Clock clock) {
        this.connection = connection;
        this.quorumConnection = quorumConnection;
        this.brokerId = brokerId;
        this.clock = clock;
        this.meter = new CostMeter(connection.clientId());
    }

    public ClusterSnapshot read(Duration budget) {
        Instant startedAt = clock.instant();
        Deadline deadline = Deadline.after(budget);
        List<RefreshFailure> failures = new ArrayList<>();

        Optional<Admin> maybeAdmin = connection.admin();
        if (maybeAdmin.isEmpty()) {
            failures.add(new RefreshFailure(Call.DESCRIBE_CLUSTER, Kind.ERROR, connection.lastError()));
            return new ClusterSnapshot(
                    clock.instant(),
                    Duration.between(startedAt, clock.instant()),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    false,
                    Optional.empty(),
                    ReadCost.NONE,
                    failures);
        }
        Admin admin = maybeAdmin.get();
        CostMeter.Reading before = meter.read(admin);

        // Start the independent calls at once; collect them in order afterwards.
        boolean listFenced = fencedRefusedAt
                .map(at -> !startedAt.isBefore(at.plus(FENCED_RETRY_AFTER)))
                .orElse(true);
        DescribeClusterResult cluster = describeCluster(admin, listFenced, deadline);
        Optional<KafkaFuture<QuorumInfo>> quorum = quorumConnection
                .admin()
                .map(quorumAdmin -> quorumAdmin
                        .describeMetadataQuorum(new DescribeMetadataQuorumOptions().timeoutMs(deadline.remainingMs()))
                        .quorumInfo());
        KafkaFuture<?> ownAnswer = admin.describeReplicaLogDirs(
                        List.of(new TopicPartitionReplica(LISTENER_PROBE_TOPIC, 0, brokerId)),
                        new DescribeReplicaLogDirsOptions().timeoutMs(deadline.remainingMs()))
                .all();
        boolean featuresDue = features.isEmpty() || !startedAt.isBefore(featuresReadAt.plus(FEATURES_EVERY));
        Optional<KafkaFuture<FeatureMetadata>> featureAnswer = featuresDue
                ? Optional.of(admin.describeFeatures(new DescribeFeaturesOptions().timeoutMs(deadline.remainingMs()))
                        .featureMetadata())
                : Optional.empty();

        List<RefreshFailure> clusterFailures = new ArrayList<>();
        Optional<Collection<Node>> nodes = await(cluster.nodes(), deadline, Call.DESCRIBE_CLUSTER, clusterFailures);
        if (listFenced && clusterFailures.stream().anyMatch(f -> f.kind() == Kind.UNSUPPORTED)) {
            fencedRefusedAt = Optional.of(clock.instant());
            listFenced = false;
            clusterFailures.clear();
            cluster = describeCluster(admin, false, deadline);
            nodes = await(cluster.nodes(), deadline, Call.DESCRIBE_CLUSTER, clusterFailures);
        }
        failures.addAll(clusterFailures);
        Optional<String> clusterId = nodes.isEmpty()
                ? Optional.empty()
                : await(cluster.clusterId(), deadline, Call.DESCRIBE_CLUSTER, failures);
        Optional<Set<Integer>> brokers = nodes.map(all -> idsOf(all, false));
        Optional<Set<Integer>> fenced = listFenced ? nodes.map(all -> idsOf(all, true)) : Optional.empty();
        Optional<QuorumView> quorumView = readQuorum(quorum, cluster, deadline, failures);
        boolean ownBrokerAnswered =
                await(ownAnswer, deadline, Call.DESCRIBE_LOG_DIRS, failures).isPresent();
        if (featureAnswer.isPresent()) {
            features = await(featureAnswer.get(), deadline, Call.DESCRIBE_FEATURES, failures)
                    .map(FinalizedFeatures::of);
            featuresReadAt = startedAt;
        }

        if (failures.stream().anyMatch(f -> f.kind() == Kind.AUTHENTICATION)) {
            // A client that failed authentication stays failed: the next refresh starts afresh.
            connection.discard();
            quorumConnection.discard();
        }
        ReadCost cost = failures.stream().anyMatch(f -> f.kind() == Kind.AUTHENTICATION)
                ? ReadCost.NONE
                : CostMeter.between(before, meter.read(admin));
        // Stamped when the refresh finishes: that is when the observation is complete. Stamping the start would age
        // a snapshot by a whole refresh before anyone reads it.
        Instant finishedAt = clock.instant();
        return new ClusterSnapshot(
                finishedAt,
                Duration.between(startedAt, finishedAt),
                clusterId,
                brokers,
                fenced,
                quorumView,
                ownBrokerAnswered,
                features,
                cost,
                failures);
    }

    private static DescribeClusterResult describeCluster(Admin admin, boolean listFenced, Deadline deadline) {
        return admin.describeCluster(
                new DescribeClusterOptions().includeFencedBrokers(listFenced).timeoutMs(deadline.remainingMs()));
    }

    private static Set<Integer> idsOf(Collection<Node> nodes, boolean fenced) {
        return nodes.stream()
                .filter(node -> node.isFenced() == fenced)
                .map(Node::id)
                .collect(Collectors.toSet());
    }

    private Optional<QuorumView> readQuorum(
            Optional<KafkaFuture<QuorumInfo>> quorum,
            DescribeClusterResult cluster,
            Deadline deadline,
            List<RefreshFailure> failures) {
        if (quorum.isEmpty()) {
            failures.add(new RefreshFailure(Call.DESCRIBE_METADATA_QUORUM, Kind.ERROR, quorumConnection.lastError()));
            return Optional.empty();
        }
        List<RefreshFailure> quorumFailures = new ArrayList<>();
        Optional<QuorumInfo> info = await(quorum.get(), deadline, Call.DESCRIBE_METADATA_QUORUM, quorumFailures);
        if (info.isPresent()) {
            int leader = info.get().leaderId();
            return Optional.of(new QuorumView(
                    leader >= 0 ? OptionalInt.of(leader) : OptionalInt.empty(), QuorumView.Source.METADATA_QUORUM));
        }
        if (quorumFailures.getFirst().kind() != Kind.UNSUPPORTED) {
            failures.addAll(quorumFailures);
            return Optional.empty();
        }
        // Clusters older than the quorum API (ZooKeeper mode) report the real controller in describeCluster.
        return await(cluster.controller(), deadline, Call.DESCRIBE_CLUSTER, failures)
                .map(node -> new QuorumView(
                        node.isEmpty() || node.id() < 0 ? OptionalInt.empty() : OptionalInt.of(node.id()),
                        QuorumView.Source.DESCRIBE_CLUSTER_CONTROLLER));
    }
}

package io.kafkaorchestrator.kafka;

import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Takes one {@link ClusterSnapshot} with the Admin calls the health checks need. The calls run concurrently and the
 * whole read is bounded by one time budget: every call gets what remains of it, so a hung broker costs at most the
 * budget, never a multiple of it.
 */
public final class ClusterReader {

    /** Topics described per request: bounds the memory one response takes in clusters with many partitions. */
    static final int TOPICS_PER_REQUEST = 200;

    private final KafkaConnection connection;
    private final KafkaConnection quorumConnection;
    private final int brokerId;
    private final Clock clock;

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
    }

    public ClusterSnapshot read(Duration budget) {
        Instant startedAt = clock.instant();
        Deadline deadline = new Deadline(System.nanoTime() + budget.toNanos(), budget);
        List<RefreshFailure> failures = new ArrayList<>();

        Optional<Admin> maybeAdmin = connection.admin();
        if (maybeAdmin.isEmpty()) {
            failures.add(new RefreshFailure(Call.DESCRIBE_CLUSTER, Kind.ERROR, connection.lastError()));
            return snapshot(startedAt, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), failures);
        }
        Admin admin = maybeAdmin.get();

        // Start the independent calls at once; collect them in order afterwards.
        DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(deadline.remainingMs()));
        Optional<KafkaFuture<QuorumInfo>> quorum = quorumConnection.admin()
                .map(quorumAdmin -> quorumAdmin.describeMetadataQuorum(
                        new DescribeMetadataQuorumOptions().timeoutMs(deadline.remainingMs())).quorumInfo());
        KafkaFuture<Map<Integer, Map<String, LogDirDescription>>> logDirs = admin.describeLogDirs(
                List.of(brokerId), new DescribeLogDirsOptions().timeoutMs(deadline.remainingMs())).allDescriptions();

        Optional<List<PartitionView>> partitions = readPartitions(admin, deadline, failures);
        Optional<String> clusterId = await(cluster.clusterId(), deadline, Call.DESCRIBE_CLUSTER, failures);
        Optional<Set<Integer>> brokers = clusterId.isEmpty() ? Optional.empty()
                : await(cluster.nodes(), deadline, Call.DESCRIBE_CLUSTER, failures)
                        .map(nodes -> nodes.stream().map(Node::id).collect(Collectors.toSet()));
        Optional<QuorumView> quorumView = readQuorum(quorum, cluster, deadline, failures);
        Optional<List<LogDirView>> logDirViews = await(logDirs, deadline, Call.DESCRIBE_LOG_DIRS, failures)
                .map(byBroker -> toLogDirViews(byBroker.getOrDefault(brokerId, Map.of())));

        if (failures.stream().anyMatch(f -> f.kind() == Kind.AUTHENTICATION)) {
            // A client that failed authentication stays failed: the next refresh starts afresh.
            connection.discard();
            quorumConnection.discard();
        }
        return snapshot(startedAt, clusterId, brokers, quorumView, partitions, logDirViews, failures);
    }

    private Optional<QuorumView> readQuorum(Optional<KafkaFuture<QuorumInfo>> quorum, DescribeClusterResult cluster,
                                            Deadline deadline, List<RefreshFailure> failures) {
        if (quorum.isEmpty()) {
            failures.add(new RefreshFailure(Call.DESCRIBE_METADATA_QUORUM, Kind.ERROR, quorumConnection.lastError()));
            return Optional.empty();
        }
        List<RefreshFailure> quorumFailures = new ArrayList<>();
        Optional<QuorumInfo> info = await(quorum.get(), deadline, Call.DESCRIBE_METADATA_QUORUM, quorumFailures);
        if (info.isPresent()) {
            int leader = info.get().leaderId();
            return Optional.of(new QuorumView(leader >= 0 ? OptionalInt.of(leader) : OptionalInt.empty(),
                    QuorumView.Source.METADATA_QUORUM));
        }
        if (quorumFailures.getFirst().kind() != Kind.UNSUPPORTED) {
            failures.addAll(quorumFailures);
            return Optional.empty();
        }
        // Clusters older than the quorum API (ZooKeeper mode) report the real controller in describeCluster.
        return await(cluster.controller(), deadline, Call.DESCRIBE_CLUSTER, failures)
                .map(node -> new QuorumView(node.isEmpty() || node.id() < 0 ? OptionalInt.empty() : OptionalInt.of(node.id()),
                        QuorumView.Source.DESCRIBE_CLUSTER_CONTROLLER));
    }

    private Optional<List<PartitionView>> readPartitions(Admin admin, Deadline deadline, List<RefreshFailure> failures) {
        Optional<Set<String>> names = await(
                admin.listTopics(new ListTopicsOptions().listInternal(true).timeoutMs(deadline.remainingMs())).names(),
                deadline, Call.DESCRIBE_TOPICS, failures);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<String> sorted = names.get().stream().sorted().toList();
        Map<String, List<TopicPartitionInfo>> hosted = new HashMap<>();
        for (int from = 0; from < sorted.size(); from += TOPICS_PER_REQUEST) {
            List<String> batch = sorted.subList(from, Math.min(sorted.size(), from + TOPICS_PER_REQUEST));
            Optional<Map<String, TopicDescription>> described = await(
                    admin.describeTopics(TopicCollection.ofTopicNames(batch),
                            new DescribeTopicsOptions().timeoutMs(deadline.remainingMs())).allTopicNames(),
                    deadline, Call.DESCRIBE_TOPICS, failures);
            if (described.isEmpty()) {
                return Optional.empty();
            }
            // Keep only what concerns this broker: the rest of a large cluster is garbage at once.
            for (TopicDescription topic : described.get().values()) {
                List<TopicPartitionInfo> mine = topic.partitions().stream()
                        .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == brokerId))
                        .toList();
                if (!mine.isEmpty()) {
                    hosted.put(topic.name(), mine);
                }
            }
        }
        Map<String, Integer> minIsr = readMinInSyncReplicas(admin, hosted.keySet(), deadline, failures);
        List<PartitionView> views = new ArrayList<>();
        hosted.keySet().stream().sorted().forEach(topic -> {
            OptionalInt topicMinIsr = minIsr.containsKey(topic) ? OptionalInt.of(minIsr.get(topic)) : OptionalInt.empty();
            for (TopicPartitionInfo p : hosted.get(topic)) {
                views.add(new PartitionView(topic, p.partition(), ids(p.replicas()), ids(p.isr()),
                        p.leader() == null || p.leader().isEmpty() ? OptionalInt.empty() : OptionalInt.of(p.leader().id()),
                        topicMinIsr));
            }
        });
        return Optional.of(views);
    }

    private Map<String, Integer> readMinInSyncReplicas(Admin admin, Set<String> topics, Deadline deadline,
                                                       List<RefreshFailure> failures) {
        Map<String, Integer> minIsr = new HashMap<>();
        List<String> sorted = topics.stream().sorted().toList();
        for (int from = 0; from < sorted.size(); from += TOPICS_PER_REQUEST) {
            List<ConfigResource> batch = sorted.subList(from, Math.min(sorted.size(), from + TOPICS_PER_REQUEST)).stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                    .toList();
            Optional<Map<ConfigResource, Config>> configs = await(
                    admin.describeConfigs(batch, new DescribeConfigsOptions().timeoutMs(deadline.remainingMs())).all(),
                    deadline, Call.DESCRIBE_CONFIGS, failures);
            if (configs.isEmpty()) {
                return minIsr;
            }
            configs.get().forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
                if (entry != null && entry.value() != null) {
                    minIsr.put(resource.name(), Integer.parseInt(entry.value()));
                }
            });
        }
        return minIsr;
    }

    private static List<LogDirView> toLogDirViews(Map<String, LogDirDescription> dirs) {
        return dirs.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> {
                    LogDirDescription d = e.getValue();
                    int future = (int) d.replicaInfos().values().stream().filter(r -> r.isFuture()).count();
                    Optional<String> error = Optional.ofNullable(d.error()).map(ClusterReader::describe);
                    return new LogDirView(e.getKey(), error, d.totalBytes(), d.usableBytes(), future);
                })
                .toList();
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private <T> Optional<T> await(KafkaFuture<T> future, Deadline deadline, Call call, List<RefreshFailure> failures) {
        try {
            return Optional.of(future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            addOnce(failures, classify(call, e.getCause() == null ? e : e.getCause(), deadline));
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            addOnce(failures, new RefreshFailure(call, Kind.TIMEOUT, "no answer within " + deadline.budget().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            addOnce(failures, new RefreshFailure(call, Kind.ERROR, "interrupted"));
        }
        return Optional.empty();
    }

    private static void addOnce(List<RefreshFailure> failures, RefreshFailure failure) {
        if (failures.stream().noneMatch(f -> f.call() == failure.call())) {
            failures.add(failure);
        }
    }

    static RefreshFailure classify(Call call, Throwable cause, Deadline deadline) {
        Kind kind = switch (cause) {
            case AuthenticationException ignored -> Kind.AUTHENTICATION;
            case AuthorizationException ignored -> Kind.AUTHORIZATION;
            case TimeoutException ignored -> Kind.TIMEOUT;
            case UnsupportedVersionException ignored -> Kind.UNSUPPORTED;
            default -> Kind.ERROR;
        };
        String message = kind == Kind.TIMEOUT
                ? "no answer within " + deadline.budget().toMillis() + " ms (" + describe(cause) + ")"
                : describe(cause);
        return new RefreshFailure(call, kind, message);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /**
     * Stamped when the refresh finishes: that is when the observation is complete. Stamping the start would age a
     * snapshot by a whole refresh before anyone reads it, and refreshes that keep running into the timeout (a
     * controller outage, say) would then look stale although they arrive on time.
     */
    private ClusterSnapshot snapshot(Instant startedAt, Optional<String> clusterId, Optional<Set<Integer>> brokers,
                                     Optional<QuorumView> quorum, Optional<List<PartitionView>> partitions,
                                     Optional<List<LogDirView>> logDirs, List<RefreshFailure> failures) {
        Instant finishedAt = clock.instant();
        return new ClusterSnapshot(finishedAt, Duration.between(startedAt, finishedAt), clusterId, brokers, quorum,
                partitions, logDirs, failures);
    }

    /** What remains of one refresh's time budget. */
    record Deadline(long atNanos, Duration budget) {
        long remainingNanos() {
            return Math.max(0, atNanos - System.nanoTime());
        }

        int remainingMs() {
            return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos()));
        }
    }
}

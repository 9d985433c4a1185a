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
import java.util.TreeMap;
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

    /** At most this many topics per describeTopics or describeConfigs call. */
    static final int TOPICS_PER_REQUEST = 200;
    /**
     * Partitions one describeTopics call should return at most (see {@link #nextBatchSize}): about 2.5 MB of
     * descriptions while the call completes. The broker pages its answers at 2,000 partitions anyway
     * (max.request.partition.size.limit), so larger calls save only the calls' own round trips.
     */
    static final int PARTITIONS_PER_REQUEST = 10_000;
    /** Partitions assumed per topic before any is described: the first call of a refresh takes 10 topics. */
    static final int FIRST_GUESS = PARTITIONS_PER_REQUEST / 10;

    private final KafkaConnection connection;
    private final KafkaConnection quorumConnection;
    private final int brokerId;
    private final Clock clock;
    /** Partitions per topic as of the last refresh: sizes this refresh's describeTopics calls. Refresher thread only. */
    private Map<String, Integer> partitionCounts = Map.of();

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
        Map<String, Integer> counts = new HashMap<>();
        Interner shared = new Interner();
        List<PartitionView> views = new ArrayList<>();
        int largestSeen = 0;
        try {
            for (int from = 0; from < sorted.size(); ) {
                List<String> rest = sorted.subList(from, sorted.size());
                List<String> batch = rest.subList(0,
                        nextBatchSize(rest, partitionCounts, largestSeen == 0 ? FIRST_GUESS : largestSeen));
                from += batch.size();
                Optional<Map<String, TopicDescription>> described = await(
                        admin.describeTopics(TopicCollection.ofTopicNames(batch),
                                new DescribeTopicsOptions().timeoutMs(deadline.remainingMs())).allTopicNames(),
                        deadline, Call.DESCRIBE_TOPICS, failures);
                if (described.isEmpty()) {
                    return Optional.empty();
                }
                // Keep only what concerns this broker, in lean views: the rest of a large cluster is garbage at once.
                Map<String, List<TopicPartitionInfo>> hosted = new TreeMap<>();
                for (TopicDescription topic : described.get().values()) {
                    counts.put(topic.name(), topic.partitions().size());
                    largestSeen = Math.max(largestSeen, topic.partitions().size());
                    List<TopicPartitionInfo> mine = topic.partitions().stream()
                            .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == brokerId))
                            .toList();
                    if (!mine.isEmpty()) {
                        hosted.put(topic.name(), mine);
                    }
                }
                // Read per batch, so that the topics' partitions need not be held until the end; not retried
                // within a refresh once it failed.
                Map<String, Integer> minIsr = failures.stream().anyMatch(f -> f.call() == Call.DESCRIBE_CONFIGS) ? Map.of()
                        : readMinInSyncReplicas(admin, hosted.keySet(), deadline, failures);
                hosted.forEach((topic, partitions) -> {
                    OptionalInt topicMinIsr = minIsr.containsKey(topic) ? OptionalInt.of(minIsr.get(topic)) : OptionalInt.empty();
                    for (TopicPartitionInfo p : partitions) {
                        views.add(new PartitionView(topic, p.partition(), shared.ids(p.replicas()), shared.ids(p.isr()),
                                p.leader() == null || p.leader().isEmpty() ? OptionalInt.empty() : shared.id(p.leader().id()),
                                topicMinIsr));
                    }
                });
            }
        } finally {
            // Counts of topics not reached (a timeout) stay as they were; deleted topics are forgotten.
            sorted.stream().filter(t -> !counts.containsKey(t) && partitionCounts.containsKey(t))
                    .forEach(t -> counts.put(t, partitionCounts.get(t)));
            partitionCounts = counts;
        }
        return Optional.of(views);
    }

    /**
     * How many topics from the head of {@code names} the next describeTopics call takes: as many as fit in
     * {@link #PARTITIONS_PER_REQUEST} by their partition counts ({@code unknownCount} for a topic not in
     * {@code counts}), at least one and at most {@link #TOPICS_PER_REQUEST}. The admin client gathers the
     * description of every partition of a call before returning any: bounding the partitions, not the topics, is
     * what keeps 100 topics of 1,000 partitions from arriving at once.
     */
    static int nextBatchSize(List<String> names, Map<String, Integer> counts, int unknownCount) {
        int taken = 0;
        long partitions = 0;
        while (taken < names.size() && taken < TOPICS_PER_REQUEST) {
            partitions += Math.max(1, counts.getOrDefault(names.get(taken), unknownCount));
            if (taken > 0 && partitions > PARTITIONS_PER_REQUEST) {
                break;
            }
            taken++;
        }
        return taken;
    }

    /**
     * One instance per distinct replica list and leader id within a refresh: with 100,000 hosted partitions the
     * views would otherwise hold 100,000 copies of the same few lists.
     */
    private static final class Interner {
        private final Map<List<Integer>, List<Integer>> lists = new HashMap<>();
        private final Map<Integer, OptionalInt> leaders = new HashMap<>();

        List<Integer> ids(List<Node> nodes) {
            return lists.computeIfAbsent(nodes.stream().map(Node::id).toList(), List::copyOf);
        }

        OptionalInt id(int id) {
            return leaders.computeIfAbsent(id, OptionalInt::of);
        }
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

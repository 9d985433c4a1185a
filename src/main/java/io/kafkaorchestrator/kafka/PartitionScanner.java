package io.kafkaorchestrator.kafka;

import static io.kafkaorchestrator.kafka.AdminCalls.await;

import io.kafkaorchestrator.kafka.AdminCalls.Deadline;
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
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeLogDirsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicCollection;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions this broker replicates, for readiness (is it in every ISR?) and restart-safety, on its own
 * thread and its own Kafka client, so that liveness never waits for it.
 *
 * <p>A scan first asks this broker for its log directories: their health, and the replicas they hold (a list that grows
 * with this broker, never with the cluster). Then it reads only topics with a replica here: those in the log
 * directories and those that had a replica here in the last scan (a replica whose log is gone, with an offline
 * directory say, or a new assignment whose log does not exist yet, stays in view until a scan shows it moved away).
 * The Admin API describes whole topics, so a topic spread over every
 * broker is read whole. Topics are read in pages of about {@link #PAGE_PARTITIONS} partitions, and after each page
 * the scanner pauses so that its CPU time stays within its share of the container's CPU: the scan never spends the
 * quota in a burst that would hold up the probes, and on a large broker it simply takes longer. Scans follow each
 * other at most every {@code CHECK_INTERVAL}; {@link #scanSoon()} starts one at once (the own broker came back: the
 * last scan says nothing about it any more).
 */
public final class PartitionScanner implements Consumer<ClusterSnapshot>, AutoCloseable {

    /** Partitions one describeTopics call asks for, about: a topic larger than this is read alone. */
    static final int PAGE_PARTITIONS = 1_000;
    /** Topics one call names at most (describeTopics and describeConfigs). */
    static final int PAGE_TOPICS = 200;

    private static final Logger log = LoggerFactory.getLogger(PartitionScanner.class);

    private final KafkaConnection connection;
    private final int brokerId;
    private final Duration interval;
    private final Duration timeout;
    private final Pacing pacing;
    private final Clock clock;
    private final List<Consumer<PartitionScan>> listeners;
    private final CostMeter meter;
    private final Thread thread;
    private final Object wake = new Object();
    private volatile boolean stopping;
    private volatile boolean scanRequested;
    /** How many brokers the latest liveness snapshot found registered; 0 until one did. */
    private volatile int brokerCount;
    /** Scanner thread only: partitions per topic as of the last scan, and the topics that had a replica here. */
    private Map<String, Integer> partitionCounts = Map.of();

    private Set<String> lastOwnTopics = Set.of();

    /**
     * How much CPU the scan may use: a share of the CPUs the container may use. {@code urgentShare} applies while no
     * scan is of use to readiness (the first one, or after the own broker came back), {@code share} otherwise.
     */
    public record Pacing(double cpus, double share, double urgentShare) {

        /**
         * A step is charged the process's CPU while it ran, not only its own threads': the young collections and JIT
         * compilations it causes are spent from the same quota as the probes. A flood of probes in the same window
         * must not stall the scan, so the charge is at most this many times the step's own CPU.
         */
        static final int MAX_CHARGE_PER_OWN_CPU = 4;

        /**
         * The pause after a step that took {@code wall}, cost its own threads {@code ownCpu} and the whole process
         * {@code processCpu}, so that the scan keeps its share.
         */
        Duration pauseAfter(Duration ownCpu, Duration processCpu, Duration wall, boolean urgent) {
            // While readiness waits, only the step's own CPU counts: the first scan runs while the JVM still loads
            // and compiles classes, and charging that start-up work would stretch the time to the first verdict.
            long charged =
                    urgent ? ownCpu.toNanos() : charged(ownCpu, processCpu).toNanos();
            double budget = cpus * (urgent ? urgentShare : share);
            long pauseNanos = (long) (charged / budget) - wall.toNanos();
            return Duration.ofNanos(Math.max(0, pauseNanos));
        }

        /** What a step is charged at the steady share: the process's CPU, within 1 to 4 times its own threads'. */
        Duration charged(Duration ownCpu, Duration processCpu) {
            long own = ownCpu.toNanos();
            return Duration.ofNanos(Math.clamp(processCpu.toNanos(), own, Math.max(own, own * MAX_CHARGE_PER_OWN_CPU)));
        }

        /** How long steps charged {@code charged} in all take at the steady share, their pauses included. */
        Duration steadyDuration(Duration charged) {
            return Duration.ofNanos((long) (charged.toNanos() / (cpus * share)));
        }
    }

    public PartitionScanner(
            KafkaConnection connection,
            int brokerId,
            Duration interval,
            Duration timeout,
            Pacing pacing,
            Clock clock,
            List<Consumer<PartitionScan>> listeners) {
        this.connection = connection;
        this.brokerId = brokerId;
        this.interval = interval;
        this.timeout = timeout;
        this.pacing = pacing;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
        this.meter = new CostMeter(connection.clientId());
        this.thread = Thread.ofPlatform().name("partition-scanner").daemon().unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /**
     * Learns how many brokers are registered (to size the first pages); the first snapshot that reached the cluster
     * starts the scans.
     */
    @Override
    public void accept(ClusterSnapshot snapshot) {
        snapshot.brokers().ifPresent(ids -> {
            boolean first = brokerCount == 0;
            brokerCount = Math.max(1, ids.size());
            if (first) {
                signal();
            }
        });
    }

    /** Abandons the scan under way, if any, and starts a new one at once. */
    public void scanSoon() {
        scanRequested = true;
        signal();
    }

    private void signal() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        BackgroundPriority.lowerCurrentThread();
        try {
            awaitUntil(Long.MAX_VALUE, () -> brokerCount > 0);
            boolean urgent = true;
            while (!stopping) {
                scanRequested = false;
                long startedNanos = System.nanoTime();
                Optional<PartitionScan> scan = scanOnce(urgent);
                if (scan.isEmpty() || stopping) {
                    urgent = true;
                    continue; // abandoned for a newer scan, or stopping
                }
                urgent = !scan.get().complete();
                publish(scan.get());
                awaitUntil(startedNanos + interval.toNanos(), () -> scanRequested);
            }
        } catch (InterruptedException e) {
            // stopping
        }
    }

    private void publish(PartitionScan scan) {
        try {
            listeners.forEach(listener -> listener.accept(scan));
        } catch (RuntimeException e) {
            // A bug there must not stop the scans: the scan then goes stale and the probes say so.
            log.error("Handling a partition scan failed unexpectedly", e);
        }
    }

    /** Waits until the condition holds, {@code nanoTime} reaches {@code untilNanos}, or stopping. */
    private void awaitUntil(long untilNanos, java.util.function.BooleanSupplier condition) throws InterruptedException {
        synchronized (wake) {
            while (!stopping && !condition.getAsBoolean()) {
                long left = untilNanos - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(wake, left);
            }
        }
    }

    /** One scan; empty when it was abandoned (stopping, or a new scan was asked for). */
    private Optional<PartitionScan> scanOnce(boolean urgent) throws InterruptedException {
        Instant startedAt = clock.instant();
        List<RefreshFailure> failures = new ArrayList<>();
        Optional<Admin> maybeAdmin = connection.admin();
        if (maybeAdmin.isEmpty()) {
            failures.add(new RefreshFailure(Call.DESCRIBE_LOG_DIRS, Kind.ERROR, connection.lastError()));
            return Optional.of(new PartitionScan(
                    startedAt,
                    clock.instant(),
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    0,
                    ReadCost.NONE,
                    failures,
                    Duration.ZERO));
        }
        Admin admin = maybeAdmin.get();

        long dirsStart = System.nanoTime();
        CostMeter.Reading beforeDirs = meter.read(admin);
        Optional<Map<String, LogDirDescription>> dirs = readLogDirs(admin, failures);
        CostMeter.Reading afterDirs = meter.read(admin);
        ReadCost cost = CostMeter.between(beforeDirs, afterDirs);
        Duration charged = pacing.charged(cost.cpu(), CostMeter.processCpuBetween(beforeDirs, afterDirs));
        if (failures.stream().anyMatch(f -> f.kind() == Kind.AUTHENTICATION)) {
            connection.discard(); // a client that failed authentication stays failed
        }
        if (dirs.isEmpty()) {
            return Optional.of(new PartitionScan(
                    startedAt,
                    clock.instant(),
                    Optional.empty(),
                    Optional.empty(),
                    0,
                    0,
                    cost,
                    failures,
                    Duration.ZERO));
        }
        Optional<List<LogDirView>> logDirs = Optional.of(LogDirView.of(dirs.get()));
        Map<String, Integer> ownReplicas = replicasPerTopic(dirs.get());
        dirs = Optional.empty(); // the replica list of a large broker is not held through the pages
        if (!pauseAfter(cost, CostMeter.processCpuBetween(beforeDirs, afterDirs), dirsStart, urgent)) {
            return Optional.empty();
        }

        Set<String> topics = new TreeSet<>(ownReplicas.keySet());
        topics.addAll(lastOwnTopics);
        List<List<String>> pages = pages(List.copyOf(topics), partitionCounts, ownReplicas, brokerCount);

        Interner shared = new Interner();
        List<PartitionView> views = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        Set<String> ownTopics = new TreeSet<>();
        int described = 0;
        for (List<String> page : pages) {
            long pageStart = System.nanoTime();
            CostMeter.Reading before = meter.read(admin);
            Optional<Map<String, TopicDescription>> descriptions = describe(admin, page, failures);
            if (descriptions.isPresent()) {
                Map<String, List<TopicPartitionInfo>> mine = new HashMap<>();
                for (TopicDescription topic : descriptions.get().values()) {
                    counts.put(topic.name(), topic.partitions().size());
                    described += topic.partitions().size();
                    List<TopicPartitionInfo> hosted = new ArrayList<>();
                    for (TopicPartitionInfo partition : topic.partitions()) {
                        if (hasReplicaOn(partition, brokerId)) {
                            hosted.add(partition);
                        }
                    }
                    if (!hosted.isEmpty()) {
                        mine.put(topic.name(), hosted);
                    }
                }
                Map<String, Integer> minIsr = readMinInSyncReplicas(admin, mine.keySet(), failures);
                mine.forEach((topic, partitions) -> {
                    ownTopics.add(topic);
                    OptionalInt topicMinIsr =
                            minIsr.containsKey(topic) ? OptionalInt.of(minIsr.get(topic)) : OptionalInt.empty();
                    for (TopicPartitionInfo p : partitions) {
                        views.add(new PartitionView(
                                topic,
                                p.partition(),
                                shared.ids(p.replicas()),
                                shared.ids(p.isr()),
                                p.leader() == null || p.leader().isEmpty()
                                        ? OptionalInt.empty()
                                        : shared.id(p.leader().id()),
                                topicMinIsr));
                    }
                });
            }
            CostMeter.Reading after = meter.read(admin);
            ReadCost pageCost = CostMeter.between(before, after);
            cost = cost.plus(pageCost);
            charged = charged.plus(pacing.charged(pageCost.cpu(), CostMeter.processCpuBetween(before, after)));
            if (failures.stream().anyMatch(f -> f.kind() == Kind.AUTHENTICATION)) {
                connection.discard(); // a client that failed authentication stays failed
            }
            if (descriptions.isEmpty()) {
                return Optional.of(new PartitionScan(
                        startedAt,
                        clock.instant(),
                        logDirs,
                        Optional.empty(),
                        counts.size(),
                        described,
                        cost,
                        failures,
                        pacing.steadyDuration(charged)));
            }
            boolean abandon = page != pages.getLast()
                    ? !pauseAfter(pageCost, CostMeter.processCpuBetween(before, after), pageStart, urgent)
                    : stopping || scanRequested;
            if (abandon) {
                return Optional.empty();
            }
        }
        partitionCounts = counts;
        lastOwnTopics = ownTopics;
        return Optional.of(new PartitionScan(
                startedAt,
                clock.instant(),
                logDirs,
                Optional.of(views),
                counts.size(),
                described,
                cost,
                failures,
                pacing.steadyDuration(charged)));
    }

    /**
     * Pauses after a step that started at {@code startNanos} and cost {@code cost} ({@code processCpu} for the whole
     * process), to keep the scan within its CPU
     * share. False when the scan is to be abandoned (stopping, or a new scan was asked for).
     */
    private boolean pauseAfter(ReadCost cost, Duration processCpu, long startNanos, boolean urgent)
            throws InterruptedException {
        if (stopping || scanRequested) {
            return false;
        }
        Duration pause =
                pacing.pauseAfter(cost.cpu(), processCpu, Duration.ofNanos(System.nanoTime() - startNanos), urgent);
        awaitUntil(System.nanoTime() + pause.toNanos(), () -> scanRequested);
        return !(stopping || scanRequested);
    }

    private static boolean hasReplicaOn(TopicPartitionInfo partition, int brokerId) {
        for (Node replica : partition.replicas()) {
            if (replica.id() == brokerId) {
                return true;
            }
        }
        return false;
    }

    private Optional<Map<String, LogDirDescription>> readLogDirs(Admin admin, List<RefreshFailure> failures) {
        Deadline deadline = Deadline.after(timeout);
        return await(
                        admin.describeLogDirs(
                                        List.of(brokerId),
                                        new DescribeLogDirsOptions().timeoutMs(deadline.remainingMs()))
                                .allDescriptions(),
                        deadline,
                        Call.DESCRIBE_LOG_DIRS,
                        failures)
                .map(byBroker -> byBroker.getOrDefault(brokerId, Map.of()));
    }

    /** Per topic, its partitions with a current replica in any of the directories (future ones are moves). */
    static Map<String, Integer> replicasPerTopic(Map<String, LogDirDescription> dirs) {
        Map<String, Integer> topics = new HashMap<>();
        for (LogDirDescription dir : dirs.values()) {
            dir.replicaInfos().forEach((partition, replica) -> {
                if (!replica.isFuture()) {
                    topics.merge(partition.topic(), 1, Integer::sum);
                }
            });
        }
        return topics;
    }

    /**
     * The descriptions of the page's topics; a topic deleted since it was listed is left out. Empty when the call
     * failed (the failure is added).
     */
    private Optional<Map<String, TopicDescription>> describe(
            Admin admin, List<String> page, List<RefreshFailure> failures) {
        Deadline deadline = Deadline.after(timeout);
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(
                        TopicCollection.ofTopicNames(page),
                        new DescribeTopicsOptions().timeoutMs(deadline.remainingMs()))
                .topicNameValues();
        Map<String, TopicDescription> described = new HashMap<>();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : futures.entrySet()) {
            if (deleted(topic.getValue(), deadline)) {
                continue;
            }
            Optional<TopicDescription> description = await(topic.getValue(), deadline, Call.DESCRIBE_TOPICS, failures);
            if (description.isEmpty()) {
                return Optional.empty();
            }
            described.put(topic.getKey(), description.get());
        }
        return Optional.of(described);
    }

    /** True when the topic no longer exists (deleted between the listing and the scan). */
    private static boolean deleted(KafkaFuture<TopicDescription> future, Deadline deadline) {
        try {
            future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof UnknownTopicOrPartitionException;
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return false; // await() reports it
        }
    }

    private Map<String, Integer> readMinInSyncReplicas(Admin admin, Set<String> topics, List<RefreshFailure> failures) {
        if (topics.isEmpty()) {
            return Map.of();
        }
        List<ConfigResource> resources = topics.stream()
                .sorted()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                .toList();
        Deadline deadline = Deadline.after(timeout);
        Optional<Map<ConfigResource, Config>> configs = await(
                admin.describeConfigs(resources, new DescribeConfigsOptions().timeoutMs(deadline.remainingMs()))
                        .all(),
                deadline,
                Call.DESCRIBE_CONFIGS,
                failures);
        Map<String, Integer> minIsr = new HashMap<>();
        configs.ifPresent(found -> found.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            if (entry != null && entry.value() != null) {
                minIsr.put(resource.name(), Integer.parseInt(entry.value()));
            }
        }));
        return minIsr;
    }

    /**
     * Splits the topics into pages of about {@link #PAGE_PARTITIONS} partitions and at most {@link #PAGE_TOPICS}
     * topics, by their partition counts: as of the last scan, or else estimated from this broker's replicas of the
     * topic times the registered brokers (an even spread at replication factor 1: an upper bound, so a first page is
     * never larger than meant). A topic larger than a page is a page of its own. The admin client gathers every
     * partition of a call before it returns any: bounding the partitions is what bounds the memory a call holds.
     */
    static List<List<String>> pages(
            List<String> topics, Map<String, Integer> lastCounts, Map<String, Integer> ownReplicas, int brokers) {
        List<List<String>> pages = new ArrayList<>();
        List<String> page = new ArrayList<>();
        long partitions = 0;
        for (String topic : topics) {
            long count = Math.max(
                    1, lastCounts.getOrDefault(topic, ownReplicas.getOrDefault(topic, 1) * Math.max(1, brokers)));
            if (!page.isEmpty() && (partitions + count > PAGE_PARTITIONS || page.size() == PAGE_TOPICS)) {
                pages.add(page);
                page = new ArrayList<>();
                partitions = 0;
            }
            page.add(topic);
            partitions += count;
        }
        if (!page.isEmpty()) {
            pages.add(page);
        }
        return pages;
    }

    /**
     * One instance per distinct replica list and leader id within a scan: with 100,000 hosted partitions the views
     * would otherwise hold 100,000 copies of the same few lists.
     */
    private static final class Interner {
        private final Map<List<Integer>, List<Integer>> lists = new HashMap<>();
        private final Map<Integer, OptionalInt> leaders = new HashMap<>();
        /** Reused to look a list up without allocating one per partition. */
        private final List<Integer> key = new ArrayList<>();

        List<Integer> ids(List<Node> nodes) {
            key.clear();
            for (Node node : nodes) {
                key.add(node.id());
            }
            List<Integer> known = lists.get(key);
            if (known == null) {
                known = List.copyOf(key);
                lists.put(known, known);
            }
            return known;
        }

        OptionalInt id(int id) {
            return leaders.computeIfAbsent(id, OptionalInt::of);
        }
    }

    @Override
    public void close() {
        stopping = true;
        signal();
        thread.interrupt();
        try {
            thread.join(timeout.toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

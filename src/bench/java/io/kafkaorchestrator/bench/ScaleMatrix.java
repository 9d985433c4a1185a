package io.kafkaorchestrator.bench;

import static io.kafkaorchestrator.bench.Benchmarks.MIB;
import static io.kafkaorchestrator.bench.Benchmarks.mib;
import static io.kafkaorchestrator.bench.Benchmarks.ms;
import static io.kafkaorchestrator.bench.Benchmarks.verdict;

import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.Cgroup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The scale section of BENCHMARKS.md: partitions in the cluster × the sidecar's CPU quota, on broker processes, each
 * cell a fresh sidecar from the image, probed once a second like a kubelet (a fresh connection per probe).
 */
final class ScaleMatrix {

    /** Starts the image's sidecar for broker 0 of a cluster, inside the given cgroups. */
    interface SidecarStarter {
        ImageProcess start(String bootstrap, int kafkaPort, Cgroup... groups);
    }

    static final List<Double> CPUS = List.of(1.0, 0.1, 0.05);
    /** Sampled apart right after the first ready: the JVM is still compiling what it runs steadily. */
    static final int WARM_UP_SECONDS = 60;
    /** Open files a broker process needs besides one per partition: jars, sockets, metadata log. */
    private static final int FILES_BESIDES_PARTITIONS = 3000;

    private final Markdown md;
    private final SidecarStarter starter;
    private final int sampleSeconds;
    private final List<String> notes = new ArrayList<>();
    private final List<String[]> kills = new ArrayList<>();
    private final List<String[]> layouts = new ArrayList<>();

    ScaleMatrix(Markdown md, SidecarStarter starter, int sampleSeconds) {
        this.md = md;
        this.starter = starter;
        this.sampleSeconds = sampleSeconds;
    }

    void run(List<Integer> partitionCounts) throws Exception {
        md.section(
                "Scale: partitions in the cluster × the sidecar's CPU",
                "Broker processes (KRaft, a separate controller); topics of 1,000 partitions, replication factor 1, "
                        + "each spread over every broker (the Admin API describes whole topics, so broker 0's sidecar "
                        + "reads every partition of the cluster: the worst layout for it). Each cell: a fresh sidecar "
                        + "from the image (defaults: CHECK_INTERVAL=5s, CHECK_TIMEOUT=10s) for broker 0 in a cgroup v1 "
                        + "CPU quota (full core = 100000 per 100000; 0.1 CPU = 10000; 0.05 CPU = 5000) and a 128 MiB "
                        + "memory limit, started when the cluster is idle. Measured from its start: the first 200 from "
                        + "/health/ready. Then /health/live and /health/ready once a second each over a fresh "
                        + "connection, and /metrics every 15 s at a random point between two probes (as a Prometheus "
                        + "that knows nothing of the kubelet's timing): first for " + WARM_UP_SECONDS
                        + " s right after the first ready (the "
                        + "JVM still compiling its steady paths, its own column), then for the " + sampleSeconds
                        + " s window of the other columns: probe p99 and max over both probes, non-200 samples of each "
                        + "(over both periods), the slowest liveness refresh and bytes received per refresh (from "
                        + "/metrics), the process's CPU time from /proc (per minute, and as a share of the quota), "
                        + "scans completed (cadence = window ÷ scans), and the largest heap before a collection "
                        + "(-Xlog:gc). Targets, at 0.05 CPU: zero non-200 samples, probe p99 ≤ 100 ms, CPU ≤ 20 % of "
                        + "the quota.");
        md.table(
                "Partitions (hosted by broker 0)",
                "CPU",
                "First ready",
                "Liveness refresh (max)",
                "Scan",
                "Scan cadence",
                "CPU per minute (of quota)",
                "Received per refresh / per scan",
                "Heap peak",
                "Probe p99 / max",
                "First " + WARM_UP_SECONDS + " s: probe p99 / max, CPU (of quota)",
                "Non-200 live / ready",
                "Verdict");
        long openFiles = ((com.sun.management.UnixOperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount();
        int perProcess = (int) Math.max(1000, openFiles - FILES_BESIDES_PARTITIONS);
        List<Integer> counts = partitionCounts.stream().sorted().toList();
        // One cluster for every count that three brokers can hold, one per larger count.
        List<Integer> small =
                counts.stream().filter(count -> count <= 3L * perProcess).toList();
        if (!small.isEmpty()) {
            cluster(3, small, true);
        }
        for (int count :
                counts.stream().filter(count -> count > 3L * perProcess).toList()) {
            cluster((count + perProcess - 1) / perProcess, List.of(count), false);
        }
        if (counts.stream().anyMatch(count -> count > 3L * perProcess)) {
            notes.add(String.format(
                    "A broker keeps a file open per partition it hosts, and this process may open "
                            + "%,d files (a hard limit only CAP_SYS_RESOURCE can raise): counts above %,d ran on more "
                            + "brokers, each hosting its share.",
                    openFiles, 3L * perProcess));
        }
        if (!kills.isEmpty()) {
            md.paragraph("The own broker killed (SIGKILL of broker 0's process) at the end of the largest cell of "
                    + "each cluster at 0.05 CPU, /health/ready polled every 50 ms; then the broker restarted. "
                    + "Target: 503 within 2 s.");
            md.table("Partitions", "CPU", "Kill → ready 503", "Kill → live 503", "Restart → ready 200", "Verdict");
            kills.forEach(md::row);
        }
        if (!layouts.isEmpty()) {
            md.paragraph("Bytes per scan against the layout (full core, after the matrix of the three-broker "
                    + "cluster): the scan reads only topics with a replica on broker 0. Added first: 10 topics of "
                    + "1,000 partitions on brokers 1 and 2 only (not read at all); then 5 topics of 1,000 partitions "
                    + "on broker 0 only (read, and nothing else with them).");
            md.table(
                    "Layout",
                    "Partitions in the cluster",
                    "Hosted by broker 0",
                    "Partitions scanned",
                    "Received per scan",
                    "Per scanned partition");
            layouts.forEach(md::row);
        }
        notes.forEach(md::paragraph);
    }

    private void cluster(int brokers, List<Integer> counts, boolean withLayouts) throws Exception {
        try (BrokerProcessCluster cluster = BrokerProcessCluster.builder()
                .brokers(brokers)
                .heap("1536m")
                // A broker busy creating thousands of logs on two cores must not be fenced meanwhile; but a killed
                // broker can register again only once its old session expired, so the restart waits that long.
                .config("broker.session.timeout.ms", "15000")
                .config("broker.heartbeat.interval.ms", "1500")
                .config("replica.lag.time.max.ms", "30000")
                .config("log.index.size.max.bytes", "65536")
                .config("log.segment.bytes", String.valueOf(MIB))
                // Broker 0 restarted after kill -9 recovers every log it hosts before it listens.
                .startTimeout(java.time.Duration.ofMinutes(10))
                .start()) {
            Admin admin = cluster.admin();
            int created = 0;
            for (int count : counts) {
                long started = System.nanoTime();
                while (created < count) {
                    List<NewTopic> topics = new ArrayList<>();
                    for (int i = 0; i < 5 && created < count; i++) {
                        int size = Math.min(1000, count - created);
                        topics.add(new NewTopic("scale-" + created, size, (short) 1));
                        created += size;
                    }
                    admin.createTopics(topics).all().get();
                }
                int hosted = awaitPartitions(admin, count);
                notes.add(String.format(
                        "Setup for %,d partitions on %d brokers: topics created and known to every "
                                + "broker in %.0f s.",
                        count, brokers, (System.nanoTime() - started) / 1e9));
                boolean last = count == counts.getLast();
                for (double cpus : CPUS) {
                    cell(cluster, count, hosted, cpus, 128 * MIB, last && cpus == 0.05);
                }
                if (last && count >= 100_000) {
                    cell(cluster, count, hosted, 0.05, 64 * MIB, false);
                }
            }
            if (withLayouts) {
                try {
                    layouts(cluster, admin, created);
                } catch (Exception e) {
                    // The matrix above is measured: a failure here must not lose it.
                    notes.add("The layout comparison failed: " + e);
                }
            }
        }
    }

    /** Waits until every broker's metadata has {@code partitions} partitions; how many broker 0 hosts. */
    private static int awaitPartitions(Admin admin, int partitions) throws Exception {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            Collection<TopicDescription> topics;
            try {
                topics = admin.describeTopics(admin.listTopics().names().get())
                        .allTopicNames()
                        .get()
                        .values();
            } catch (java.util.concurrent.ExecutionException e) {
                // Listed by one broker before another, which answered the describe, knew the topic: ask again.
                topics = List.of();
            }
            if (topics.stream().mapToInt(t -> t.partitions().size()).sum() >= partitions) {
                return hosted(topics);
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("brokers never learned of all " + partitions + " partitions");
            }
            ImageProcess.pause(1000);
        }
    }

    private static int hostedBy0(Admin admin) throws Exception {
        return hosted(admin.describeTopics(admin.listTopics().names().get())
                .allTopicNames()
                .get()
                .values());
    }

    private static int hosted(Collection<TopicDescription> topics) {
        return (int) topics.stream()
                .flatMap(t -> t.partitions().stream())
                .filter(p -> p.replicas().stream().anyMatch(n -> n.id() == 0))
                .count();
    }

    private void cell(
            BrokerProcessCluster cluster, int partitions, int hosted, double cpus, long memoryLimit, boolean killAfter)
            throws Exception {
        String cpu = cpus == 1.0 ? "full core" : cpus + " CPU";
        String label = String.format("%,d (%,d)", partitions, hosted)
                + (memoryLimit != 128 * MIB ? ", " + mib(memoryLimit) + " limit" : "");
        try (Cgroup quota = Cgroup.cpuQuota("kafka-bench-cpu", cpus);
                Cgroup memory = Cgroup.memoryLimit("kafka-bench-mem", memoryLimit);
                ImageProcess sidecar = starter.start(cluster.bootstrapServers(0), cluster.port(0), quota, memory)) {
            // Polled every 250 ms: faster polling would itself take a share of a 0.05 CPU quota.
            Optional<Double> firstReady = awaitStatusSince(
                    sidecar, "/health/ready", 200, sidecar.startedNanos, TimeUnit.MINUTES.toMillis(10), 250);
            if (firstReady.isEmpty()) {
                md.row(
                        label,
                        cpu,
                        "not ready within 10 min",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        verdict(false) + " (OOM kills " + memory.oomKills() + ")");
                return;
            }
            Sample warmUp = sample(sidecar, WARM_UP_SECONDS);
            Sample sample = sample(sidecar, sampleSeconds);
            double cpuPerMinute = sample.cpuPerMinute();
            double shareOfQuota = cpuPerMinute / (cpus * 60_000);
            String cadence =
                    sample.scans < 1 ? "none completed" : String.format("every %.0f s", sample.seconds / sample.scans);
            int liveNon200 = warmUp.liveNon200 + sample.liveNon200;
            int readyNon200 = warmUp.readyNon200 + sample.readyNon200;
            boolean pass = liveNon200 == 0
                    && readyNon200 == 0
                    && sample.p99Ms <= 100
                    && shareOfQuota <= 0.20
                    && memory.oomKills() == 0;
            md.row(
                    label,
                    cpu,
                    ms(firstReady.get()),
                    ms(sample.maxRefreshSeconds * 1000),
                    ms(sample.scanSeconds * 1000),
                    cadence,
                    String.format("%s (%.0f %%)", ms(cpuPerMinute), shareOfQuota * 100),
                    String.format("%,d B / %,d B", (long) sample.refreshBytes, (long) sample.scanBytes),
                    mib(sidecar.maxHeapBeforeGcKb() * 1024),
                    ms(sample.p99Ms) + " / " + ms(sample.maxMs),
                    String.format(
                            "%s / %s, %s (%.0f %%)",
                            ms(warmUp.p99Ms),
                            ms(warmUp.maxMs),
                            ms(warmUp.cpuPerMinute()),
                            warmUp.cpuPerMinute() / (cpus * 600)),
                    liveNon200 + " / " + readyNon200,
                    cpus == 0.05
                            ? verdict(pass) + (memory.oomKills() > 0 ? " (OOM kills " + memory.oomKills() + ")" : "")
                            : "");
            if (killAfter) {
                try {
                    kill(cluster, sidecar, label, cpu);
                } catch (Exception e) {
                    kills.add(new String[] {
                        label,
                        cpu,
                        "failed: " + e.getMessage().lines().findFirst().orElse(""),
                        "",
                        "",
                        verdict(false)
                    });
                }
            }
        }
    }

    private void kill(BrokerProcessCluster cluster, ImageProcess sidecar, String label, String cpu) throws Exception {
        long killed = System.nanoTime();
        cluster.kill(0);
        Optional<Double> ready503 = awaitStatusSince(sidecar, "/health/ready", 503, killed, 30_000, 50);
        Optional<Double> live503 = awaitStatusSince(sidecar, "/health/live", 503, killed, 30_000, 50);
        long restarted = System.nanoTime();
        cluster.start(0);
        Optional<Double> readyAgain =
                awaitStatusSince(sidecar, "/health/ready", 200, restarted, TimeUnit.MINUTES.toMillis(10), 250);
        kills.add(new String[] {
            label,
            cpu,
            ready503.map(Benchmarks::ms).orElse("never (30 s)"),
            live503.map(Benchmarks::ms).orElse("never (30 s)"),
            readyAgain.map(Benchmarks::ms).orElse("not within 10 min"),
            verdict(ready503.isPresent() && ready503.get() <= 2000 && live503.isPresent() && live503.get() <= 2000)
        });
    }

    private void layouts(BrokerProcessCluster cluster, Admin admin, int spread) throws Exception {
        layouts.add(layoutRow("every topic on every broker", cluster, spread, hostedBy0(admin)));
        // Five topics per request: the controller refuses more than 10,000 records in one operation.
        for (int batch = 0; batch < 2; batch++) {
            List<NewTopic> elsewhere = new ArrayList<>();
            for (int t = 0; t < 5; t++) {
                elsewhere.add(placed("elsewhere-" + (batch * 5 + t), 1, 2));
            }
            admin.createTopics(elsewhere).all().get();
        }
        awaitPartitions(admin, spread + 10_000);
        layouts.add(layoutRow("+ 10,000 on brokers 1 and 2 only", cluster, spread + 10_000, hostedBy0(admin)));
        List<NewTopic> here = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            here.add(placed("here-" + t, 0));
        }
        admin.createTopics(here).all().get();
        awaitPartitions(admin, spread + 15_000);
        layouts.add(layoutRow("+ 5,000 on broker 0 only", cluster, spread + 15_000, hostedBy0(admin)));
    }

    /** A topic of 1,000 partitions, replication factor 1, spread over the given brokers only. */
    private static NewTopic placed(String name, int... brokers) {
        Map<Integer, List<Integer>> assignment = new java.util.HashMap<>();
        for (int p = 0; p < 1000; p++) {
            assignment.put(p, List.of(brokers[p % brokers.length]));
        }
        return new NewTopic(name, assignment);
    }

    private String[] layoutRow(String layout, BrokerProcessCluster cluster, int partitions, int hosted)
            throws Exception {
        try (Cgroup memory = Cgroup.memoryLimit("kafka-bench-mem", 128 * MIB);
                ImageProcess sidecar = starter.start(cluster.bootstrapServers(0), cluster.port(0), memory)) {
            awaitStatusSince(sidecar, "/health/ready", 200, sidecar.startedNanos, TimeUnit.MINUTES.toMillis(5), 250)
                    .orElseThrow(() -> new IllegalStateException("not ready: " + sidecar.log()));
            double scanned = sidecar.metric("kafka_sidecar_scan_partitions").orElse(-1);
            double bytes = sidecar.metric("kafka_sidecar_scan_received_bytes").orElse(-1);
            return new String[] {
                layout,
                String.format("%,d", partitions),
                String.format("%,d", hosted),
                String.format("%,.0f", scanned),
                String.format("%,.0f B", bytes),
                String.format("%.0f B", bytes / Math.max(1, scanned))
            };
        }
    }

    private record Sample(
            double seconds,
            double cpuMs,
            double scans,
            double p99Ms,
            double maxMs,
            int liveNon200,
            int readyNon200,
            double maxRefreshSeconds,
            double refreshBytes,
            double scanSeconds,
            double scanBytes) {
        double cpuPerMinute() {
            return cpuMs / (seconds / 60);
        }
    }

    /** Same scrape times in every run. */
    private final java.util.Random scrapeTimes = new java.util.Random(15);

    /** Probes once a second for {@code sampleSeconds}; scrapes every 15 s, at a random point between two probes. */
    private Sample sample(ImageProcess sidecar, int sampleSeconds) {
        double cpuStart = sidecar.cpuMs();
        double scansStart = ImageProcess.value(sidecar.scrape(), "kafka_sidecar_scans_total")
                .orElse(0);
        long start = System.nanoTime();
        List<Double> latencies = new ArrayList<>();
        int liveNon200 = 0;
        int readyNon200 = 0;
        double maxRefresh = 0;
        double refreshBytes = 0;
        for (int second = 0; second < sampleSeconds; second++) {
            long tick = start + TimeUnit.SECONDS.toNanos(second);
            ImageProcess.pause(Math.max(0, TimeUnit.NANOSECONDS.toMillis(tick - System.nanoTime())));
            for (String path : List.of("/health/live", "/health/ready")) {
                long sent = System.nanoTime();
                ImageProcess.Answer answer = sidecar.get(path);
                latencies.add((System.nanoTime() - sent) / 1e6);
                if (answer == null || answer.status() != 200) {
                    if (path.endsWith("live")) {
                        liveNon200++;
                    } else {
                        readyNon200++;
                    }
                }
            }
            if (second % 15 == 7) {
                ImageProcess.pause(50 + scrapeTimes.nextInt(850));
                String scrape = sidecar.scrape();
                maxRefresh = Math.max(
                        maxRefresh,
                        ImageProcess.value(scrape, "kafka_sidecar_refresh_duration_seconds")
                                .orElse(0));
                refreshBytes = Math.max(
                        refreshBytes,
                        ImageProcess.value(scrape, "kafka_sidecar_refresh_received_bytes")
                                .orElse(0));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = sidecar.cpuMs() - cpuStart;
        String last = sidecar.scrape();
        double scans = ImageProcess.value(last, "kafka_sidecar_scans_total").orElse(0) - scansStart;
        latencies.sort(Double::compare);
        return new Sample(
                seconds,
                cpuMs,
                scans,
                latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                latencies.getLast(),
                liveNon200,
                readyNon200,
                maxRefresh,
                refreshBytes,
                ImageProcess.value(last, "kafka_sidecar_scan_duration_seconds").orElse(0),
                ImageProcess.value(last, "kafka_sidecar_scan_received_bytes").orElse(0));
    }

    /** Milliseconds from {@code sinceNanos} to the first answer of {@code status} at {@code path}. */
    private static Optional<Double> awaitStatusSince(
            ImageProcess sidecar, String path, int status, long sinceNanos, long timeoutMs, long everyMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline && sidecar.alive()) {
            ImageProcess.Answer answer = sidecar.get(path);
            if (answer != null && answer.status() == status) {
                return Optional.of((System.nanoTime() - sinceNanos) / 1e6);
            }
            ImageProcess.pause(everyMs);
        }
        return Optional.empty();
    }
}

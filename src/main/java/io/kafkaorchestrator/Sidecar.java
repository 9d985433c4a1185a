package io.kafkaorchestrator;

import io.kafkaorchestrator.about.BuildInfo;
import io.kafkaorchestrator.api.Endpoints;
import io.kafkaorchestrator.config.Config;
import io.kafkaorchestrator.config.ConfigException;
import io.kafkaorchestrator.config.ConfigLoader;
import io.kafkaorchestrator.discovery.CpuQuota;
import io.kafkaorchestrator.health.HealthMonitor;
import io.kafkaorchestrator.health.HealthPolicy;
import io.kafkaorchestrator.http.HttpApi;
import io.kafkaorchestrator.kafka.AdminClientProperties;
import io.kafkaorchestrator.kafka.BackgroundPriority;
import io.kafkaorchestrator.kafka.ClusterReader;
import io.kafkaorchestrator.kafka.KafkaConnection;
import io.kafkaorchestrator.kafka.ListenerWatch;
import io.kafkaorchestrator.kafka.PartitionScanner;
import io.kafkaorchestrator.kafka.SnapshotRefresher;
import io.kafkaorchestrator.logging.LogSetup;
import io.kafkaorchestrator.metrics.BrokerHealthCollector;
import io.kafkaorchestrator.metrics.JvmMemoryCollector;
import io.kafkaorchestrator.metrics.JvmRuntimeCollector;
import io.kafkaorchestrator.metrics.MemoryMetricsCollector;
import io.kafkaorchestrator.metrics.MetricsExposition;
import io.kafkaorchestrator.metrics.ProcessMetricsCollector;
import io.kafkaorchestrator.metrics.RefreshCounters;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sidecar: reads the configuration, wires the parts (readers, health monitor, metrics, endpoints, HTTP server) and
 * serves until SIGTERM or SIGINT. {@link #run} returns the exit code; only the entry point exits.
 */
public final class Sidecar implements AutoCloseable {

    /** Bad configuration: nothing was served. */
    public static final int EXIT_CONFIG = 2;
    /** The sidecar could not start (the HTTP port is taken, say). */
    public static final int EXIT_START = 1;

    /**
     * How long a stop waits for requests in flight: the request time limit, past which the server would close them
     * anyway, so a longer grace would only keep a stop waiting on clients that will never finish; this one leaves room
     * for the Kafka clients' close within the 10 s a stop may take.
     */
    static final Duration IN_FLIGHT_GRACE = HttpApi.Limits.DEFAULT.maxRequestTime();

    private static final Logger log = LoggerFactory.getLogger(Sidecar.class);

    /** How often the own listener is checked for refused connections (see {@link ListenerWatch}). */
    static final Duration LISTENER_WATCH_EVERY = Duration.ofSeconds(1);
    /** The partition scan's share of the container's CPU on average, and while readiness waits for a scan. */
    static final double SCAN_CPU_SHARE = 0.10;

    static final double SCAN_CPU_SHARE_URGENT = 0.5;

    private final HttpApi http;
    private final List<AutoCloseable> readers;
    private final List<KafkaConnection> connections;

    private Sidecar(HttpApi http, List<AutoCloseable> readers, List<KafkaConnection> connections) {
        this.http = http;
        this.readers = readers;
        this.connections = connections;
    }

    /**
     * Runs as the process does: configuration problems to {@code err} (nothing served), the log to {@code out}, then
     * serves until SIGTERM or SIGINT. Returns the exit code.
     */
    public static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        Config config;
        try {
            config = ConfigLoader.load(env);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("configuration error: " + problem));
            err.println("Kafka Orchestrator did not start: fix the "
                    + e.problems().size() + " setting(s) above and start it again.");
            return EXIT_CONFIG;
        }
        LogSetup.configure(config.logLevel(), config.logFormat(), out);
        BuildInfo build = BuildInfo.load();
        log.atInfo()
                .setMessage("Kafka Orchestrator starting")
                .addKeyValue("version", build.version())
                .addKeyValue("build", build.build())
                .addKeyValue("config", config.describe())
                .log();

        ShutdownSignal signal = ShutdownSignal.install();
        try (Sidecar sidecar = start(config, Clock.systemUTC())) {
            log.atInfo()
                    .setMessage("Serving /health/live /health/ready /health/restart-safe /metrics /about")
                    .addKeyValue("port", sidecar.httpPort())
                    .log();
            log.atInfo()
                    .setMessage("Received a shutdown signal: stopping")
                    .addKeyValue("signal", signal.await())
                    .log();
        } catch (IOException e) {
            log.atError()
                    .setMessage("Cannot serve HTTP: set PORT to a free port")
                    .addKeyValue("port", config.httpPort())
                    .addKeyValue("error", e.toString())
                    .log();
            return EXIT_START;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Stopped");
        return 0;
    }

    /** Starts serving on PORT and refreshing; the caller closes it. Throws when the HTTP port cannot be bound. */
    public static Sidecar start(Config config, Clock clock) throws IOException {
        return start(config, clock, new InetSocketAddress(config.httpPort()));
    }

    /** As {@link #start(Config, Clock)}, bound to the given address (tests bind port 0 on loopback). */
    public static Sidecar start(Config config, Clock clock, InetSocketAddress bindAddress) throws IOException {
        BuildInfo build = BuildInfo.load();
        HealthMonitor monitor = new HealthMonitor(
                HealthPolicy.of(
                        config.brokerId(), config.checkInterval(), config.checkTimeout(), config.startupGrace()),
                clock);
        RefreshCounters counters = new RefreshCounters();

        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new MemoryMetricsCollector(config.cgroupRoot()));
        registry.register(new BrokerHealthCollector(monitor, counters, config.checkInterval(), clock));
        MetricsExposition metrics = new MetricsExposition(registry);

        HttpApi http = HttpApi.start(bindAddress, Endpoints.routes(monitor, metrics, build), HttpApi.Limits.DEFAULT);
        String clientId = "kafka-orchestrator-" + config.brokerId();
        KafkaConnection connection = new KafkaConnection(AdminClientProperties.forConfig(config, clientId));
        KafkaConnection quorumConnection =
                new KafkaConnection(AdminClientProperties.forConfig(config, clientId + "-quorum"));
        KafkaConnection scanConnection =
                new KafkaConnection(AdminClientProperties.forConfig(config, clientId + "-scan"));
        PartitionScanner scanner = new PartitionScanner(
                scanConnection,
                config.brokerId(),
                config.checkInterval(),
                config.checkTimeout(),
                scanPacing(),
                clock,
                List.of(monitor::accept, counters::scanned));
        monitor.onBrokerBack(scanner::scanSoon);
        SnapshotRefresher refresher = new SnapshotRefresher(
                new ClusterReader(connection, quorumConnection, config.brokerId(), clock),
                config.checkInterval(),
                config.checkTimeout(),
                List.of(monitor::accept, counters::refreshed, scanner::accept));
        ListenerWatch watch =
                new ListenerWatch("localhost", config.kafkaPort(), LISTENER_WATCH_EVERY, clock, monitor::accept);
        // The first probe first: on a 0.1 CPU quota the Kafka client's start-up would otherwise delay it by seconds.
        http.answerOwnRequest("/health/live")
                .ifPresent(e -> log.debug("Warm-up request to the own HTTP server failed: {}", e.toString()));
        registerJvmMetrics(registry); // after the first answer: JMX beans cost ~15 ms of CPU at start
        watch.start();
        refresher.start();
        scanner.start();
        // Compilations come in bursts of milliseconds: on a small quota they must not go before a probe's answer.
        BackgroundPriority.lowerThreadsNamed("C1 CompilerThre");
        return new Sidecar(
                http, List.of(watch, refresher, scanner), List.of(connection, quorumConnection, scanConnection));
    }

    /**
     * The scan's share of the CPUs the container may use (its cgroup's quota; all the machine's without one): small,
     * so that scans of a large broker never crowd out the probes; larger while no scan is of use to readiness yet.
     */
    private static PartitionScanner.Pacing scanPacing() {
        double cpus = CpuQuota.read(Path.of("/sys/fs/cgroup"))
                .orElse(Runtime.getRuntime().availableProcessors());
        return new PartitionScanner.Pacing(cpus, SCAN_CPU_SHARE, SCAN_CPU_SHARE_URGENT);
    }

    /**
     * The standard JVM metrics of client_java's {@code JvmMetrics}, same series, from our own collectors, which
     * scrape in a fraction of the time and keep unchanged families' text (see {@link JvmRuntimeCollector}). Left out:
     * the native-memory ones (empty unless the JVM runs with -XX:NativeMemoryTracking, and asking starts the JMX
     * DiagnosticCommand bean, which slows the start markedly) and the thread states and deadlocks (counting them stops
     * the JVM twice per scrape).
     */
    private static void registerJvmMetrics(PrometheusRegistry registry) {
        registry.register(new JvmRuntimeCollector());
        registry.register(new JvmMemoryCollector());
        registry.register(new ProcessMetricsCollector());
    }

    public int httpPort() {
        return http.port();
    }

    /** Stops accepting, lets in-flight requests finish (within IN_FLIGHT_GRACE), then closes the Kafka clients. */
    @Override
    public void close() {
        http.stop(IN_FLIGHT_GRACE);
        for (AutoCloseable reader : readers) {
            try {
                reader.close();
            } catch (Exception e) {
                log.atWarn()
                        .setMessage("Stopping a reader failed")
                        .addKeyValue("reader", reader.getClass().getSimpleName())
                        .addKeyValue("error", e.toString())
                        .log();
            }
        }
        // The clients close in parallel: each may wait its close timeout for a broker that is gone.
        List<Thread> closing = connections.stream()
                .map(c -> Thread.ofVirtual().start(c::close))
                .toList();
        for (Thread thread : closing) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

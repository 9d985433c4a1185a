package io.kafkaorchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten minutes (CHAOS_MINUTES / -Dchaos.minutes) of faults on a real SASL cluster while a sidecar process watches broker
 * 0: brokers killed, frozen and restarted, the controller stopped, bootstrap names that stop resolving, the sidecar's
 * password changed under it. The sidecar must never exit, never leak threads or file descriptors, and its verdicts
 * must follow the cluster within CHECK_INTERVAL + CHECK_TIMEOUT (plus the re-authentication interval for passwords).
 * Not in the default run: {@code ./mvnw -B verify -Pchaos}.
 */
class ChaosIT {

    static final Duration CHECK_INTERVAL = Duration.ofMillis(500);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    /** How late a verdict may follow the cluster; a little slack for the probe's own polling. */
    static final Duration FOLLOW = CHECK_INTERVAL.plus(CHECK_TIMEOUT).plusMillis(500);

    static final Duration REAUTH = Duration.ofSeconds(3);
    static final String USER = "sidecar";
    static final String PASSWORD = "chaos-\"pw\";1";
    static final List<String> NAMES = List.of(
            "replica-0.kafka.chaos.gvc.cpln.local",
            "replica-1.kafka.chaos.gvc.cpln.local",
            "replica-2.kafka.chaos.gvc.cpln.local");

    enum Fault {
        KILL_OWN_BROKER,
        FREEZE_OWN_BROKER,
        KILL_OTHER_BROKER,
        STOP_CONTROLLER,
        NAMES_STOP_RESOLVING,
        PASSWORD_CHANGED
    }

    @Test
    void sidecarSurvivesAndFollowsTheClusterThroughFaults(@TempDir Path dir) throws Exception {
        Duration length = Duration.ofMinutes(
                Long.getLong("chaos.minutes", Long.parseLong(System.getenv().getOrDefault("CHAOS_MINUTES", "10"))));
        Path hosts = dir.resolve("hosts");
        writeHosts(hosts, true);
        try (BrokerProcessCluster cluster = BrokerProcessCluster.builder()
                .brokers(3)
                .clientSecurity(SecurityProtocol.SASL_PLAINTEXT)
                .user(USER, PASSWORD)
                .config("connections.max.reauth.ms", Long.toString(REAUTH.toMillis()))
                .start()) {
            cluster.admin()
                    .createTopics(
                            List.of(new NewTopic("orders", 6, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                    .all()
                    .get();
            String bootstrap = "localhost:" + cluster.port(0) + "," + NAMES.get(1) + ":" + cluster.port(1) + ","
                    + NAMES.get(2) + ":" + cluster.port(2);
            Map<String, String> env = Map.of(
                    "BROKER_ID",
                    "0",
                    "BOOTSTRAP_SERVERS",
                    bootstrap,
                    "CHECK_INTERVAL",
                    CHECK_INTERVAL.toMillis() + "ms",
                    "CHECK_TIMEOUT",
                    CHECK_TIMEOUT.toMillis() + "ms",
                    "SASL_ENABLED",
                    "true",
                    "SASL_MECHANISM",
                    "SCRAM-SHA-256",
                    "SASL_USERNAME",
                    USER,
                    "SASL_PASSWORD",
                    PASSWORD,
                    "PORT",
                    Integer.toString(SidecarProcess.freePort()));
            try (SidecarProcess sidecar =
                    SidecarProcess.start(env, SidecarProcess.resolvingFrom(hosts), dir.resolve("sidecar.log"))) {
                awaitStatus(sidecar, "/health/ready", 200, Duration.ofSeconds(60));
                Resources baseline = Resources.of(sidecar.pid());
                Random random = new Random(Long.getLong("chaos.seed", 42));
                long deadline = System.nanoTime() + length.toNanos();
                AtomicInteger faults = new AtomicInteger();
                while (System.nanoTime() < deadline) {
                    Fault fault = faults(random);
                    System.out.println("ChaosIT fault " + faults.incrementAndGet() + ": " + fault);
                    try {
                        inject(fault, cluster, sidecar, hosts, random);
                        assertThat(sidecar.isAlive())
                                .as("sidecar alive after " + fault)
                                .isTrue();
                        awaitStatus(sidecar, "/health/ready", 200, Duration.ofSeconds(90));
                    } catch (AssertionError | RuntimeException e) {
                        System.out.println("ChaosIT failed after " + fault + "; ready says "
                                + sidecar.get("/health/ready").body() + "\nsidecar output:\n" + sidecar.log());
                        throw e;
                    }
                }
                Resources after = Resources.of(sidecar.pid());
                System.out.println(
                        "ChaosIT " + faults.get() + " faults in " + length + "; threads " + baseline.threads() + " -> "
                                + after.threads() + ", fds " + baseline.fds() + " -> " + after.fds());
                assertThat(after.threads()).as("threads").isLessThanOrEqualTo(baseline.threads() + 4);
                assertThat(after.fds()).as("file descriptors").isLessThanOrEqualTo(baseline.fds() + 8);
                sidecar.signal("TERM");
                assertThat(sidecar.awaitExit(Duration.ofSeconds(15))).hasValue(0);
            }
        }
    }

    /** A random fault, from all of them or from those named in -Dchaos.faults (comma-separated). */
    private static Fault faults(Random random) {
        List<Fault> allowed = System.getProperty("chaos.faults") == null
                ? List.of(Fault.values())
                : java.util.Arrays.stream(System.getProperty("chaos.faults").split(","))
                        .map(Fault::valueOf)
                        .toList();
        return allowed.get(random.nextInt(allowed.size()));
    }

    private void inject(Fault fault, BrokerProcessCluster cluster, SidecarProcess sidecar, Path hosts, Random random)
            throws Exception {
        switch (fault) {
            case KILL_OWN_BROKER -> {
                long at = System.nanoTime();
                cluster.kill(0);
                awaitStatusSince(sidecar, "/health/live", 503, at, FOLLOW);
                cluster.start(0);
                awaitStatus(sidecar, "/health/live", 200, Duration.ofSeconds(60));
            }
            case FREEZE_OWN_BROKER -> {
                long at = System.nanoTime();
                cluster.freeze(0);
                try {
                    awaitStatusSince(sidecar, "/health/live", 503, at, FOLLOW);
                } finally {
                    cluster.thaw(0);
                }
                awaitStatusSince(sidecar, "/health/live", 200, System.nanoTime(), FOLLOW.plus(CHECK_TIMEOUT));
            }
            case KILL_OTHER_BROKER -> {
                int other = 1 + random.nextInt(2);
                cluster.kill(other);
                // Never cascades: this broker stays live and ready while another is down.
                for (int i = 0; i < 10; i++) {
                    assertThat(sidecar.get("/health/live").statusCode()).isEqualTo(200);
                    assertThat(sidecar.get("/health/ready").statusCode()).isEqualTo(200);
                    Thread.sleep(CHECK_INTERVAL); // samples the verdict across several refreshes
                }
                cluster.start(other);
            }
            case STOP_CONTROLLER -> {
                long at = System.nanoTime();
                cluster.stopController();
                try {
                    awaitStatusSince(sidecar, "/health/ready", 503, at, FOLLOW);
                    assertThat(sidecar.get("/health/live").statusCode()).isEqualTo(200);
                } finally {
                    cluster.startController();
                }
            }
            case NAMES_STOP_RESOLVING -> {
                writeHosts(hosts, false);
                for (int i = 0; i < 10; i++) {
                    assertThat(sidecar.get("/health/live").statusCode()).isEqualTo(200);
                    Thread.sleep(CHECK_INTERVAL); // samples the verdict across several refreshes
                }
                writeHosts(hosts, true);
            }
            case PASSWORD_CHANGED -> {
                long at = System.nanoTime();
                setPassword(cluster, "changed-under-the-sidecar");
                try {
                    awaitBodySince(
                            sidecar,
                            "/health/live",
                            body -> body.startsWith("{\"status\":\"unknown\""),
                            at,
                            FOLLOW.plus(REAUTH));
                    assertThat(sidecar.get("/health/live").statusCode()).isEqualTo(200);
                } finally {
                    setPassword(cluster, PASSWORD);
                }
            }
        }
    }

    private static void setPassword(BrokerProcessCluster cluster, String password) throws Exception {
        cluster.admin()
                .alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                        USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_256, 4096), password)))
                .all()
                .get();
    }

    private static void writeHosts(Path hosts, boolean withReplicaNames) throws Exception {
        StringBuilder content = new StringBuilder("127.0.0.1 localhost\n");
        if (withReplicaNames) {
            NAMES.forEach(name -> content.append("127.0.0.1 ").append(name).append('\n'));
        }
        Files.writeString(hosts, content);
    }

    private static void awaitStatus(SidecarProcess sidecar, String path, int status, Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> sidecar.get(path).statusCode() == status);
    }

    private static void awaitStatusSince(
            SidecarProcess sidecar, String path, int status, long sinceNanos, Duration within) {
        awaitWithin(
                path + " " + status, sinceNanos, within, () -> sidecar.get(path).statusCode() == status);
    }

    private static void awaitBodySince(
            SidecarProcess sidecar, String path, Predicate<String> body, long sinceNanos, Duration within) {
        awaitWithin(
                path + " body",
                sinceNanos,
                within,
                () -> body.test(sidecar.get(path).body()));
    }

    /** Waits for the condition and asserts it became true within the given time of the fault. */
    private static void awaitWithin(String what, long sinceNanos, Duration within, Callable<Boolean> condition) {
        await().atMost(within.plusSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(condition);
        Duration took = Duration.ofNanos(System.nanoTime() - sinceNanos);
        System.out.println("ChaosIT   " + what + " after " + took.toMillis() + " ms");
        assertThat(took).as("verdict " + what + " must follow within " + within).isLessThanOrEqualTo(within);
    }

    /** Threads and open file descriptors of a process, from /proc. */
    record Resources(long threads, long fds) {
        static Resources of(long pid) throws Exception {
            long threads = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("Threads:"))
                    .mapToLong(l -> Long.parseLong(l.substring(8).trim()))
                    .findFirst()
                    .orElseThrow();
            try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                return new Resources(threads, fds.count());
            }
        }
    }
}

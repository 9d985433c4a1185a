package io.kafkaorchestrator.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaorchestrator.testing.BrokerProcessCluster;
import io.kafkaorchestrator.testing.SidecarUnderTest;
import io.kafkaorchestrator.testing.SidecarUnderTest.Answer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The health table of issue 4 on a real cluster of broker processes (brokers 0-2, one separate controller), with the
 * sidecar pointed at broker 0. Each test leaves the cluster healthy for the next. Every probe answer is timed: none
 * may take 100 ms, even while broker 0 is frozen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthProbesIT {

    static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
    static final Duration PROBE_LIMIT = Duration.ofMillis(100);
    static final String TOPIC = "orders";
    static final ObjectMapper JSON = new ObjectMapper();

    BrokerProcessCluster cluster;
    SidecarUnderTest sidecar;

    @BeforeAll
    void startClusterAndSidecar() throws Exception {
        cluster = BrokerProcessCluster.builder().brokers(3).logDirsPerBroker(2).start();
        cluster.admin()
                .createTopics(List.of(new NewTopic(TOPIC, 6, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                .all()
                .get();
        sidecar = SidecarUnderTest.start(env(0));
        awaitAll(200, 200, 200);
    }

    @AfterAll
    void stopEverything() {
        if (sidecar != null) {
            System.out.println(
                    "HealthProbesIT slowest probe answer: " + sidecar.slowest().toMillis() + " ms");
            sidecar.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    Map<String, String> env(int brokerId) {
        Map<String, String> env = new HashMap<>();
        env.put("BROKER_ID", Integer.toString(brokerId));
        // The own broker first, as the sidecar builds it on Control Plane.
        env.put(
                "BOOTSTRAP_SERVERS",
                cluster.bootstrapServers(0) + "," + cluster.bootstrapServers(1) + "," + cluster.bootstrapServers(2));
        env.put("CHECK_INTERVAL", CHECK_INTERVAL.toMillis() + "ms");
        env.put("CHECK_TIMEOUT", CHECK_TIMEOUT.toMillis() + "ms");
        return env;
    }

    @Test
    @Order(1)
    void allBrokersUpAndInSyncPassEverything() throws Exception {
        JsonNode ready = body(probe("/health/ready"));
        assertThat(ready.get("status").asText()).isEqualTo("healthy");
        assertThat(ready.get("brokerRegistered").asBoolean()).isTrue();
        assertThat(ready.get("controllerElected").asBoolean()).isTrue();
        assertThat(ready.get("underReplicatedPartitions").asInt()).isZero();
        assertThat(ready.get("logDirsHealthy").asBoolean()).isTrue();
        assertThat(body(probe("/health/restart-safe")).get("status").asText()).isEqualTo("safe");
        assertThat(body(probe("/health/live")).get("brokerFound").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void anotherBrokerKilledLeavesThisOneLiveAndReadyButUnsafeToRestart() throws Exception {
        cluster.kill(1);
        try {
            awaitAll(200, 200, 409);
            // Partitions leave the ISR one by one: wait until all six have.
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> body(probe("/health/restart-safe"))
                                    .get("partitionsAtRisk")
                                    .get("count")
                                    .asInt()
                            == 6);
            JsonNode safety = body(probe("/health/restart-safe"));
            assertThat(safety.get("status").asText()).isEqualTo("unsafe");
            assertThat(safety.get("error").asText()).contains("would fall below min.insync.replicas");
            assertStatus("/health/ready", 200);
        } finally {
            cluster.start(1);
        }
        awaitAll(200, 200, 200);
    }

    @Test
    @Order(3)
    void frozenBrokerFailsWithinIntervalPlusTimeout() throws Exception {
        long frozenAt = System.nanoTime();
        cluster.freeze(0);
        try {
            await().atMost(CHECK_INTERVAL.plus(CHECK_TIMEOUT).plusSeconds(5))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> probe("/health/live").status() == 503);
            Duration toFailure = Duration.ofNanos(System.nanoTime() - frozenAt);
            System.out.println("HealthProbesIT frozen broker seen after " + toFailure.toMillis() + " ms");
            assertThat(toFailure)
                    .isLessThanOrEqualTo(CHECK_INTERVAL.plus(CHECK_TIMEOUT).plusMillis(500));
            // Calls that go to broker 0 itself time out; which one fails first depends on the Admin's routing.
            assertThat(check(body(probe("/health/live")), "listener")
                            .get("pass")
                            .asBoolean())
                    .isFalse();
            assertStatus("/health/ready", 503);
            assertStatus("/health/restart-safe", 503);
        } finally {
            cluster.thaw(0);
        }
        awaitAll(200, 200, 200);
    }

    @Test
    @Order(4)
    void killedBrokerFailsEverythingThenRecoversWhenRestarted() throws Exception {
        cluster.kill(0);
        try {
            awaitAll(503, 503, 503);
        } finally {
            cluster.start(0);
        }
        awaitAll(200, 200, 200);
    }

    @Test
    @Order(5)
    void brokerRestartedBehindIsLiveButNotReadyNamingItsPartitions() throws Exception {
        // Broker configs are altered through the broker itself: throttle broker 0's fetches while it is up.
        throttleReplicationTo(0, true);
        cluster.kill(0);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicLong produced = new AtomicLong();
        Thread producer = Thread.ofPlatform().name("test-producer").start(() -> produce(producing, produced));
        try {
            awaitAll(503, 503, 503);
            await().atMost(Duration.ofSeconds(30)).until(() -> produced.get() >= 400); // ~6 MiB while broker 0 is down
            cluster.start(0);
            awaitAll(200, 503, 409);
            JsonNode ready = body(probe("/health/ready"));
            assertThat(ready.get("underReplicatedPartitions").asInt()).isPositive();
            assertThat(ready.get("error").asText())
                    .startsWith("broker 0 is not in the ISR of ")
                    .contains(TOPIC + "-");
            assertThat(body(probe("/health/restart-safe")).get("error").asText())
                    .contains("this broker is still catching up");
        } finally {
            producing.set(false);
            producer.join();
            if (!cluster.isRunning(0)) {
                cluster.start(0);
            }
            throttleReplicationTo(0, false);
        }
        awaitAll(200, 200, 200);
    }

    @Test
    @Order(6)
    void replicaMovingBetweenLogDirsMakesTheBrokerNotReady() throws Exception {
        Path target = cluster.startSlowReplicaMove(new TopicPartition(TOPIC, 0), 0);
        try {
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> probe("/health/ready").status() == 503);
            assertStatus("/health/live", 200);
            assertThat(body(probe("/health/ready")).get("error").asText())
                    .isEqualTo("log dir " + target + " has 1 future replicas (an intra-broker move is in progress)");
        } finally {
            cluster.finishReplicaMoves(0);
        }
        awaitAll(200, 200, 200);
    }

    @Test
    @Order(7)
    void quorumWithoutLeaderMakesTheBrokerNotReadyAndRestartSafetyUnknown() throws Exception {
        cluster.stopController();
        try {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> probe("/health/ready").status() == 503);
            JsonNode ready = body(probe("/health/ready"));
            assertThat(ready.get("controllerElected").asBoolean()).isFalse();
            assertStatus("/health/restart-safe", 503);
            // A controller outage must not fail liveness (it would restart every broker): sampled over refreshes.
            for (int i = 0; i < 8; i++) {
                assertStatus("/health/live", 200);
                Thread.sleep(CHECK_INTERVAL.dividedBy(2)); // samples several refreshes, not a wait for a condition
            }
        } finally {
            cluster.startController();
        }
        awaitAll(200, 200, 200);
    }

    @Test
    @Order(8)
    void sidecarStartedBeforeItsBrokerExistsIsStartingNotReadyAndUnknown() throws Exception {
        try (SidecarUnderTest early = SidecarUnderTest.start(env(7))) {
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            body(early.get("/health/live")).get("observedAt").isTextual());
            Answer live = early.get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(body(live).get("status").asText()).isEqualTo("starting");
            assertThat(body(live).get("error").asText())
                    .isEqualTo("starting (startup grace of 600 s):"
                            + " broker 7 is not in the cluster's broker list [0, 1, 2]");
            assertThat(early.get("/health/ready").status()).isEqualTo(503);
            assertThat(early.get("/health/restart-safe").status()).isEqualTo(503);
            assertThat(early.slowest()).isLessThan(PROBE_LIMIT);
        }
    }

    @Test
    @Order(9)
    void offlineLogDirMakesTheBrokerNotReadyNamingTheDir() throws Exception {
        Path dir = cluster.logDirs(0).get(1);
        cluster.failLogDir(0, dir);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> probe("/health/ready").status() == 503);
        assertStatus("/health/live", 200);
        JsonNode ready = body(probe("/health/ready"));
        assertThat(ready.get("logDirsHealthy").asBoolean()).isFalse();
        // The dir's replicas go offline too, so the first error may be the ISR one: look at the log dir check itself.
        JsonNode logDirsCheck = check(ready, "logDirs");
        assertThat(logDirsCheck.get("pass").asBoolean()).isFalse();
        assertThat(logDirsCheck.get("reason").asText()).startsWith("log dir " + dir + " is offline: ");
        assertThat(logDirsCheck
                        .get("observed")
                        .get(dir.toString())
                        .get("online")
                        .asBoolean())
                .isFalse();
    }

    private void assertStatus(String path, int status) {
        Answer answer = probe(path);
        assertThat(answer.status()).as(path + " answered " + answer.body()).isEqualTo(status);
    }

    private Answer probe(String path) {
        Answer answer = sidecar.get(path);
        assertThat(answer.elapsed()).as("answer time of " + path).isLessThan(PROBE_LIMIT);
        return answer;
    }

    private void awaitAll(int live, int ready, int restartSafe) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(List.of(
                                    probe("/health/live").status(),
                                    probe("/health/ready").status(),
                                    probe("/health/restart-safe").status()))
                            .as("live, ready, restart-safe; ready says: "
                                    + probe("/health/ready").body())
                            .isEqualTo(List.of(live, ready, restartSafe));
                });
    }

    private static JsonNode check(JsonNode body, String name) {
        for (JsonNode check : body.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named " + name + " in " + body);
    }

    private static JsonNode body(Answer answer) throws Exception {
        return JSON.readTree(answer.body());
    }

    private void produce(AtomicBoolean producing, AtomicLong produced) {
        Map<String, Object> config = new HashMap<>(cluster.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer =
                new KafkaProducer<byte[], byte[]>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            byte[] value = new byte[16 * 1024];
            while (producing.get()) {
                producer.send(new ProducerRecord<>(TOPIC, value), (metadata, error) -> {
                    if (error == null) {
                        produced.incrementAndGet();
                    }
                });
                Thread.sleep(Duration.ofMillis(2)); // paces the producer, not a wait for a condition
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A replication quota on one broker's fetches: it stays behind until the throttle is removed. */
    private void throttleReplicationTo(int brokerId, boolean on) throws Exception {
        AlterConfigOp.OpType op = on ? AlterConfigOp.OpType.SET : AlterConfigOp.OpType.DELETE;
        Map<ConfigResource, Collection<AlterConfigOp>> changes = Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, TOPIC),
                        List.of(new AlterConfigOp(new ConfigEntry("follower.replication.throttled.replicas", "*"), op)),
                new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId)),
                        List.of(new AlterConfigOp(
                                new ConfigEntry("follower.replication.throttled.rate", "20000"), op)));
        cluster.admin().incrementalAlterConfigs(changes).all().get();
    }
}

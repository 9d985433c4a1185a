package io.kafkaorchestrator.dev;

import io.kafkaorchestrator.Sidecar;
import io.kafkaorchestrator.config.Config;
import io.kafkaorchestrator.config.ConfigException;
import io.kafkaorchestrator.config.ConfigLoader;
import io.kafkaorchestrator.config.LogFormat;
import io.kafkaorchestrator.config.LogLevel;
import io.kafkaorchestrator.logging.LogSetup;
import io.kafkaorchestrator.testing.KafkaTestKitExtension;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Runs the sidecar against a local 3-broker KRaft cluster (Kafka's in-process test kit) for trying the endpoints by
 * hand: {@code ./mvnw -B -q test-compile exec:java@run-local}. The sidecar watches broker 0; Ctrl-C stops both.
 * Environment variables are honoured as in production (PORT, CHECK_INTERVAL, LOG_LEVEL, ...).
 */
public final class LocalRun {

    private LocalRun() {}

    /** The in-process brokers log through the sidecar's logging: keep them to warnings (held: JUL forgets loggers). */
    private static final List<Logger> BROKER_LOGGERS = Stream.of("kafka", "state.change.logger", "org.apache.kafka")
            .map(Logger::getLogger)
            .toList();

    public static void main(String[] args) throws Exception {
        LogSetup.configure(LogLevel.INFO, LogFormat.TEXT, System.out);
        BROKER_LOGGERS.forEach(logger -> logger.setLevel(Level.WARNING));
        System.out.println("Starting a local Kafka cluster (3 brokers, 1 controller)...");
        KafkaTestKitExtension kafka = KafkaTestKitExtension.brokers(3);
        kafka.start();
        kafka.admin()
                .createTopics(List.of(new NewTopic("orders", 6, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
                .all()
                .get();

        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("BROKER_ID", "0");
        env.put("BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.putIfAbsent("PORT", "8080");
        env.putIfAbsent("CHECK_INTERVAL", "2s");
        Config config;
        try {
            config = ConfigLoader.load(env);
        } catch (ConfigException e) {
            System.err.println("Configuration rejected:\n" + e.getMessage());
            kafka.stop();
            return;
        }
        Sidecar sidecar = Sidecar.start(config, Clock.systemUTC());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the sidecar and the local cluster...");
            sidecar.close();
            try {
                kafka.stop();
            } catch (Exception e) {
                System.err.println("Stopping the local cluster failed: " + e);
            }
            stopped.countDown();
        }));
        String base = "http://localhost:" + sidecar.httpPort();
        System.out.println("""

                Kafka Orchestrator is watching broker 0 of a local cluster (bootstrap %s, topic "orders").
                Try:
                  curl -s %s/health/live
                  curl -s %s/health/ready
                  curl -s %s/health/restart-safe
                  curl -s %s/metrics
                  curl -s %s/about
                Ctrl-C stops the sidecar and the cluster.
                """.formatted(kafka.bootstrapServers(), base, base, base, base, base));
        stopped.await();
    }
}

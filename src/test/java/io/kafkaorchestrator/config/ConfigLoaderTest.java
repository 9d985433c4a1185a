package io.kafkaorchestrator.config;

import static io.kafkaorchestrator.config.TestEnv.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.config.Sasl.Mechanism;
import io.kafkaorchestrator.config.Security.Protocol;
import io.kafkaorchestrator.config.Setting.Origin;
import io.kafkaorchestrator.config.TestCertificates.TlsFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    @TempDir
    static Path dir;

    static TlsFiles tlsFiles;

    @BeforeAll
    static void writeCertificates() throws Exception {
        tlsFiles = TestCertificates.writeTo(dir);
    }

    @Test
    void outsideControlPlaneEverythingHasItsDefaultAndTheOwnBrokerIsTheBootstrap() throws ConfigException {
        Config config = ConfigLoader.load(TestEnv.of("BROKER_ID=0"));

        assertThat(config)
                .isEqualTo(new Config(
                        0,
                        1,
                        9092,
                        8080,
                        List.of("localhost:9092"),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(5),
                        Duration.ofMinutes(10),
                        LogLevel.INFO,
                        LogFormat.JSON,
                        Security.plaintext(),
                        Path.of("/sys/fs/cgroup"),
                        Topology.unknown(),
                        config.settings()));
        assertThat(config.describe())
                .isEqualTo("REPLICA_COUNT=1 (default), KAFKA_PORT=9092 (default),"
                        + " PORT=8080 (default), CHECK_TIMEOUT=10s (default), CHECK_INTERVAL=5s (default),"
                        + " STARTUP_GRACE=10m (default), LOG_LEVEL=info (default), LOG_FORMAT=json (default),"
                        + " BROKER_ID=0 (variable), WORKLOAD_NAME=(not set), LOCATION=(not set), GVC_NAME=(not set),"
                        + " GVC_ALIAS=(not set), BOOTSTRAP_DNS=replica-direct (default),"
                        + " BOOTSTRAP_SERVERS=localhost:9092 (default), SASL_ENABLED=false (default),"
                        + " SASL_MECHANISM=PLAIN (default), SASL_USERNAME=(not set), SASL_PASSWORD=(not set),"
                        + " TLS_ENABLED=false (default), TLS_CA_FILE=(not set), TLS_CERT_FILE=(not set),"
                        + " TLS_KEY_FILE=(not set), TLS_KEY_PASSWORD=(not set), TLS_VERIFY_HOSTNAME=true (default),"
                        + " CGROUP_ROOT=/sys/fs/cgroup (default)");
    }

    @Test
    void typicalControlPlaneWorkloadIsDiscoveredAndDescribedWithSecretsMasked() throws ConfigException {
        Config config = ConfigLoader.load(TestEnv.with(
                CONTROL_PLANE,
                "REPLICA_COUNT=3",
                "SASL_ENABLED=true",
                "SASL_MECHANISM=scram-sha-512",
                "SASL_USERNAME=admin",
                "SASL_PASSWORD=s3cret;\"x\"",
                "LOG_FORMAT=json"));

        assertThat(config.brokerId()).isEqualTo(2);
        assertThat(config.security())
                .isEqualTo(Security.of(
                        Optional.of(new Sasl(Mechanism.SCRAM_SHA_512, "admin", Secret.of("s3cret;\"x\""))),
                        Optional.empty()));
        assertThat(config.topology())
                .isEqualTo(new Topology(
                        Optional.of("kafka"),
                        Optional.of("aws-us-west-2"),
                        Optional.of("prod"),
                        Optional.of("k8s1a2b3c"),
                        Optional.of("kafka-2")));
        assertThat(config.settings())
                .containsExactly(
                        new Setting("REPLICA_COUNT", "3", Origin.VARIABLE),
                        new Setting("KAFKA_PORT", "9092", Origin.DEFAULT),
                        new Setting("PORT", "8080", Origin.DEFAULT),
                        new Setting("CHECK_TIMEOUT", "10s", Origin.DEFAULT),
                        new Setting("CHECK_INTERVAL", "5s", Origin.DEFAULT),
                        new Setting("STARTUP_GRACE", "10m", Origin.DEFAULT),
                        new Setting("LOG_LEVEL", "info", Origin.DEFAULT),
                        new Setting("LOG_FORMAT", "json", Origin.VARIABLE),
                        new Setting("BROKER_ID", "2", Origin.DISCOVERED),
                        new Setting("WORKLOAD_NAME", "kafka", Origin.DISCOVERED),
                        new Setting("LOCATION", "aws-us-west-2", Origin.DISCOVERED),
                        new Setting("GVC_NAME", "prod", Origin.DISCOVERED),
                        new Setting("GVC_ALIAS", "k8s1a2b3c", Origin.DISCOVERED),
                        new Setting("BOOTSTRAP_DNS", "replica-direct", Origin.DEFAULT),
                        new Setting(
                                "BOOTSTRAP_SERVERS",
                                "localhost:9092,replica-0.kafka.aws-us-west-2.prod.cpln.local:9092,"
                                        + "replica-1.kafka.aws-us-west-2.prod.cpln.local:9092,"
                                        + "replica-2.kafka.aws-us-west-2.prod.cpln.local:9092",
                                Origin.DISCOVERED),
                        new Setting("SASL_ENABLED", "true", Origin.VARIABLE),
                        new Setting("SASL_MECHANISM", "SCRAM-SHA-512", Origin.VARIABLE),
                        new Setting("SASL_USERNAME", "admin", Origin.VARIABLE),
                        new Setting("SASL_PASSWORD", "***", Origin.VARIABLE),
                        new Setting("TLS_ENABLED", "false", Origin.DEFAULT),
                        new Setting("TLS_CA_FILE", "(not set)", Origin.DEFAULT),
                        new Setting("TLS_CERT_FILE", "(not set)", Origin.DEFAULT),
                        new Setting("TLS_KEY_FILE", "(not set)", Origin.DEFAULT),
                        new Setting("TLS_KEY_PASSWORD", "(not set)", Origin.DEFAULT),
                        new Setting("TLS_VERIFY_HOSTNAME", "true", Origin.DEFAULT),
                        new Setting("CGROUP_ROOT", "/sys/fs/cgroup", Origin.DEFAULT));
        assertThat(config.describe())
                .isEqualTo("REPLICA_COUNT=3 (variable), KAFKA_PORT=9092 (default),"
                        + " PORT=8080 (default), CHECK_TIMEOUT=10s (default), CHECK_INTERVAL=5s (default),"
                        + " STARTUP_GRACE=10m (default), LOG_LEVEL=info (default), LOG_FORMAT=json (variable),"
                        + " BROKER_ID=2 (discovered), WORKLOAD_NAME=kafka (discovered),"
                        + " LOCATION=aws-us-west-2 (discovered),"
                        + " GVC_NAME=prod (discovered), GVC_ALIAS=k8s1a2b3c (discovered),"
                        + " BOOTSTRAP_DNS=replica-direct (default),"
                        + " BOOTSTRAP_SERVERS=localhost:9092,replica-0.kafka.aws-us-west-2.prod.cpln.local:9092,"
                        + "replica-1.kafka.aws-us-west-2.prod.cpln.local:9092,"
                        + "replica-2.kafka.aws-us-west-2.prod.cpln.local:9092 (discovered),"
                        + " SASL_ENABLED=true (variable), SASL_MECHANISM=SCRAM-SHA-512 (variable),"
                        + " SASL_USERNAME=admin (variable), SASL_PASSWORD=*** (variable), TLS_ENABLED=false (default),"
                        + " TLS_CA_FILE=(not set), TLS_CERT_FILE=(not set), TLS_KEY_FILE=(not set),"
                        + " TLS_KEY_PASSWORD=(not set), TLS_VERIFY_HOSTNAME=true (default),"
                        + " CGROUP_ROOT=/sys/fs/cgroup (default)");
    }

    static Stream<Arguments> validValues() {
        return Stream.of(
                valid("REPLICA_COUNT", "3", Config::replicaCount, 3),
                valid("REPLICA_COUNT", "1000", Config::replicaCount, 1000),
                valid("REPLICA_COUNT", " 3 ", Config::replicaCount, 3),
                valid("REPLICA_COUNT", "+2", Config::replicaCount, 2),
                valid("REPLICA_COUNT", "", Config::replicaCount, 1),
                valid("KAFKA_PORT", "19092", Config::kafkaPort, 19092),
                valid("KAFKA_PORT", "1", Config::kafkaPort, 1),
                valid("PORT", "65535", Config::httpPort, 65535),
                valid("PORT", "8081", Config::httpPort, 8081),
                valid("CHECK_TIMEOUT", "1m30s", Config::checkTimeout, Duration.ofSeconds(90)),
                valid("CHECK_TIMEOUT", "1ms", Config::checkTimeout, Duration.ofMillis(1)),
                valid("CHECK_TIMEOUT", "1h", Config::checkTimeout, Duration.ofHours(1)),
                valid("CHECK_INTERVAL", "500ms", Config::checkInterval, Duration.ofMillis(500)),
                valid("CHECK_INTERVAL", "1.5s", Config::checkInterval, Duration.ofMillis(1500)),
                valid("STARTUP_GRACE", "0", Config::startupGrace, Duration.ZERO),
                valid("STARTUP_GRACE", "0s", Config::startupGrace, Duration.ZERO),
                valid("STARTUP_GRACE", "24h", Config::startupGrace, Duration.ofHours(24)),
                valid("LOG_LEVEL", "debug", Config::logLevel, LogLevel.DEBUG),
                valid("LOG_LEVEL", "INFO", Config::logLevel, LogLevel.INFO),
                valid("LOG_LEVEL", "Warn", Config::logLevel, LogLevel.WARN),
                valid("LOG_LEVEL", "error", Config::logLevel, LogLevel.ERROR),
                valid("LOG_FORMAT", "json", Config::logFormat, LogFormat.JSON),
                valid("LOG_FORMAT", "TEXT", Config::logFormat, LogFormat.TEXT),
                valid("BROKER_ID", "7", Config::brokerId, 7),
                valid("BROKER_ID", "0", Config::brokerId, 0),
                valid("BROKER_ID", "2147483647", Config::brokerId, Integer.MAX_VALUE),
                valid("HOSTNAME", "my-kafka-12", Config::brokerId, 12),
                valid("CGROUP_ROOT", "/host/cgroup", Config::cgroupRoot, Path.of("/host/cgroup")),
                valid("SASL_ENABLED", "false", config -> config.security().protocol(), Protocol.PLAINTEXT),
                valid("SASL_ENABLED", "0", config -> config.security().protocol(), Protocol.PLAINTEXT),
                valid(
                        "SASL_MECHANISM",
                        "scram-sha-256",
                        config -> config.security().sasl(),
                        Optional.empty()),
                valid("SASL_USERNAME", "ignored-while-sasl-is-off", config -> config.security(), Security.plaintext()),
                valid("TLS_ENABLED", "FALSE", config -> config.security(), Security.plaintext()),
                valid("TLS_CA_FILE", "/ignored/while/tls/is/off", config -> config.security(), Security.plaintext()),
                valid("TLS_VERIFY_HOSTNAME", "0", config -> config.security(), Security.plaintext()));
    }

    private static Arguments valid(String name, String value, Function<Config, Object> property, Object expected) {
        return Arguments.of(name, value, property, expected);
    }

    @ParameterizedTest(name = "{0}=\"{1}\"")
    @MethodSource("validValues")
    void everyVariableTakesAValidValue(String name, String value, Function<Config, Object> property, Object expected)
            throws ConfigException {
        assertThat(property.apply(ConfigLoader.load(TestEnv.with(CONTROL_PLANE, name + "=" + value))))
                .isEqualTo(expected);
    }

    static Stream<Arguments> saslSettings() {
        return Stream.of(
                Arguments.of("true", "PLAIN", Mechanism.PLAIN),
                Arguments.of("TRUE", "plain", Mechanism.PLAIN),
                Arguments.of("1", "scram-sha-256", Mechanism.SCRAM_SHA_256),
                Arguments.of("True", "Scram-Sha-512", Mechanism.SCRAM_SHA_512));
    }

    @ParameterizedTest(name = "SASL_ENABLED={0} SASL_MECHANISM={1}")
    @MethodSource("saslSettings")
    void saslTakesAnyCaseAndKeepsUserAndPasswordExactly(String enabled, String mechanism, Mechanism expected)
            throws ConfigException {
        Config config = ConfigLoader.load(TestEnv.with(
                CONTROL_PLANE,
                "SASL_ENABLED=" + enabled,
                "SASL_MECHANISM=" + mechanism,
                "SASL_USERNAME= user ",
                "SASL_PASSWORD= p\\\"ä;= \n"));

        assertThat(config.security())
                .isEqualTo(new Security(
                        Protocol.SASL_PLAINTEXT,
                        Optional.of(new Sasl(expected, " user ", Secret.of(" p\\\"ä;= \n"))),
                        Optional.empty()));
    }

    @Test
    void tlsWithACaFileOnly() throws ConfigException {
        Config config =
                ConfigLoader.load(TestEnv.with(CONTROL_PLANE, "TLS_ENABLED=true", "TLS_CA_FILE=" + tlsFiles.ca()));

        assertThat(config.security())
                .isEqualTo(new Security(
                        Protocol.SSL,
                        Optional.empty(),
                        Optional.of(
                                new Tls(tlsFiles.ca(), Optional.empty(), Optional.empty(), Optional.empty(), true))));
    }

    @Test
    void tlsWithAClientCertificateAndEncryptedKeyAndSasl() throws ConfigException {
        Config config = ConfigLoader.load(TestEnv.with(
                CONTROL_PLANE,
                "TLS_ENABLED=1",
                "TLS_CA_FILE=" + tlsFiles.ca(),
                "TLS_CERT_FILE=" + tlsFiles.clientCertificate(),
                "TLS_KEY_FILE=" + tlsFiles.encryptedClientKey(),
                "TLS_KEY_PASSWORD=" + TestCertificates.KEY_PASSWORD,
                "TLS_VERIFY_HOSTNAME=false",
                "SASL_ENABLED=true",
                "SASL_USERNAME=admin",
                "SASL_PASSWORD=secret"));

        assertThat(config.security())
                .isEqualTo(new Security(
                        Protocol.SASL_SSL,
                        Optional.of(new Sasl(Mechanism.PLAIN, "admin", Secret.of("secret"))),
                        Optional.of(new Tls(
                                tlsFiles.ca(),
                                Optional.of(tlsFiles.clientCertificate()),
                                Optional.of(tlsFiles.encryptedClientKey()),
                                Optional.of(Secret.of(TestCertificates.KEY_PASSWORD)),
                                false))));
        assertThat(config.describe())
                .contains("TLS_KEY_PASSWORD=*** (variable)")
                .doesNotContain(TestCertificates.KEY_PASSWORD);
    }

    static Stream<Arguments> discoveryRules() {
        String replicaDirect = ".kafka.aws-us-west-2.prod.cpln.local:9092";
        return Stream.of(
                discovery(
                        "links as injected",
                        TestEnv.with(CONTROL_PLANE, "REPLICA_COUNT=3"),
                        2,
                        "localhost:9092",
                        "replica-0" + replicaDirect,
                        "replica-1" + replicaDirect,
                        "replica-2" + replicaDirect),
                discovery(
                        "bare names",
                        TestEnv.of(
                                "HOSTNAME=kafka-0",
                                "CPLN_WORKLOAD=kafka",
                                "CPLN_LOCATION=aws-us-west-2",
                                "CPLN_GVC=prod",
                                "REPLICA_COUNT=2"),
                        0,
                        "localhost:9092",
                        "replica-0" + replicaDirect,
                        "replica-1" + replicaDirect),
                discovery("one replica", CONTROL_PLANE, 2, "localhost:9092", "replica-0" + replicaDirect),
                discovery(
                        "the Kafka port in every address",
                        TestEnv.with(CONTROL_PLANE, "KAFKA_PORT=19092"),
                        2,
                        "localhost:19092",
                        "replica-0.kafka.aws-us-west-2.prod.cpln.local:19092"),
                discovery(
                        "overrides win over discovery",
                        TestEnv.with(
                                CONTROL_PLANE,
                                "BROKER_ID=5",
                                "WORKLOAD_NAME=events",
                                "LOCATION=gcp-us-east1",
                                "GVC_NAME=staging",
                                "REPLICA_COUNT=2"),
                        5,
                        "localhost:9092",
                        "replica-0.events.gcp-us-east1.staging.cpln.local:9092",
                        "replica-1.events.gcp-us-east1.staging.cpln.local:9092"),
                discovery(
                        "overrides outside Control Plane",
                        TestEnv.of(
                                "BROKER_ID=1",
                                "WORKLOAD_NAME=kafka",
                                "LOCATION=aws-us-west-2",
                                "GVC_NAME=prod",
                                "REPLICA_COUNT=2"),
                        1,
                        "localhost:9092",
                        "replica-0" + replicaDirect,
                        "replica-1" + replicaDirect),
                discovery(
                        "headless with the injected alias",
                        TestEnv.with(CONTROL_PLANE, "BOOTSTRAP_DNS=headless", "REPLICA_COUNT=2"),
                        2,
                        "localhost:9092",
                        "kafka-0.kafka.k8s1a2b3c.svc.cluster.local:9092",
                        "kafka-1.kafka.k8s1a2b3c.svc.cluster.local:9092"),
                discovery(
                        "headless with GVC_ALIAS overriding",
                        TestEnv.with(
                                CONTROL_PLANE, "BOOTSTRAP_DNS=Headless", "GVC_ALIAS=other", "WORKLOAD_NAME=events"),
                        2,
                        "localhost:9092",
                        "events-0.events.other.svc.cluster.local:9092"),
                discovery(
                        "headless needs no location or GVC name",
                        TestEnv.of(
                                "HOSTNAME=kafka-1",
                                "CPLN_WORKLOAD=kafka",
                                "GVC_ALIAS=k8s1a2b3c",
                                "BOOTSTRAP_DNS=headless"),
                        1,
                        "localhost:9092",
                        "kafka-0.kafka.k8s1a2b3c.svc.cluster.local:9092"),
                discovery(
                        "BOOTSTRAP_SERVERS overrides all",
                        TestEnv.with(
                                CONTROL_PLANE,
                                "REPLICA_COUNT=3",
                                "BOOTSTRAP_DNS=headless",
                                "BOOTSTRAP_SERVERS= b-1.example:9093 , 10.0.0.7:9092,[fd00::7]:9094,"),
                        2,
                        "b-1.example:9093",
                        "10.0.0.7:9092",
                        "[fd00::7]:9094"),
                discovery(
                        "BOOTSTRAP_SERVERS makes headless need no alias",
                        TestEnv.of(
                                "BROKER_ID=0",
                                "BOOTSTRAP_DNS=headless",
                                "REPLICA_COUNT=3",
                                "BOOTSTRAP_SERVERS=kafka:9092"),
                        0,
                        "kafka:9092"),
                discovery(
                        "one replica without names bootstraps from localhost",
                        TestEnv.of("HOSTNAME=kafka-0", "CPLN_WORKLOAD=kafka"),
                        0,
                        "localhost:9092"),
                discovery(
                        "one replica, headless without an alias: localhost too",
                        TestEnv.with(CONTROL_PLANE, "CPLN_GVC_ALIAS=", "BOOTSTRAP_DNS=headless"),
                        2,
                        "localhost:9092"),
                discovery(
                        "a fully qualified host name",
                        TestEnv.of("HOSTNAME=kafka-3.kafka.default.svc"),
                        3,
                        "localhost:9092"));
    }

    private static Arguments discovery(String rule, Map<String, String> env, int brokerId, String... servers) {
        return Arguments.of(rule, env, brokerId, List.of(servers));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("discoveryRules")
    void discoversBrokerIdAndBootstrapServers(String rule, Map<String, String> env, int brokerId, List<String> servers)
            throws ConfigException {
        Config config = ConfigLoader.load(env);

        assertThat(config.brokerId()).isEqualTo(brokerId);
        assertThat(config.bootstrapServers()).isEqualTo(servers);
    }

    @Test
    void topologyHoldsTheEffectiveNamesWithOverridesApplied() throws ConfigException {
        Config config = ConfigLoader.load(TestEnv.with(CONTROL_PLANE, "WORKLOAD_NAME=events", "GVC_ALIAS=other"));

        assertThat(config.topology())
                .isEqualTo(new Topology(
                        Optional.of("events"),
                        Optional.of("aws-us-west-2"),
                        Optional.of("prod"),
                        Optional.of("other"),
                        Optional.of("kafka-2")));
    }

    static Stream<String> variables() {
        return ConfigLoader.VARIABLES.stream();
    }

    /** Control Plane sometimes sets a variable to the empty string: that must mean "not set", never "invalid". */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variables")
    void anEmptyValueCountsAsUnset(String name) {
        Map<String, String> unset = new HashMap<>(
                TestEnv.with(CONTROL_PLANE, "SASL_ENABLED=true", "SASL_USERNAME=u", "SASL_PASSWORD=p", "BROKER_ID=4"));
        unset.remove(name);
        Map<String, String> empty = TestEnv.with(unset, name + "=");

        assertThat(outcome(empty)).isEqualTo(outcome(unset));
    }

    private static Object outcome(Map<String, String> env) {
        try {
            return ConfigLoader.load(env);
        } catch (ConfigException e) {
            return e.problems();
        }
    }
}

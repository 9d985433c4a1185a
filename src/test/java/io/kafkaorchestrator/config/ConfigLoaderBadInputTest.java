package io.kafkaorchestrator.config;

import static io.kafkaorchestrator.config.TestEnv.CONTROL_PLANE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.kafkaorchestrator.config.TestCertificates.TlsFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: every problem is reported, one line each, naming the variable, its value and what is accepted. */
class ConfigLoaderBadInputTest {
    private static final String WHOLE_1_TO_1000 = "accepted: a whole number from 1 to 1000";
    private static final String PORT = "accepted: a port number from 1 to 65535";
    private static final String HTTP_PORT = "accepted: a port number from 1 to 65535 other than KAFKA_PORT and the"
            + " ports Control Plane reserves (8012, 8022, 9090, 9091, 15000, 15001, 15006, 15020, 15021, 15090, 41000)";
    private static final String CHECK_DURATION = "accepted: a duration from 1ms to 1h, such as 500ms, 10s or 1m30s";
    private static final String GRACE = "accepted: a duration from 0s to 24h, such as 0s, 90s or 10m";
    private static final String BOOLEAN = "accepted: true, false, 1 or 0, in any case";
    private static final String DNS_LABEL = "accepted: a DNS label: 1 to 63 letters, digits or hyphens, starting and"
            + " ending with a letter or digit";
    private static final String SERVERS = "accepted: a comma-separated list of host:port, such as"
            + " kafka-0.example.com:9092,10.0.0.7:9092,[fd00::7]:9092";
    private static final String UNRESOLVED = "a cpln:// reference that the platform did not resolve: the workload's"
            + " identity needs the reveal permission on that secret; accepted: the value itself, or a reference to a"
            + " secret the workload's identity can reveal";
    private static final String CA_FILE =
            "accepted: a readable PEM file of the CA certificates that signed the brokers' certificates";
    private static final String CERT_FILE = "accepted: a readable PEM file of the client's certificate chain";
    private static final String KEY_FILE = "accepted: a readable PEM file of the client's PKCS#8 private key";
    private static final String MISSING_NAMES =
            "accepted: 1 outside Control Plane, or the missing variables set, or BOOTSTRAP_SERVERS set";
    private static final String KEY_PASSWORD_USE =
            "accepted: unset, or set together with TLS_KEY_FILE holding an encrypted key";

    @TempDir
    static Path dir;

    static TlsFiles tls;

    @BeforeAll
    static void writeCertificates() throws Exception {
        tls = TestCertificates.writeTo(dir);
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                bad(env("REPLICA_COUNT=abc"), "REPLICA_COUNT=abc: not a whole number; " + WHOLE_1_TO_1000),
                bad(env("REPLICA_COUNT=0"), "REPLICA_COUNT=0: out of range; " + WHOLE_1_TO_1000),
                bad(env("REPLICA_COUNT=1001"), "REPLICA_COUNT=1001: out of range; " + WHOLE_1_TO_1000),
                bad(env("REPLICA_COUNT=2.5"), "REPLICA_COUNT=2.5: not a whole number; " + WHOLE_1_TO_1000),
                bad(
                        env("REPLICA_COUNT=99999999999999999999"),
                        "REPLICA_COUNT=99999999999999999999: out of range; " + WHOLE_1_TO_1000),
                bad(env("KAFKA_PORT=0"), "KAFKA_PORT=0: out of range; " + PORT),
                bad(env("KAFKA_PORT=http"), "KAFKA_PORT=http: not a whole number; " + PORT),
                bad(env("PORT=70000"), "PORT=70000: out of range; " + HTTP_PORT),
                bad(
                        env("PORT=9090"),
                        "PORT=9090: reserved by Control Plane, which does not let a container listen on it; "
                                + HTTP_PORT),
                bad(
                        env("PORT=15021"),
                        "PORT=15021: reserved by Control Plane, which does not let a container listen on it; "
                                + HTTP_PORT),
                bad(
                        env("PORT=9092"),
                        "PORT=9092: the same port as KAFKA_PORT, and the sidecar shares the broker's network; "
                                + HTTP_PORT),
                bad(
                        env("KAFKA_PORT=8080"),
                        "PORT=8080: the same port as KAFKA_PORT, and the sidecar shares the broker's network; "
                                + HTTP_PORT),
                bad(
                        env("CHECK_TIMEOUT=10"),
                        "CHECK_TIMEOUT=10: a number without a unit (add a unit, e.g. 10s); " + CHECK_DURATION),
                bad(env("CHECK_TIMEOUT=0s"), "CHECK_TIMEOUT=0s: too short; " + CHECK_DURATION),
                bad(env("CHECK_TIMEOUT=-5s"), "CHECK_TIMEOUT=-5s: negative; " + CHECK_DURATION),
                bad(env("CHECK_TIMEOUT=10sec"), "CHECK_TIMEOUT=10sec: unknown unit \"sec\"; " + CHECK_DURATION),
                bad(env("CHECK_INTERVAL=2h"), "CHECK_INTERVAL=2h: too long; " + CHECK_DURATION),
                bad(env("CHECK_INTERVAL=500us"), "CHECK_INTERVAL=500us: too short; " + CHECK_DURATION),
                bad(
                        env("CHECK_INTERVAL=5"),
                        "CHECK_INTERVAL=5: a number without a unit (add a unit, e.g. 5s); " + CHECK_DURATION),
                bad(env("STARTUP_GRACE=25h"), "STARTUP_GRACE=25h: too long; " + GRACE),
                bad(env("STARTUP_GRACE=forever"), "STARTUP_GRACE=forever: not a duration; " + GRACE),
                bad(
                        env("LOG_LEVEL=trace"),
                        "LOG_LEVEL=trace: unknown level; accepted: debug, info, warn or error, in any case"),
                bad(
                        env("LOG_LEVEL=de\nbug"),
                        "LOG_LEVEL=de\\nbug: unknown level; accepted: debug, info, warn or error, in any case"),
                bad(env("LOG_FORMAT=xml"), "LOG_FORMAT=xml: unknown format; accepted: text or json, in any case"),
                bad(env("SASL_ENABLED=yes"), "SASL_ENABLED=yes: not a boolean; " + BOOLEAN),
                bad(
                        env("SASL_MECHANISM=GSSAPI"),
                        "SASL_MECHANISM=GSSAPI: unsupported mechanism; accepted: PLAIN,"
                                + " SCRAM-SHA-256 or SCRAM-SHA-512, in any case"),
                bad(
                        env("SASL_MECHANISM=SCRAM_SHA_256"),
                        "SASL_MECHANISM=SCRAM_SHA_256: unsupported mechanism;"
                                + " accepted: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, in any case"),
                bad(
                        env("SASL_ENABLED=true"),
                        "SASL_USERNAME=(not set): required when SASL_ENABLED is true; accepted: the user name the"
                                + " brokers know this client by",
                        "SASL_PASSWORD=(not set): required when SASL_ENABLED is true; accepted: the password of"
                                + " SASL_USERNAME, or a cpln://secret/... reference the platform resolves"),
                bad(
                        env("SASL_ENABLED=1", "SASL_USERNAME=admin", "SASL_PASSWORD="),
                        "SASL_PASSWORD=(not set): required when SASL_ENABLED is true; accepted: the password of"
                                + " SASL_USERNAME, or a cpln://secret/... reference the platform resolves"),
                bad(
                        env(
                                "SASL_ENABLED=true",
                                "SASL_USERNAME=admin",
                                "SASL_PASSWORD=cpln://secret/kafka-secrets.admin-password"),
                        "SASL_PASSWORD=***: " + UNRESOLVED),
                bad(
                        env("SASL_ENABLED=true", "SASL_USERNAME=cpln://secret/kafka-secrets.user", "SASL_PASSWORD=p"),
                        "SASL_USERNAME=cpln://secret/kafka-secrets.user: " + UNRESOLVED),
                bad(env("BROKER_ID=-1"), "BROKER_ID=-1: out of range; accepted: a whole number from 0 to 2147483647"),
                bad(
                        env("BROKER_ID=one"),
                        "BROKER_ID=one: not a whole number; accepted: a whole number from 0 to 2147483647"),
                bad(
                        env("HOSTNAME=kafka"),
                        "HOSTNAME=kafka: no broker id in it (digits after the last \"-\", at most 2147483647);"
                                + " accepted: a host name ending in -{ordinal}, such as kafka-0, or BROKER_ID set"),
                bad(
                        env("HOSTNAME=kafka-99999999999"),
                        "HOSTNAME=kafka-99999999999: no broker id in it (digits after the last \"-\","
                                + " at most 2147483647); accepted: a host name ending in -{ordinal}, such as kafka-0,"
                                + " or BROKER_ID set"),
                bad(
                        env("HOSTNAME="),
                        "BROKER_ID=(not set): no broker id, and no HOSTNAME to discover it from;"
                                + " accepted: a whole number from 0 to 2147483647, or HOSTNAME ending in -{ordinal},"
                                + " such as kafka-0"),
                bad(env("WORKLOAD_NAME=my_kafka"), "WORKLOAD_NAME=my_kafka: not a DNS label; " + DNS_LABEL),
                bad(
                        env("LOCATION=" + "a".repeat(64)),
                        "LOCATION=" + "a".repeat(64) + ": not a DNS label; " + DNS_LABEL),
                bad(env("GVC_ALIAS=-abc"), "GVC_ALIAS=-abc: not a DNS label; " + DNS_LABEL),
                bad(
                        env("CPLN_WORKLOAD=/org/acme/gvc/prod"),
                        "CPLN_WORKLOAD=/org/acme/gvc/prod: no workload name in it;"
                                + " accepted: a link /org/{org}/gvc/{gvc}/workload/{name} or a bare name,"
                                + " or WORKLOAD_NAME set"),
                bad(
                        env("CPLN_LOCATION=/"),
                        "CPLN_LOCATION=/: no name after the last \"/\"; accepted: a link"
                                + " /org/{org}/location/{name} or a bare name, or LOCATION set"),
                bad(
                        env("CPLN_GVC=/org/acme/gvc/prod gvc"),
                        "CPLN_GVC=/org/acme/gvc/prod gvc: \"prod gvc\" is not a DNS label; " + DNS_LABEL
                                + ", or GVC_NAME set"),
                bad(
                        env("BOOTSTRAP_SERVERS=host-without-port"),
                        "BOOTSTRAP_SERVERS=host-without-port: entry \"host-without-port\" has no port; " + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=a:9092, b:99999 ,:9092"),
                        "BOOTSTRAP_SERVERS=a:9092, b:99999 ,:9092: entry \"b:99999\" has an invalid port \"99999\""
                                + " (1 to 65535); " + SERVERS,
                        "BOOTSTRAP_SERVERS=a:9092, b:99999 ,:9092: entry \":9092\" has no host; " + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=PLAINTEXT://a:9092"),
                        "BOOTSTRAP_SERVERS=PLAINTEXT://a:9092: entry"
                                + " \"PLAINTEXT://a:9092\" starts with a scheme; write host:port only; " + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=::1:9092"),
                        "BOOTSTRAP_SERVERS=::1:9092: entry \"::1:9092\" has an IPv6"
                                + " address without brackets; write it as [address]:port; " + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=[::1:9092"),
                        "BOOTSTRAP_SERVERS=[::1:9092: entry \"[::1:9092\" has no"
                                + " closing \"]\" after the IPv6 address; " + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=[zz]:9092"),
                        "BOOTSTRAP_SERVERS=[zz]:9092: entry \"[zz]:9092\" has an invalid IPv6 address \"zz\"; "
                                + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=a b:9092"),
                        "BOOTSTRAP_SERVERS=a b:9092: entry \"a b:9092\" has an invalid host \"a b\"; " + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=kafka:"),
                        "BOOTSTRAP_SERVERS=kafka:: entry \"kafka:\" has no port; " + SERVERS),
                bad(
                        env("BOOTSTRAP_SERVERS=kafka:port"),
                        "BOOTSTRAP_SERVERS=kafka:port: entry \"kafka:port\" has an"
                                + " invalid port \"port\" (1 to 65535); " + SERVERS),
                bad(env("BOOTSTRAP_SERVERS=,"), "BOOTSTRAP_SERVERS=,: no host:port entries; " + SERVERS),
                bad(
                        env("BOOTSTRAP_DNS=dns"),
                        "BOOTSTRAP_DNS=dns: unknown form; accepted: replica-direct or headless, in any case"),
                bad(
                        TestEnv.with(CONTROL_PLANE, "CPLN_GVC_ALIAS=", "BOOTSTRAP_DNS=headless", "REPLICA_COUNT=3"),
                        "BOOTSTRAP_DNS=headless:"
                                + " needs the GVC alias, and neither GVC_ALIAS nor CPLN_GVC_ALIAS is set; accepted:"
                                + " replica-direct, or headless with GVC_ALIAS or CPLN_GVC_ALIAS set"),
                bad(
                        env("REPLICA_COUNT=3"),
                        "REPLICA_COUNT=3: the other replicas' addresses need WORKLOAD_NAME (or CPLN_WORKLOAD),"
                                + " LOCATION (or CPLN_LOCATION) and GVC_NAME (or CPLN_GVC), which are not set; "
                                + MISSING_NAMES),
                bad(
                        env("REPLICA_COUNT=3", "CPLN_WORKLOAD=kafka"),
                        "REPLICA_COUNT=3: the other replicas' addresses"
                                + " need LOCATION (or CPLN_LOCATION) and GVC_NAME (or CPLN_GVC), which are not set; "
                                + MISSING_NAMES),
                bad(
                        env("REPLICA_COUNT=2", "BOOTSTRAP_DNS=headless", "GVC_ALIAS=k8s1a2b3c"),
                        "REPLICA_COUNT=2: the"
                                + " other replicas' addresses need WORKLOAD_NAME (or CPLN_WORKLOAD), which is not set; "
                                + MISSING_NAMES),
                bad(env("TLS_ENABLED=maybe"), "TLS_ENABLED=maybe: not a boolean; " + BOOLEAN),
                bad(env("TLS_VERIFY_HOSTNAME=nah"), "TLS_VERIFY_HOSTNAME=nah: not a boolean; " + BOOLEAN),
                bad(env("TLS_ENABLED=true"), "TLS_CA_FILE=(not set): required when TLS_ENABLED is true; " + CA_FILE),
                bad(
                        env("TLS_ENABLED=true", "TLS_CA_FILE={dir}/missing.pem"),
                        "TLS_CA_FILE={dir}/missing.pem: no such file; " + CA_FILE),
                bad(env("TLS_ENABLED=true", "TLS_CA_FILE={dir}"), "TLS_CA_FILE={dir}: not a regular file; " + CA_FILE),
                bad(
                        env("TLS_ENABLED=true", "TLS_CA_FILE={dir}/client-key.pem"),
                        "TLS_CA_FILE={dir}/client-key.pem:"
                                + " no PEM certificate (-----BEGIN CERTIFICATE-----) in the file; " + CA_FILE),
                bad(
                        env("TLS_ENABLED=true", "TLS_CA_FILE={dir}/ca.pem", "TLS_CERT_FILE={dir}/client.pem"),
                        "TLS_KEY_FILE=(not set): required when TLS_CERT_FILE is set; " + KEY_FILE),
                bad(
                        env("TLS_ENABLED=true", "TLS_CA_FILE={dir}/ca.pem", "TLS_KEY_FILE={dir}/client-key.pem"),
                        "TLS_CERT_FILE=(not set): required when TLS_KEY_FILE is set; " + CERT_FILE),
                bad(
                        env(
                                "TLS_ENABLED=true",
                                "TLS_CA_FILE={dir}/ca.pem",
                                "TLS_CERT_FILE={dir}/client-key.pem",
                                "TLS_KEY_FILE={dir}/client-key.pem"),
                        "TLS_CERT_FILE={dir}/client-key.pem: no PEM certificate"
                                + " (-----BEGIN CERTIFICATE-----) in the file; " + CERT_FILE),
                bad(
                        env(
                                "TLS_ENABLED=true",
                                "TLS_CA_FILE={dir}/ca.pem",
                                "TLS_CERT_FILE={dir}/client.pem",
                                "TLS_KEY_FILE={dir}/rsa-key.pem"),
                        "TLS_KEY_FILE={dir}/rsa-key.pem: a PKCS#1 or SEC1 key"
                                + " (-----BEGIN RSA PRIVATE KEY-----), which Kafka cannot read; " + KEY_FILE
                                + "; convert it"
                                + " with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem"),
                bad(
                        env(
                                "TLS_ENABLED=true",
                                "TLS_CA_FILE={dir}/ca.pem",
                                "TLS_CERT_FILE={dir}/client.pem",
                                "TLS_KEY_FILE={dir}/ca.pem"),
                        "TLS_KEY_FILE={dir}/ca.pem: no PEM private key (-----BEGIN PRIVATE KEY-----) in the file; "
                                + KEY_FILE),
                bad(
                        env(
                                "TLS_ENABLED=true",
                                "TLS_CA_FILE={dir}/ca.pem",
                                "TLS_CERT_FILE={dir}/client.pem",
                                "TLS_KEY_FILE={dir}/client-key-encrypted.pem"),
                        "TLS_KEY_PASSWORD=(not set): required because TLS_KEY_FILE holds an encrypted key;"
                                + " accepted: the password of the key in TLS_KEY_FILE"),
                bad(
                        env(
                                "TLS_ENABLED=true",
                                "TLS_CA_FILE={dir}/ca.pem",
                                "TLS_CERT_FILE={dir}/client.pem",
                                "TLS_KEY_FILE={dir}/client-key.pem",
                                "TLS_KEY_PASSWORD=secret"),
                        "TLS_KEY_PASSWORD=***: TLS_KEY_FILE holds an unencrypted key, which takes no password; "
                                + KEY_PASSWORD_USE),
                bad(
                        env("TLS_ENABLED=true", "TLS_CA_FILE={dir}/ca.pem", "TLS_KEY_PASSWORD=secret"),
                        "TLS_KEY_PASSWORD=***: set without TLS_KEY_FILE; " + KEY_PASSWORD_USE),
                bad(env("TLS_KEY_PASSWORD=cpln://secret/tls.key-password"), "TLS_KEY_PASSWORD=***: " + UNRESOLVED));
    }

    /** A valid base (a Kafka replica outside Control Plane) with the given variables added or replaced. */
    private static Map<String, String> env(String... assignments) {
        return TestEnv.with(TestEnv.of("HOSTNAME=kafka-0"), assignments);
    }

    private static Arguments bad(Map<String, String> env, String... problems) {
        return Arguments.of(env, List.of(problems));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsReportedWithItsExactMessage(Map<String, String> env, List<String> problems) {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> ConfigLoader.load(withDir(env)))
                .satisfies(e -> assertThat(e.problems())
                        .isEqualTo(problems.stream().map(this::withDir).toList()));
    }

    @Test
    void everyProblemIsListedAtOnceInTheOrderOfTheVariables() {
        Map<String, String> env = TestEnv.of(
                "REPLICA_COUNT=abc",
                "PORT=9090",
                "CHECK_TIMEOUT=10",
                "LOG_LEVEL=trace",
                "HOSTNAME=kafka",
                "SASL_ENABLED=true",
                "SASL_MECHANISM=GSSAPI",
                "BOOTSTRAP_SERVERS=host-without-port",
                "TLS_ENABLED=true");
        List<String> expected = List.of(
                "REPLICA_COUNT=abc: not a whole number; " + WHOLE_1_TO_1000,
                "PORT=9090: reserved by Control Plane, which does not let a container listen on it; " + HTTP_PORT,
                "CHECK_TIMEOUT=10: a number without a unit (add a unit, e.g. 10s); " + CHECK_DURATION,
                "LOG_LEVEL=trace: unknown level; accepted: debug, info, warn or error, in any case",
                "HOSTNAME=kafka: no broker id in it (digits after the last \"-\", at most 2147483647); accepted: a"
                        + " host name ending in -{ordinal}, such as kafka-0, or BROKER_ID set",
                "BOOTSTRAP_SERVERS=host-without-port: entry \"host-without-port\" has no port; " + SERVERS,
                "SASL_MECHANISM=GSSAPI: unsupported mechanism; accepted: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512,"
                        + " in any case",
                "SASL_USERNAME=(not set): required when SASL_ENABLED is true; accepted: the user name the brokers"
                        + " know this client by",
                "SASL_PASSWORD=(not set): required when SASL_ENABLED is true; accepted: the password of"
                        + " SASL_USERNAME, or a cpln://secret/... reference the platform resolves",
                "TLS_CA_FILE=(not set): required when TLS_ENABLED is true; " + CA_FILE);

        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> ConfigLoader.load(env))
                .satisfies(e -> assertThat(e.problems()).isEqualTo(expected))
                .withMessage(String.join("\n", expected));
    }

    static Stream<Map<String, String>> environmentsWithSecrets() {
        String secret = "hunter2\"\\;";
        return Stream.of(
                TestEnv.with(CONTROL_PLANE, "SASL_ENABLED=maybe", "SASL_PASSWORD=" + secret),
                TestEnv.with(CONTROL_PLANE, "SASL_ENABLED=true", "SASL_PASSWORD=" + secret),
                TestEnv.with(
                        CONTROL_PLANE, "PORT=0", "SASL_ENABLED=true", "SASL_USERNAME=u", "SASL_PASSWORD=" + secret),
                TestEnv.with(CONTROL_PLANE, "TLS_ENABLED=true", "TLS_KEY_PASSWORD=" + secret),
                TestEnv.with(
                        CONTROL_PLANE,
                        "TLS_ENABLED=true",
                        "TLS_CA_FILE={dir}/ca.pem",
                        "TLS_CERT_FILE={dir}/client.pem",
                        "TLS_KEY_FILE={dir}/client-key.pem",
                        "TLS_KEY_PASSWORD=" + secret),
                TestEnv.with(
                        CONTROL_PLANE, "SASL_PASSWORD=cpln://secret/" + secret, "TLS_KEY_PASSWORD=cpln://" + secret));
    }

    @ParameterizedTest
    @MethodSource("environmentsWithSecrets")
    void noProblemEverShowsASecret(Map<String, String> env) {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> ConfigLoader.load(withDir(env)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void theEffectiveConfigurationNeverShowsASecret() throws ConfigException {
        Config config = ConfigLoader.load(withDir(TestEnv.with(
                CONTROL_PLANE,
                "SASL_ENABLED=true",
                "SASL_USERNAME=u",
                "SASL_PASSWORD=hunter2",
                "TLS_ENABLED=true",
                "TLS_CA_FILE={dir}/ca.pem",
                "TLS_CERT_FILE={dir}/client.pem",
                "TLS_KEY_FILE={dir}/client-key-encrypted.pem",
                "TLS_KEY_PASSWORD=hunter2")));

        assertThat(config.describe()).doesNotContain("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2");
        assertThat(config.settings().toString()).doesNotContain("hunter2");
    }

    private Map<String, String> withDir(Map<String, String> env) {
        return env.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> withDir(entry.getValue())));
    }

    private String withDir(String text) {
        return text.replace("{dir}", dir.toString());
    }

    @Test
    void aConfigExceptionNeedsAProblem() {
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> new ConfigException(List.of()));
    }
}

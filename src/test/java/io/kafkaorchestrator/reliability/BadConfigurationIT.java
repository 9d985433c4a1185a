package io.kafkaorchestrator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.Sidecar;
import io.kafkaorchestrator.config.TestCertificates;
import io.kafkaorchestrator.config.TestCertificates.TlsFiles;
import io.kafkaorchestrator.testing.SidecarProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad configuration through the real entry point, {@link Sidecar#run} (main without System.exit): exit status 2, every
 * problem on stderr with the closing line, nothing on stdout, no stack trace, no secret anywhere, and nothing served
 * on PORT. A few cases run as a real {@code java -jar} process to pin the process's exit status. The problem texts
 * themselves are ConfigLoaderBadInputTest's subject; this table is about what the operator sees.
 */
class BadConfigurationIT {

    /** Recognisable secrets with the characters that break naive quoting. */
    static final String SASL_SECRET = "S3cr3t-\"quote\\back;semi colon";

    static final String KEY_SECRET = "K3y-p4ss \"ünïcode\"\\;";

    static final String ACCEPT_WHOLE_1_TO_1000 = "accepted: a whole number from 1 to 1000";
    static final String ACCEPT_PORT = "accepted: a port number from 1 to 65535";
    static final String ACCEPT_HTTP_PORT = "accepted: a port number from 1 to 65535 other than KAFKA_PORT and the"
            + " ports Control Plane reserves (8012, 8022, 9090, 9091, 15000, 15001, 15006, 15020, 15021, 15090, 41000)";
    static final String ACCEPT_CHECK_DURATION = "accepted: a duration from 1ms to 1h, such as 500ms, 10s or 1m30s";
    static final String ACCEPT_BOOLEAN = "accepted: true, false, 1 or 0, in any case";
    static final String ACCEPT_MECHANISM = "accepted: PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, in any case";
    static final String ACCEPT_SERVERS = "accepted: a comma-separated list of host:port, such as"
            + " kafka-0.example.com:9092,10.0.0.7:9092,[fd00::7]:9092";
    static final String ACCEPT_DNS_LABEL = "accepted: a DNS label: 1 to 63 letters, digits or hyphens, starting and"
            + " ending with a letter or digit";
    static final String ACCEPT_CA_FILE =
            "accepted: a readable PEM file of the CA certificates that signed the brokers' certificates";
    static final String UNRESOLVED = "a cpln:// reference that the platform did not resolve: the workload's"
            + " identity needs the reveal permission on that secret; accepted: the value itself, or a reference to a"
            + " secret the workload's identity can reveal";
    /** SASL whose password is a {@code cpln://} reference the platform did not resolve. */
    static final List<String> UNREVEALED_SASL_PASSWORD = List.of(
            "SASL_ENABLED=true", "SASL_USERNAME=admin", "SASL_PASSWORD=cpln://secret/kafka-credentials.password");

    static final String NO_BROKER_ID_IN_HOSTNAME = "no broker id in it (digits after the last \"-\", at most"
            + " 2147483647); accepted: a host name ending in -{ordinal}, such as kafka-0, or BROKER_ID set";
    static final String SASL_USERNAME_REQUIRED = "SASL_USERNAME=(not set): required when SASL_ENABLED is true;"
            + " accepted: the user name the brokers know this client by";
    static final String SASL_PASSWORD_REQUIRED = "SASL_PASSWORD=(not set): required when SASL_ENABLED is true;"
            + " accepted: the password of SASL_USERNAME, or a cpln://secret/... reference the platform resolves";

    @TempDir
    static Path dir;

    static TlsFiles tls;

    @BeforeAll
    static void writeFiles() throws Exception {
        tls = TestCertificates.writeTo(dir);
        Files.writeString(dir.resolve("not-a-certificate.pem"), "hello\n");
    }

    /** One bad environment: what is added to the valid base, and the problem lines expected, in order. */
    record Case(String name, List<String> assignments, List<String> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badEnvironments() {
        return Stream.of(
                bad(
                        "replica count not a number",
                        List.of("REPLICA_COUNT=abc"),
                        "REPLICA_COUNT=abc: not a whole number; " + ACCEPT_WHOLE_1_TO_1000),
                bad(
                        "replica count zero",
                        List.of("REPLICA_COUNT=0"),
                        "REPLICA_COUNT=0: out of range; " + ACCEPT_WHOLE_1_TO_1000),
                bad(
                        "replica count above 1000",
                        List.of("REPLICA_COUNT=100000"),
                        "REPLICA_COUNT=100000: out of range; " + ACCEPT_WHOLE_1_TO_1000),
                bad(
                        "three replicas outside Control Plane",
                        List.of("REPLICA_COUNT=3"),
                        "REPLICA_COUNT=3: the other replicas' addresses need WORKLOAD_NAME (or CPLN_WORKLOAD),"
                                + " LOCATION (or CPLN_LOCATION) and GVC_NAME (or CPLN_GVC), which are not set;"
                                + " accepted: 1 outside Control Plane, or the missing variables set, or"
                                + " BOOTSTRAP_SERVERS set"),
                bad("HTTP port out of range", List.of("PORT=70000"), "PORT=70000: out of range; " + ACCEPT_HTTP_PORT),
                bad("HTTP port negative", List.of("PORT=-8080"), "PORT=-8080: out of range; " + ACCEPT_HTTP_PORT),
                bad(
                        "HTTP port reserved by Control Plane",
                        List.of("PORT=15020"),
                        "PORT=15020: reserved by Control Plane, which does not let a container listen on it; "
                                + ACCEPT_HTTP_PORT),
                bad(
                        "HTTP port is the Kafka port",
                        List.of("PORT=9092"),
                        "PORT=9092: the same port as KAFKA_PORT, and the sidecar shares the broker's network; "
                                + ACCEPT_HTTP_PORT),
                bad(
                        "Kafka port not a number",
                        List.of("KAFKA_PORT=kafka"),
                        "KAFKA_PORT=kafka: not a whole number; " + ACCEPT_PORT),
                bad(
                        "check timeout without unit",
                        List.of("CHECK_TIMEOUT=10"),
                        "CHECK_TIMEOUT=10: a number without a unit (add a unit, e.g. 10s); " + ACCEPT_CHECK_DURATION),
                bad(
                        "check timeout zero",
                        List.of("CHECK_TIMEOUT=0s"),
                        "CHECK_TIMEOUT=0s: too short; " + ACCEPT_CHECK_DURATION),
                bad(
                        "check interval in days",
                        List.of("CHECK_INTERVAL=1d"),
                        "CHECK_INTERVAL=1d: unknown unit \"d\"; " + ACCEPT_CHECK_DURATION),
                bad(
                        "startup grace negative",
                        List.of("STARTUP_GRACE=-1m"),
                        "STARTUP_GRACE=-1m: negative; accepted:"
                                + " a duration from 0s to 24h, such as 0s, 90s or 10m"),
                bad(
                        "log level trace",
                        List.of("LOG_LEVEL=trace"),
                        "LOG_LEVEL=trace: unknown level; accepted: debug, info, warn or error, in any case"),
                bad(
                        "log format with a line break",
                        List.of("LOG_FORMAT=json\nxml"),
                        "LOG_FORMAT=json\\nxml: unknown format; accepted: text or json, in any case"),
                bad(
                        "host name without ordinal",
                        List.of("HOSTNAME=kafka"),
                        "HOSTNAME=kafka: " + NO_BROKER_ID_IN_HOSTNAME),
                bad(
                        "no host name and no broker id",
                        List.of("HOSTNAME="),
                        "BROKER_ID=(not set): no broker id, and no HOSTNAME to discover it from;"
                                + " accepted: a whole number from 0 to 2147483647, or HOSTNAME ending in -{ordinal},"
                                + " such as kafka-0"),
                bad(
                        "broker id not a number",
                        List.of("BROKER_ID=zero"),
                        "BROKER_ID=zero: not a whole number; accepted: a whole number from 0 to 2147483647"),
                bad(
                        "workload link without workload",
                        List.of("CPLN_WORKLOAD=/org/acme/gvc/prod"),
                        "CPLN_WORKLOAD=/org/acme/gvc/prod: no workload name in it; accepted: a link"
                                + " /org/{org}/gvc/{gvc}/workload/{name} or a bare name, or WORKLOAD_NAME set"),
                bad(
                        "location not a DNS label",
                        List.of("LOCATION=aws_us_west_2"),
                        "LOCATION=aws_us_west_2: not a DNS label; " + ACCEPT_DNS_LABEL),
                bad(
                        "unknown bootstrap DNS form",
                        List.of("BOOTSTRAP_DNS=kubernetes"),
                        "BOOTSTRAP_DNS=kubernetes:"
                                + " unknown form; accepted: replica-direct or headless, in any case"),
                bad(
                        "headless DNS without GVC alias for three replicas",
                        List.of("BOOTSTRAP_DNS=headless", "REPLICA_COUNT=3"),
                        "BOOTSTRAP_DNS=headless:"
                                + " needs the GVC alias, and neither GVC_ALIAS nor CPLN_GVC_ALIAS is set; accepted:"
                                + " replica-direct, or headless with GVC_ALIAS or CPLN_GVC_ALIAS set"),
                bad(
                        "bootstrap server with a scheme",
                        List.of("BOOTSTRAP_SERVERS=SASL_PLAINTEXT://kafka:9092"),
                        "BOOTSTRAP_SERVERS=SASL_PLAINTEXT://kafka:9092: entry \"SASL_PLAINTEXT://kafka:9092\" starts"
                                + " with a scheme; write host:port only; " + ACCEPT_SERVERS),
                bad(
                        "SASL enabled by yes",
                        List.of("SASL_ENABLED=yes"),
                        "SASL_ENABLED=yes: not a boolean; " + ACCEPT_BOOLEAN),
                bad(
                        "GSSAPI mechanism",
                        List.of("SASL_MECHANISM=GSSAPI"),
                        "SASL_MECHANISM=GSSAPI: unsupported mechanism; " + ACCEPT_MECHANISM),
                bad(
                        "SASL without user name or password",
                        List.of("SASL_ENABLED=true", "SASL_PASSWORD="),
                        SASL_USERNAME_REQUIRED,
                        SASL_PASSWORD_REQUIRED),
                bad("SASL without user name", List.of("SASL_ENABLED=TRUE"), SASL_USERNAME_REQUIRED),
                bad(
                        "SASL password not revealed by the platform",
                        UNREVEALED_SASL_PASSWORD,
                        "SASL_PASSWORD=***: " + UNRESOLVED),
                bad(
                        "SASL user name not revealed by the platform",
                        List.of("SASL_ENABLED=true", "SASL_USERNAME=cpln://secret/kafka-credentials.user"),
                        "SASL_USERNAME=cpln://secret/kafka-credentials.user: " + UNRESOLVED),
                bad(
                        "TLS without CA file",
                        List.of("TLS_ENABLED=true"),
                        "TLS_CA_FILE=(not set): required when TLS_ENABLED is true; " + ACCEPT_CA_FILE),
                bad(
                        "TLS CA file missing",
                        List.of("TLS_ENABLED=true", "TLS_CA_FILE={dir}/missing.pem"),
                        "TLS_CA_FILE={dir}/missing.pem: no such file; " + ACCEPT_CA_FILE),
                bad(
                        "TLS CA file not PEM",
                        List.of("TLS_ENABLED=true", "TLS_CA_FILE={dir}/not-a-certificate.pem"),
                        "TLS_CA_FILE={dir}/not-a-certificate.pem: no PEM certificate (-----BEGIN CERTIFICATE-----)"
                                + " in the file; " + ACCEPT_CA_FILE),
                bad(
                        "TLS key password for an unencrypted key",
                        List.of(
                                "TLS_ENABLED=true",
                                "TLS_CA_FILE={dir}/ca.pem",
                                "TLS_CERT_FILE={dir}/client.pem",
                                "TLS_KEY_FILE={dir}/client-key.pem",
                                "TLS_KEY_PASSWORD=" + KEY_SECRET),
                        "TLS_KEY_PASSWORD=***: TLS_KEY_FILE holds an unencrypted key, which takes no password;"
                                + " accepted: unset, or set together with TLS_KEY_FILE holding an encrypted key"),
                bad(
                        "TLS key password not revealed by the platform",
                        List.of("TLS_KEY_PASSWORD=cpln://secret/tls.key"),
                        "TLS_KEY_PASSWORD=***: " + UNRESOLVED),
                bad(
                        "many problems at once",
                        List.of(
                                "REPLICA_COUNT=-3",
                                "PORT=9091",
                                "CHECK_TIMEOUT=5",
                                "CHECK_INTERVAL=forever",
                                "LOG_LEVEL=loud",
                                "HOSTNAME=broker",
                                "SASL_ENABLED=true",
                                "SASL_MECHANISM=SCRAM-SHA-1",
                                "SASL_USERNAME=admin",
                                "TLS_ENABLED=true",
                                "TLS_KEY_PASSWORD=" + KEY_SECRET),
                        "REPLICA_COUNT=-3: out of range; " + ACCEPT_WHOLE_1_TO_1000,
                        "PORT=9091: reserved by Control Plane, which does not let a container listen on it; "
                                + ACCEPT_HTTP_PORT,
                        "CHECK_TIMEOUT=5: a number without a unit (add a unit, e.g. 5s); " + ACCEPT_CHECK_DURATION,
                        "CHECK_INTERVAL=forever: not a duration; " + ACCEPT_CHECK_DURATION,
                        "LOG_LEVEL=loud: unknown level; accepted: debug, info, warn or error, in any case",
                        "HOSTNAME=broker: " + NO_BROKER_ID_IN_HOSTNAME,
                        "SASL_MECHANISM=SCRAM-SHA-1: unsupported mechanism; " + ACCEPT_MECHANISM,
                        "TLS_CA_FILE=(not set): required when TLS_ENABLED is true; " + ACCEPT_CA_FILE,
                        "TLS_KEY_PASSWORD=***: set without TLS_KEY_FILE; accepted: unset, or set together with"
                                + " TLS_KEY_FILE holding an encrypted key"));
    }

    private static Arguments bad(String name, List<String> assignments, String... problems) {
        return Arguments.of(new Case(name, assignments, List.of(problems)));
    }

    /** A valid environment (one broker outside Control Plane) with a SASL password that SASL is not using. */
    private static Map<String, String> env(int port, List<String> assignments) {
        Map<String, String> env = new HashMap<>();
        env.put("HOSTNAME", "kafka-0");
        env.put("PORT", Integer.toString(port));
        env.put("SASL_PASSWORD", SASL_SECRET);
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            env.put(
                    assignment.substring(0, equals),
                    assignment.substring(equals + 1).replace("{dir}", dir.toString()));
        }
        return env;
    }

    private static String expectedStderr(List<String> problems) {
        return problems.stream()
                        .map(problem -> "configuration error: " + problem.replace("{dir}", dir.toString())
                                + System.lineSeparator())
                        .collect(Collectors.joining())
                + "Kafka Orchestrator did not start: fix the " + problems.size() + " setting(s) above and start it"
                + " again." + System.lineSeparator();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEnvironments")
    // A case that turned valid would serve until a signal: fail it instead of hanging the suite.
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void exitsWithStatus2AndEveryProblemWithoutServingOrShowingASecret(Case bad) {
        int port = SidecarProcess.freePort();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Sidecar.run(
                env(port, bad.assignments()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        String stdout = out.toString(StandardCharsets.UTF_8);
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(status).as("exit status").isEqualTo(2);
        assertThat(stderr).isEqualTo(expectedStderr(bad.problems()));
        assertThat(stdout).as("stdout").isEmpty();
        assertThat(stderr).doesNotContain(SASL_SECRET, KEY_SECRET, "S3cr3t", "K3y-p4ss", "\tat ", "Exception");
        assertThat(listening(port)).as("something listens on PORT " + port).isFalse();
    }

    @Test
    void theTableHasAtLeastThirtyBadEnvironments() {
        assertThat(badEnvironments()).hasSizeGreaterThanOrEqualTo(30);
    }

    static Stream<Arguments> processCases() {
        return Stream.of(
                bad("no broker id", List.of("HOSTNAME=kafka"), "HOSTNAME=kafka: " + NO_BROKER_ID_IN_HOSTNAME),
                bad("unresolved secret", UNREVEALED_SASL_PASSWORD, "SASL_PASSWORD=***: " + UNRESOLVED),
                bad(
                        "two problems",
                        List.of("REPLICA_COUNT=abc", "CHECK_TIMEOUT=10"),
                        "REPLICA_COUNT=abc: not a whole number; " + ACCEPT_WHOLE_1_TO_1000,
                        "CHECK_TIMEOUT=10: a number without a unit (add a unit, e.g. 10s); " + ACCEPT_CHECK_DURATION));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("processCases")
    void theProcessExitsWithStatus2(Case bad) throws IOException {
        int port = SidecarProcess.freePort();
        Path log = Files.createTempFile(dir, "sidecar", ".log");
        try (SidecarProcess process = SidecarProcess.launch(env(port, bad.assignments()), log)) {
            assertThat(process.awaitExit(Duration.ofSeconds(20)))
                    .as("exit status")
                    .contains(2);
            // stdout and stderr both go to the file: the problems are all there is.
            assertThat(process.log()).isEqualTo(expectedStderr(bad.problems()));
            assertThat(process.log()).doesNotContain(SASL_SECRET);
        }
        assertThat(listening(port)).as("something listens on PORT " + port).isFalse();
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException("cannot tell whether port " + port + " is open", e);
        }
    }
}

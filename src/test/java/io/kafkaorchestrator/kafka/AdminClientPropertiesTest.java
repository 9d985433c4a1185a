package io.kafkaorchestrator.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.config.Config;
import io.kafkaorchestrator.config.ConfigException;
import io.kafkaorchestrator.config.ConfigLoader;
import io.kafkaorchestrator.config.TestCertificates;
import io.kafkaorchestrator.config.TestCertificates.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.network.ConnectionMode;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.ssl.SslFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdminClientPropertiesTest {
    private static final Map<String, String> CONTROL_PLANE = Map.of(
            "HOSTNAME", "kafka-1",
            "CPLN_WORKLOAD", "/org/acme/gvc/prod/workload/kafka",
            "CPLN_LOCATION", "aws-us-west-2",
            "CPLN_GVC", "prod",
            "REPLICA_COUNT", "2");
    private static final Map<String, String> COMMON = Map.of(
            "bootstrap.servers",
                    "localhost:9092,replica-0.kafka.aws-us-west-2.prod.cpln.local:9092,"
                            + "replica-1.kafka.aws-us-west-2.prod.cpln.local:9092",
            "client.id", "kafka-orchestrator-1",
            "request.timeout.ms", "10000",
            "default.api.timeout.ms", "10000",
            "socket.connection.setup.timeout.ms", "5000",
            "socket.connection.setup.timeout.max.ms", "5000",
            "reconnect.backoff.ms", "100",
            "reconnect.backoff.max.ms", "5000",
            "metadata.recovery.strategy", "rebootstrap",
            "enable.metrics.push", "false");

    @TempDir
    static Path dir;

    static TlsFiles tls;

    @BeforeAll
    static void writeCertificates() throws Exception {
        tls = TestCertificates.writeTo(dir);
    }

    @Test
    void plaintext() throws ConfigException {
        assertThat(properties()).isEqualTo(expected(Map.of("metric.reporters", "", "security.protocol", "PLAINTEXT")));
    }

    @Test
    void checkTimeoutBoundsRequestsCallsAndConnectionSetup() throws ConfigException {
        Properties properties = properties("CHECK_TIMEOUT=2s", "BOOTSTRAP_SERVERS=kafka:9092");

        Map<String, String> expected = new HashMap<>(expected(
                Map.of("metric.reporters", "", "security.protocol", "PLAINTEXT", "bootstrap.servers", "kafka:9092")));
        expected.putAll(Map.of(
                "request.timeout.ms",
                "2000",
                "default.api.timeout.ms",
                "2000",
                "socket.connection.setup.timeout.ms",
                "2000",
                "socket.connection.setup.timeout.max.ms",
                "2000"));
        assertThat(properties).isEqualTo(expected);
    }

    @Test
    void saslScram() throws ConfigException {
        assertThat(properties(
                        "SASL_ENABLED=true",
                        "SASL_MECHANISM=scram-sha-256",
                        "SASL_USERNAME=admin",
                        "SASL_PASSWORD=pa\"ss"))
                .isEqualTo(expected(Map.of(
                        "metric.reporters", "",
                        "security.protocol", "SASL_PLAINTEXT",
                        "sasl.mechanism", "SCRAM-SHA-256",
                        "sasl.jaas.config",
                                "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                        + " username=\"admin\" password=\"pa\\\"ss\";")));
    }

    /** Every setting on: SASL PLAIN as admin/secret over TLS with a client certificate, host names not verified. */
    Properties everySetting() throws ConfigException {
        return properties(
                "SASL_ENABLED=true",
                "SASL_USERNAME=admin",
                "SASL_PASSWORD=secret",
                "TLS_ENABLED=true",
                "TLS_CA_FILE=" + tls.ca(),
                "TLS_CERT_FILE=" + tls.clientCertificate(),
                "TLS_KEY_FILE=" + tls.encryptedClientKey(),
                "TLS_KEY_PASSWORD=" + TestCertificates.KEY_PASSWORD,
                "TLS_VERIFY_HOSTNAME=false");
    }

    @Test
    void saslPlainOverTlsWithAClientCertificate() throws Exception {
        Properties properties = everySetting();

        Map<String, String> expected = new HashMap<>(expected(Map.of(
                "metric.reporters", "",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "PLAIN",
                "sasl.jaas.config",
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\"admin\" password=\"secret\";")));
        expected.putAll(Map.of(
                "ssl.truststore.type",
                "PEM",
                "ssl.truststore.location",
                tls.ca().toString(),
                "ssl.keystore.type",
                "PEM",
                "ssl.keystore.certificate.chain",
                Files.readString(tls.clientCertificate()),
                "ssl.keystore.key",
                Files.readString(tls.encryptedClientKey()),
                "ssl.key.password",
                TestCertificates.KEY_PASSWORD,
                "ssl.endpoint.identification.algorithm",
                ""));
        assertThat(properties).isEqualTo(expected);
    }

    @Test
    void tlsWithTheCaOnlyVerifiesHostNames() throws ConfigException {
        Map<String, String> expected =
                new HashMap<>(expected(Map.of("metric.reporters", "", "security.protocol", "SSL")));
        expected.putAll(Map.of(
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", tls.ca().toString(),
                "ssl.endpoint.identification.algorithm", "https"));
        assertThat(properties("TLS_ENABLED=true", "TLS_CA_FILE=" + tls.ca())).isEqualTo(expected);
    }

    static Stream<Arguments> tlsSetups() {
        return Stream.of(
                Arguments.of("CA only, host names verified", List.of("TLS_VERIFY_HOSTNAME=true"), "https"),
                Arguments.of(
                        "client certificate",
                        List.of("TLS_CERT_FILE={client}", "TLS_KEY_FILE={key}", "TLS_VERIFY_HOSTNAME=false"),
                        ""),
                Arguments.of(
                        "client certificate with encrypted key",
                        List.of(
                                "TLS_CERT_FILE={client}",
                                "TLS_KEY_FILE={encrypted}",
                                "TLS_KEY_PASSWORD=" + TestCertificates.KEY_PASSWORD),
                        "https"));
    }

    /** Kafka's own SSL factory loads the trust and key stores the properties describe. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("tlsSetups")
    void kafkaLoadsTheTlsSettings(String setup, List<String> variables, String endpointIdentification)
            throws Exception {
        List<String> env = new java.util.ArrayList<>(List.of("TLS_ENABLED=true", "TLS_CA_FILE=" + tls.ca()));
        variables.forEach(variable ->
                env.add(variable.replace("{client}", tls.clientCertificate().toString())
                        .replace("{key}", tls.clientKey().toString())
                        .replace("{encrypted}", tls.encryptedClientKey().toString())));
        AdminClientConfig config = new AdminClientConfig(properties(env.toArray(String[]::new)));

        try (SslFactory sslFactory = new SslFactory(ConnectionMode.CLIENT)) {
            sslFactory.configure(config.values());
            SSLEngine engine = sslFactory.createSslEngine("kafka-0.example", 9093);
            assertThat(engine.getUseClientMode()).isTrue();
            assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm())
                    .isEqualTo(endpointIdentification);
        }
    }

    @Test
    void everyPropertyIsAnAdminClientSetting() throws ConfigException {
        Properties properties = everySetting();

        assertThat(AdminClientConfig.configNames()).containsAll(properties.stringPropertyNames());
        assertThat(new AdminClientConfig(properties).getList("metric.reporters"))
                .isEmpty();
    }

    static Stream<String> awkwardPasswords() {
        return Stream.of(
                "plain",
                "with \"quotes\"",
                "back\\slash",
                "\\",
                "\"",
                "\\\"",
                "ends with backslash\\",
                "semi;colon",
                "equals=sign",
                "  spaces around  ",
                "new\nline",
                "carriage\rreturn",
                "tab\there",
                "single'quote",
                "// not a comment",
                "/* not a comment */",
                "ünïcödé",
                "密码",
                "emoji 🔐",
                "octal \\0 \\12",
                "{braces}",
                "");
    }

    /** Kafka parses the JAAS line back to exactly the user name and password configured. */
    @ParameterizedTest
    @MethodSource("awkwardPasswords")
    void anyPasswordSurvivesKafkasJaasParser(String password) throws ConfigException {
        for (String mechanism : List.of("PLAIN", "SCRAM-SHA-512")) {
            String username = "user " + password;
            Map<String, String> env = new HashMap<>(CONTROL_PLANE);
            env.putAll(Map.of(
                    "SASL_ENABLED",
                    "true",
                    "SASL_MECHANISM",
                    mechanism,
                    "SASL_USERNAME",
                    username,
                    "SASL_PASSWORD",
                    password.isEmpty() ? "x" : password));
            Properties properties = AdminClientProperties.forConfig(ConfigLoader.load(env), "test");

            List<AppConfigurationEntry> entries = JaasContext.loadClientContext(
                            new AdminClientConfig(properties).values())
                    .configurationEntries();

            assertThat(entries).singleElement().satisfies(entry -> {
                assertThat(entry.getLoginModuleName())
                        .endsWith(mechanism.equals("PLAIN") ? "plain.PlainLoginModule" : "scram.ScramLoginModule");
                assertThat(entry.getOptions())
                        .isEqualTo(Map.of("username", username, "password", password.isEmpty() ? "x" : password));
            });
        }
    }

    private static Properties properties(String... assignments) throws ConfigException {
        Map<String, String> env = new HashMap<>(CONTROL_PLANE);
        for (String assignment : assignments) {
            int equals = assignment.indexOf('=');
            env.put(assignment.substring(0, equals), assignment.substring(equals + 1));
        }
        Config config = ConfigLoader.load(env);
        return AdminClientProperties.forConfig(config, "kafka-orchestrator-" + config.brokerId());
    }

    private static Map<String, String> expected(Map<String, String> specific) {
        Map<String, String> expected = new HashMap<>(COMMON);
        expected.putAll(specific);
        return expected;
    }
}

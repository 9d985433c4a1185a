package io.kafkaorchestrator.kafka;

import io.kafkaorchestrator.config.Config;
import io.kafkaorchestrator.config.Sasl;
import io.kafkaorchestrator.config.Tls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** The properties of each of the sidecar's long-lived Kafka Admin clients (liveness, quorum, scan). */
public final class AdminClientProperties {
    static final Duration RECONNECT_BACKOFF = Duration.ofMillis(100);
    /** Retries against a broker that is down back off to this, which also keeps the client's log quieter. */
    static final Duration RECONNECT_BACKOFF_MAX = Duration.ofSeconds(5);
    /** A connection that is not set up by then is given up, so a dead replica leaves time to try another. */
    static final Duration CONNECTION_SETUP_TIMEOUT_MAX = Duration.ofSeconds(5);

    private AdminClientProperties() {}

    /**
     * @throws UncheckedIOException if the client certificate or key file cannot be read (ConfigLoader checked them)
     */
    public static Properties forConfig(Config config, String clientId) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", String.join(",", config.bootstrapServers()));
        properties.put("client.id", clientId);

        // Every Admin call, retries included, is bounded by CHECK_TIMEOUT, and so is each request.
        String checkTimeoutMs = String.valueOf(config.checkTimeout().toMillis());
        properties.put("request.timeout.ms", checkTimeoutMs);
        properties.put("default.api.timeout.ms", checkTimeoutMs);
        // Fixed, not growing: a health client should notice a recovered broker soon, whatever happened before.
        String setupTimeoutMs = String.valueOf(
                min(config.checkTimeout(), CONNECTION_SETUP_TIMEOUT_MAX).toMillis());
        properties.put("socket.connection.setup.timeout.ms", setupTimeoutMs);
        properties.put("socket.connection.setup.timeout.max.ms", setupTimeoutMs);
        properties.put("reconnect.backoff.ms", String.valueOf(RECONNECT_BACKOFF.toMillis()));
        properties.put("reconnect.backoff.max.ms", String.valueOf(RECONNECT_BACKOFF_MAX.toMillis()));
        // When every known broker is gone (all restarted, new addresses), start again from bootstrap.servers.
        properties.put("metadata.recovery.strategy", "rebootstrap");
        // The sidecar exports its own metrics: no client telemetry pushed to brokers, no JMX beans for the client.
        properties.put("enable.metrics.push", "false");
        properties.put("metric.reporters", "");

        properties.put("security.protocol", config.security().protocol().name());
        config.security().sasl().ifPresent(sasl -> {
            properties.put("sasl.mechanism", sasl.mechanism().kafkaName());
            properties.put("sasl.jaas.config", jaasConfig(sasl));
        });
        config.security().tls().ifPresent(tls -> putTls(properties, tls));
        return properties;
    }

    /** The JAAS line for the mechanism's login module, user name and password quoted so any character works. */
    static String jaasConfig(Sasl sasl) {
        String loginModule = switch (sasl.mechanism()) {
            case PLAIN -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case SCRAM_SHA_256, SCRAM_SHA_512 -> "org.apache.kafka.common.security.scram.ScramLoginModule";
        };
        return loginModule + " required username=" + jaasQuoted(sasl.username()) + " password="
                + jaasQuoted(sasl.password().reveal()) + ";";
    }

    /**
     * A JAAS option value as a quoted string. Kafka parses sasl.jaas.config with {@link java.io.StreamTokenizer}, whose
     * quoted strings end at a quote or a line break and take backslash escapes: so escape the backslash, the quote
     * and the line breaks, and everything else (";", "=", spaces, any Unicode) passes as it is.
     */
    static String jaasQuoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default -> quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }

    private static void putTls(Properties properties, Tls tls) {
        properties.put("ssl.truststore.type", "PEM");
        properties.put("ssl.truststore.location", tls.caFile().toString());
        // Kafka reads a PEM key store from one location only when certificate and key share a file; with two
        // files it takes their contents inline.
        if (tls.certificateFile().isPresent() && tls.keyFile().isPresent()) {
            properties.put("ssl.keystore.type", "PEM");
            properties.put(
                    "ssl.keystore.certificate.chain", read(tls.certificateFile().get()));
            properties.put("ssl.keystore.key", read(tls.keyFile().get()));
            tls.keyPassword().ifPresent(password -> properties.put("ssl.key.password", password.reveal()));
        }
        properties.put("ssl.endpoint.identification.algorithm", tls.verifyHostname() ? "https" : "");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

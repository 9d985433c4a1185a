package io.kafkaorchestrator.config;

import static io.kafkaorchestrator.config.Variable.exact;
import static io.kafkaorchestrator.config.Variable.injected;
import static io.kafkaorchestrator.config.Variable.optional;
import static io.kafkaorchestrator.config.Variable.secret;
import static io.kafkaorchestrator.config.Variable.withDefault;

import io.kafkaorchestrator.config.Variable.Invalid;
import io.kafkaorchestrator.config.Variable.Parser;
import io.kafkaorchestrator.discovery.BootstrapDns;
import io.kafkaorchestrator.discovery.Discovery;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every environment variable the sidecar reads, each declared once: name, default, parser, how the startup log shows
 * it, what it accepts, and whether it is secret. A new variable is one declaration here plus the line in
 * {@link ConfigLoader} that passes its value on; the rules that tie variables together live there.
 */
final class Variables {
    // Before the declarations: declare() adds to it as they initialise, which Java does in the order they are written.
    private static final List<Variable<?>> DECLARED = new ArrayList<>();

    private static final int MAX_REPLICAS = 1000;
    /** Ports a Control Plane container may not listen on. */
    private static final List<Integer> RESERVED_PORTS =
            List.of(8012, 8022, 9090, 9091, 15000, 15001, 15006, 15020, 15021, 15090, 41000);

    private static final Duration MIN_CHECK_DURATION = Duration.ofMillis(1);
    private static final Duration MAX_CHECK_DURATION = Duration.ofHours(1);
    private static final Duration MAX_STARTUP_GRACE = Duration.ofHours(24);

    private static final String ACCEPT_CHECK_DURATION = "a duration from 1ms to 1h, such as 500ms, 10s or 1m30s";
    private static final String ACCEPT_BOOLEAN = "true, false, 1 or 0, in any case";
    static final String ACCEPT_DNS_LABEL =
            "a DNS label: 1 to 63 letters, digits or hyphens, starting and ending with a letter or digit";

    static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    // In the order of the startup log's settings and of the unresolved-reference problems.
    static final Variable<Integer> REPLICA_COUNT = declare(withDefault(
            "REPLICA_COUNT",
            1,
            wholeNumber(1, MAX_REPLICAS),
            String::valueOf,
            "a whole number from 1 to " + MAX_REPLICAS));
    static final Variable<Integer> KAFKA_PORT = declare(
            withDefault("KAFKA_PORT", 9092, wholeNumber(1, 65535), String::valueOf, "a port number from 1 to 65535"));
    static final Variable<Integer> PORT = declare(withDefault(
            "PORT",
            8080,
            Variables::httpPort,
            String::valueOf,
            "a port number from 1 to 65535 other than KAFKA_PORT and the ports Control Plane reserves ("
                    + RESERVED_PORTS.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
    static final Variable<Duration> CHECK_TIMEOUT = declare(withDefault(
            "CHECK_TIMEOUT",
            Duration.ofSeconds(10),
            duration(MIN_CHECK_DURATION, MAX_CHECK_DURATION),
            GoDuration::format,
            ACCEPT_CHECK_DURATION));
    static final Variable<Duration> CHECK_INTERVAL = declare(withDefault(
            "CHECK_INTERVAL",
            Duration.ofSeconds(5),
            duration(MIN_CHECK_DURATION, MAX_CHECK_DURATION),
            GoDuration::format,
            ACCEPT_CHECK_DURATION));
    static final Variable<Duration> STARTUP_GRACE = declare(withDefault(
            "STARTUP_GRACE",
            Duration.ofMinutes(10),
            duration(Duration.ZERO, MAX_STARTUP_GRACE),
            GoDuration::format,
            "a duration from 0s to 24h, such as 0s, 90s or 10m"));
    static final Variable<LogLevel> LOG_LEVEL = declare(withDefault(
            "LOG_LEVEL",
            LogLevel.INFO,
            oneOf(LogLevel.values(), "unknown level"),
            Variables::lowerCase,
            "debug, info, warn or error, in any case"));
    static final Variable<LogFormat> LOG_FORMAT = declare(withDefault(
            "LOG_FORMAT",
            LogFormat.JSON,
            oneOf(LogFormat.values(), "unknown format"),
            Variables::lowerCase,
            "text or json, in any case"));
    static final Variable<Integer> BROKER_ID = declare(optional(
            "BROKER_ID",
            wholeNumber(0, Integer.MAX_VALUE),
            String::valueOf,
            "a whole number from 0 to " + Integer.MAX_VALUE));
    static final Variable<Integer> HOSTNAME =
            declare(injected("HOSTNAME", Variables::ordinal, "a host name ending in -{ordinal}, such as kafka-0"));
    static final Variable<String> WORKLOAD_NAME = declare(topologyName("WORKLOAD_NAME"));
    static final Variable<String> CPLN_WORKLOAD = declare(injected(
            "CPLN_WORKLOAD",
            found(Discovery::workloadFromLink, "no workload name in it"),
            "a link /org/{org}/gvc/{gvc}/workload/{name} or a bare name"));
    static final Variable<String> LOCATION = declare(topologyName("LOCATION"));
    static final Variable<String> CPLN_LOCATION =
            declare(lastSegment("CPLN_LOCATION", "name", "a link /org/{org}/location/{name} or a bare name"));
    static final Variable<String> GVC_NAME = declare(topologyName("GVC_NAME"));
    static final Variable<String> CPLN_GVC =
            declare(lastSegment("CPLN_GVC", "name", "a link /org/{org}/gvc/{name} or a bare name"));
    static final Variable<String> GVC_ALIAS = declare(topologyName("GVC_ALIAS"));
    static final Variable<String> CPLN_GVC_ALIAS = declare(lastSegment("CPLN_GVC_ALIAS", "alias", "the GVC's alias"));
    static final Variable<BootstrapDns> BOOTSTRAP_DNS = declare(withDefault(
            "BOOTSTRAP_DNS",
            BootstrapDns.REPLICA_DIRECT,
            found(BootstrapDns::fromVariableValue, "unknown form"),
            BootstrapDns::variableValue,
            "replica-direct or headless, in any case"));
    static final Variable<List<String>> BOOTSTRAP_SERVERS = declare(optional(
            "BOOTSTRAP_SERVERS",
            Variables::hostPortList,
            servers -> String.join(",", servers),
            "a comma-separated list of host:port, such as kafka-0.example.com:9092,10.0.0.7:9092,[fd00::7]:9092"));
    static final Variable<Boolean> SASL_ENABLED =
            declare(withDefault("SASL_ENABLED", false, Variables::bool, String::valueOf, ACCEPT_BOOLEAN));
    static final Variable<Sasl.Mechanism> SASL_MECHANISM = declare(withDefault(
            "SASL_MECHANISM",
            Sasl.Mechanism.PLAIN,
            found(Sasl.Mechanism::fromKafkaName, "unsupported mechanism"),
            Sasl.Mechanism::kafkaName,
            "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, in any case"));
    static final Variable<String> SASL_USERNAME =
            declare(exact("SASL_USERNAME", "the user name the brokers know this client by"));
    static final Variable<String> SASL_PASSWORD = declare(secret(
            "SASL_PASSWORD", "the password of SASL_USERNAME, or a cpln://secret/... reference the platform resolves"));
    static final Variable<Boolean> TLS_ENABLED =
            declare(withDefault("TLS_ENABLED", false, Variables::bool, String::valueOf, ACCEPT_BOOLEAN));
    static final Variable<Path> TLS_CA_FILE = declare(optional(
            "TLS_CA_FILE",
            Variables::path,
            Path::toString,
            "a readable PEM file of the CA certificates that signed the brokers' certificates"));
    static final Variable<Path> TLS_CERT_FILE = declare(optional(
            "TLS_CERT_FILE", Variables::path, Path::toString, "a readable PEM file of the client's certificate chain"));
    static final Variable<Path> TLS_KEY_FILE = declare(optional(
            "TLS_KEY_FILE", Variables::path, Path::toString, "a readable PEM file of the client's PKCS#8 private key"));
    static final Variable<String> TLS_KEY_PASSWORD =
            declare(secret("TLS_KEY_PASSWORD", "the password of the key in TLS_KEY_FILE"));
    static final Variable<Boolean> TLS_VERIFY_HOSTNAME =
            declare(withDefault("TLS_VERIFY_HOSTNAME", true, Variables::bool, String::valueOf, ACCEPT_BOOLEAN));
    static final Variable<Path> CGROUP_ROOT = declare(withDefault(
            "CGROUP_ROOT", Path.of("/sys/fs/cgroup"), Variables::path, Path::toString, "a file system path"));

    private Variables() {}

    /** Every variable, in the order declared. */
    static List<Variable<?>> all() {
        return List.copyOf(DECLARED);
    }

    private static <T> Variable<T> declare(Variable<T> variable) {
        DECLARED.add(variable);
        return variable;
    }

    /** An override of a topology name: a DNS label, since it becomes part of the bootstrap DNS names. */
    private static Variable<String> topologyName(String name) {
        return optional(name, Variables::dnsLabel, text -> text, ACCEPT_DNS_LABEL);
    }

    /** An injected link whose last segment is a topology name; {@code what} the name is, for the problem. */
    private static Variable<String> lastSegment(String name, String what, String accepted) {
        return injected(name, found(Discovery::lastSegment, "no " + what + " after the last \"/\""), accepted);
    }

    private static Parser<Integer> wholeNumber(int min, int max) {
        return text -> {
            if (!WHOLE_NUMBER.matcher(text).matches()) {
                throw new Invalid("not a whole number");
            }
            BigInteger number = new BigInteger(text);
            if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new Invalid("out of range");
            }
            return number.intValueExact();
        };
    }

    private static int httpPort(String text) throws Invalid {
        int port = wholeNumber(1, 65535).parse(text);
        if (RESERVED_PORTS.contains(port)) {
            throw new Invalid("reserved by Control Plane, which does not let a container listen on it");
        }
        return port;
    }

    private static Parser<Duration> duration(Duration min, Duration max) {
        return text -> {
            Duration duration;
            try {
                duration = GoDuration.parse(text);
            } catch (IllegalArgumentException e) {
                throw new Invalid(e.getMessage());
            }
            if (duration.compareTo(min) < 0) {
                throw new Invalid("too short");
            }
            if (duration.compareTo(max) > 0) {
                throw new Invalid("too long");
            }
            return duration;
        };
    }

    private static boolean bool(String text) throws Invalid {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new Invalid("not a boolean");
        };
    }

    private static <E extends Enum<E>> Parser<E> oneOf(E[] values, String problem) {
        return text -> Arrays.stream(values)
                .filter(value -> value.name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new Invalid(problem));
    }

    /** A parser from a lookup that finds nothing in a bad text. */
    private static <T> Parser<T> found(Function<String, Optional<T>> lookup, String problem) {
        return text -> lookup.apply(text).orElseThrow(() -> new Invalid(problem));
    }

    private static int ordinal(String hostname) throws Invalid {
        OptionalInt ordinal = Discovery.brokerIdFromHostname(hostname);
        if (ordinal.isEmpty()) {
            throw new Invalid("no broker id in it (digits after the last \"-\", at most " + Integer.MAX_VALUE + ")");
        }
        return ordinal.getAsInt();
    }

    private static String dnsLabel(String text) throws Invalid {
        if (!DNS_LABEL.matcher(text).matches()) {
            throw new Invalid("not a DNS label");
        }
        return text;
    }

    /** Every bad entry is its own problem. */
    private static List<String> hostPortList(String text) throws Invalid {
        HostPortList.Checked checked = HostPortList.check(text);
        if (!checked.problems().isEmpty()) {
            throw new Invalid(checked.problems());
        }
        return checked.entries();
    }

    private static Path path(String text) throws Invalid {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new Invalid("not a valid path (" + e.getReason() + ")");
        }
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}

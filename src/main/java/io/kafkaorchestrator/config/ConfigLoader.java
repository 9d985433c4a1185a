package io.kafkaorchestrator.config;

import io.kafkaorchestrator.config.EnvReader.Invalid;
import io.kafkaorchestrator.config.EnvReader.Parser;
import io.kafkaorchestrator.config.Setting.Origin;
import io.kafkaorchestrator.discovery.BootstrapDns;
import io.kafkaorchestrator.discovery.Discovery;
import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the {@link Config} from an environment map (the real one in production, a plain map in tests), validating
 * everything at once: bad input throws a {@link ConfigException} listing every problem.
 *
 * <p>Rules that hold for every variable: an empty (or blank) value counts as unset, because Control Plane sometimes
 * injects empty values; surrounding whitespace is ignored except in SASL_USERNAME and the passwords; a value still
 * starting with {@code cpln://} is an unresolved secret reference and always an error. The syntax of every set variable
 * is checked; requirements of a feature (SASL credentials, TLS files) only when the feature is on.
 */
public final class ConfigLoader {
    static final String REPLICA_COUNT = "REPLICA_COUNT";
    static final String KAFKA_PORT = "KAFKA_PORT";
    static final String PORT = "PORT";
    static final String CHECK_TIMEOUT = "CHECK_TIMEOUT";
    static final String CHECK_INTERVAL = "CHECK_INTERVAL";
    static final String STARTUP_GRACE = "STARTUP_GRACE";
    static final String LOG_LEVEL = "LOG_LEVEL";
    static final String LOG_FORMAT = "LOG_FORMAT";
    static final String BROKER_ID = "BROKER_ID";
    static final String WORKLOAD_NAME = "WORKLOAD_NAME";
    static final String LOCATION = "LOCATION";
    static final String GVC_NAME = "GVC_NAME";
    static final String GVC_ALIAS = "GVC_ALIAS";
    static final String BOOTSTRAP_DNS = "BOOTSTRAP_DNS";
    static final String BOOTSTRAP_SERVERS = "BOOTSTRAP_SERVERS";
    static final String SASL_ENABLED = "SASL_ENABLED";
    static final String SASL_MECHANISM = "SASL_MECHANISM";
    static final String SASL_USERNAME = "SASL_USERNAME";
    static final String SASL_PASSWORD = "SASL_PASSWORD";
    static final String TLS_ENABLED = "TLS_ENABLED";
    static final String TLS_CA_FILE = "TLS_CA_FILE";
    static final String TLS_CERT_FILE = "TLS_CERT_FILE";
    static final String TLS_KEY_FILE = "TLS_KEY_FILE";
    static final String TLS_KEY_PASSWORD = "TLS_KEY_PASSWORD";
    static final String TLS_VERIFY_HOSTNAME = "TLS_VERIFY_HOSTNAME";
    static final String CGROUP_ROOT = "CGROUP_ROOT";
    // Injected by Control Plane.
    static final String HOSTNAME = "HOSTNAME";
    static final String CPLN_WORKLOAD = "CPLN_WORKLOAD";
    static final String CPLN_LOCATION = "CPLN_LOCATION";
    static final String CPLN_GVC = "CPLN_GVC";
    static final String CPLN_GVC_ALIAS = "CPLN_GVC_ALIAS";

    /** Every variable read, in the order of the settings list and of the problems. */
    static final List<String> VARIABLES = List.of(REPLICA_COUNT, KAFKA_PORT, PORT, CHECK_TIMEOUT, CHECK_INTERVAL,
            STARTUP_GRACE, LOG_LEVEL, LOG_FORMAT, BROKER_ID, HOSTNAME, WORKLOAD_NAME, CPLN_WORKLOAD, LOCATION,
            CPLN_LOCATION, GVC_NAME, CPLN_GVC, GVC_ALIAS, CPLN_GVC_ALIAS, BOOTSTRAP_DNS, BOOTSTRAP_SERVERS,
            SASL_ENABLED, SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD, TLS_ENABLED, TLS_CA_FILE, TLS_CERT_FILE,
            TLS_KEY_FILE, TLS_KEY_PASSWORD, TLS_VERIFY_HOSTNAME, CGROUP_ROOT);
    static final Set<String> SECRETS = Set.of(SASL_PASSWORD, TLS_KEY_PASSWORD);

    static final int MAX_REPLICAS = 1000;
    /** Ports a Control Plane container may not listen on. */
    static final List<Integer> RESERVED_PORTS =
            List.of(8012, 8022, 9090, 9091, 15000, 15001, 15006, 15020, 15021, 15090, 41000);
    static final Duration MIN_CHECK_DURATION = Duration.ofMillis(1);
    static final Duration MAX_CHECK_DURATION = Duration.ofHours(1);
    static final Duration MAX_STARTUP_GRACE = Duration.ofHours(24);
    static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");

    static final String ACCEPT_REPLICAS = "a whole number from 1 to " + MAX_REPLICAS;
    static final String ACCEPT_PORT = "a port number from 1 to 65535";
    static final String ACCEPT_HTTP_PORT = "a port number from 1 to 65535 other than KAFKA_PORT and the ports"
            + " Control Plane reserves (" + RESERVED_PORTS.stream().map(String::valueOf)
            .collect(Collectors.joining(", ")) + ")";
    static final String ACCEPT_CHECK_DURATION = "a duration from 1ms to 1h, such as 500ms, 10s or 1m30s";
    static final String ACCEPT_GRACE = "a duration from 0s to 24h, such as 0s, 90s or 10m";
    static final String ACCEPT_BOOLEAN = "true, false, 1 or 0, in any case";
    static final String ACCEPT_LOG_LEVEL = "debug, info, warn or error, in any case";
    static final String ACCEPT_LOG_FORMAT = "text or json, in any case";
    static final String ACCEPT_BROKER_ID = "a whole number from 0 to " + Integer.MAX_VALUE;
    static final String ACCEPT_DNS_LABEL = "a DNS label: 1 to 63 letters, digits or hyphens, starting and ending"
            + " with a letter or digit";
    static final String ACCEPT_BOOTSTRAP_DNS = "replica-direct or headless, in any case";
    static final String ACCEPT_SERVERS = "a comma-separated list of host:port, such as"
            + " kafka-0.example.com:9092,10.0.0.7:9092,[fd00::7]:9092";
    static final String ACCEPT_MECHANISM = "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, in any case";
    static final String ACCEPT_CA_FILE = "a readable PEM file of the CA certificates that signed the brokers'"
            + " certificates";
    static final String ACCEPT_CERT_FILE = "a readable PEM file of the client's certificate chain";
    static final String ACCEPT_KEY_FILE = "a readable PEM file of the client's PKCS#8 private key";
    static final String ACCEPT_PATH = "a file system path";

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final EnvReader env;

    private ConfigLoader(Map<String, String> env) {
        this.env = new EnvReader(env, VARIABLES, SECRETS);
    }

    public static Config load(Map<String, String> env) throws ConfigException {
        return new ConfigLoader(env).load();
    }

    private Config load() throws ConfigException {
        int replicaCount = env.read(REPLICA_COUNT, 1, wholeNumber(1, MAX_REPLICAS), ACCEPT_REPLICAS, String::valueOf);
        int kafkaPort = env.read(KAFKA_PORT, 9092, wholeNumber(1, 65535), ACCEPT_PORT, String::valueOf);
        int httpPort = env.read(PORT, 8080, ConfigLoader::httpPort, ACCEPT_HTTP_PORT, String::valueOf);
        if (httpPort == kafkaPort && !env.isRejected(PORT) && !env.isRejected(KAFKA_PORT)) {
            env.reject(PORT, String.valueOf(httpPort), "the same port as KAFKA_PORT, and the sidecar shares the"
                    + " broker's network", ACCEPT_HTTP_PORT);
        }
        Duration checkTimeout = env.read(CHECK_TIMEOUT, Duration.ofSeconds(10),
                duration(MIN_CHECK_DURATION, MAX_CHECK_DURATION), ACCEPT_CHECK_DURATION, GoDuration::format);
        Duration checkInterval = env.read(CHECK_INTERVAL, Duration.ofSeconds(5),
                duration(MIN_CHECK_DURATION, MAX_CHECK_DURATION), ACCEPT_CHECK_DURATION, GoDuration::format);
        Duration startupGrace = env.read(STARTUP_GRACE, Duration.ofMinutes(10),
                duration(Duration.ZERO, MAX_STARTUP_GRACE), ACCEPT_GRACE, GoDuration::format);
        LogLevel logLevel = env.read(LOG_LEVEL, LogLevel.INFO, oneOf(LogLevel.values(), "unknown level"),
                ACCEPT_LOG_LEVEL, ConfigLoader::lowerCase);
        LogFormat logFormat = env.read(LOG_FORMAT, LogFormat.JSON, oneOf(LogFormat.values(), "unknown format"),
                ACCEPT_LOG_FORMAT, ConfigLoader::lowerCase);

        int brokerId = brokerId();
        Topology topology = new Topology(
                topologyName(WORKLOAD_NAME, CPLN_WORKLOAD, Discovery::workloadFromLink,
                        "a link /org/{org}/gvc/{gvc}/workload/{name} or a bare name", "no workload name in it"),
                topologyName(LOCATION, CPLN_LOCATION, Discovery::lastSegment,
                        "a link /org/{org}/location/{name} or a bare name", "no name after the last \"/\""),
                topologyName(GVC_NAME, CPLN_GVC, Discovery::lastSegment,
                        "a link /org/{org}/gvc/{name} or a bare name", "no name after the last \"/\""),
                topologyName(GVC_ALIAS, CPLN_GVC_ALIAS, Discovery::lastSegment,
                        "the GVC's alias", "no alias after the last \"/\""),
                env.value(HOSTNAME));
        BootstrapDns bootstrapDns = env.read(BOOTSTRAP_DNS, BootstrapDns.REPLICA_DIRECT,
                text -> BootstrapDns.fromVariableValue(text).orElseThrow(() -> new Invalid("unknown form")),
                ACCEPT_BOOTSTRAP_DNS, BootstrapDns::variableValue);
        List<String> bootstrapServers = bootstrapServers(kafkaPort, replicaCount, bootstrapDns, topology);

        Security security = Security.of(sasl(), tls());
        Path cgroupRoot = env.read(CGROUP_ROOT, DEFAULT_CGROUP_ROOT, ConfigLoader::path, ACCEPT_PATH, Path::toString);

        if (!env.problems().isEmpty()) {
            throw new ConfigException(env.problems());
        }
        return new Config(brokerId, replicaCount, kafkaPort, httpPort, bootstrapServers, checkTimeout,
                checkInterval, startupGrace, logLevel, logFormat, security, cgroupRoot, topology, env.settings());
    }

    /** BROKER_ID if set, else the ordinal at the end of HOSTNAME; without either there is no way to know. */
    private int brokerId() {
        Optional<Integer> explicit = env.readOptional(BROKER_ID, wholeNumber(0, Integer.MAX_VALUE), ACCEPT_BROKER_ID,
                String::valueOf);
        if (explicit.isPresent() || env.isRejected(BROKER_ID)) {
            return explicit.orElse(-1);
        }
        Optional<String> hostname = env.value(HOSTNAME);
        if (hostname.isEmpty()) {
            if (!env.isRejected(HOSTNAME)) {
                env.rejectUnset(BROKER_ID, "no broker id, and no HOSTNAME to discover it from",
                        ACCEPT_BROKER_ID + ", or HOSTNAME ending in -{ordinal}, such as kafka-0");
            }
            return -1;
        }
        OptionalInt discovered = Discovery.brokerIdFromHostname(hostname.get());
        if (discovered.isEmpty()) {
            env.reject(HOSTNAME, hostname.get(), "no broker id in it (digits after the last \"-\", at most "
                    + Integer.MAX_VALUE + ")", "a host name ending in -{ordinal}, such as kafka-0, or BROKER_ID set");
            return -1;
        }
        env.replaceSetting(BROKER_ID, String.valueOf(discovered.getAsInt()), Origin.DISCOVERED);
        return discovered.getAsInt();
    }

    /**
     * A topology name: the override variable if set, else what the injected variable tells, else unknown. The name
     * must be a DNS label because it becomes part of the bootstrap DNS names.
     */
    private Optional<String> topologyName(String override, String injected, Function<String, Optional<String>> extract,
            String injectedAccepted, String noNameProblem) {
        Optional<String> name = env.readOptional(override, ConfigLoader::dnsLabel, ACCEPT_DNS_LABEL, text -> text);
        if (name.isPresent() || env.isRejected(override)) {
            return name;
        }
        Optional<String> link = env.value(injected);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> discovered = extract.apply(link.get());
        if (discovered.isEmpty()) {
            env.reject(injected, link.get(), noNameProblem, injectedAccepted + ", or " + override + " set");
            env.markRejected(override);
            return Optional.empty();
        }
        if (!DNS_LABEL.matcher(discovered.get()).matches()) {
            env.reject(injected, link.get(), "\"" + discovered.get() + "\" is not a DNS label",
                    ACCEPT_DNS_LABEL + ", or " + override + " set");
            env.markRejected(override);
            return Optional.empty();
        }
        env.replaceSetting(override, discovered.get(), Origin.DISCOVERED);
        return discovered;
    }

    /**
     * BOOTSTRAP_SERVERS if set. Otherwise the own broker at localhost first, then every replica by DNS name. When the
     * names the replicas' addresses need are unknown (running outside Control Plane), a single replica bootstraps
     * from localhost alone; more replicas are an error, since dropping them silently would hide a wrong setup.
     */
    private List<String> bootstrapServers(int kafkaPort, int replicaCount, BootstrapDns dns, Topology topology) {
        Optional<String> explicit = env.value(BOOTSTRAP_SERVERS);
        if (env.isRejected(BOOTSTRAP_SERVERS)) {
            return List.of();
        }
        if (explicit.isPresent()) {
            HostPortList.Checked checked = HostPortList.check(explicit.get());
            checked.problems().forEach(problem -> env.reject(BOOTSTRAP_SERVERS, explicit.get(), problem,
                    ACCEPT_SERVERS));
            env.replaceSetting(BOOTSTRAP_SERVERS, String.join(",", checked.entries()), Origin.VARIABLE);
            return checked.entries();
        }
        List<String> localOnly = Discovery.bootstrapServers(kafkaPort, List.of());
        env.replaceSetting(BOOTSTRAP_SERVERS, String.join(",", localOnly), Origin.DEFAULT);
        if (dns == BootstrapDns.HEADLESS && replicaCount > 1 && topology.gvcAlias().isEmpty()
                && !env.isRejected(GVC_ALIAS)) {
            env.reject(BOOTSTRAP_DNS, dns.variableValue(), "needs the GVC alias, and neither GVC_ALIAS nor"
                    + " CPLN_GVC_ALIAS is set", "replica-direct, or headless with GVC_ALIAS or CPLN_GVC_ALIAS set");
        }
        List<String> needed = dns == BootstrapDns.HEADLESS
                ? List.of(WORKLOAD_NAME, GVC_ALIAS)
                : List.of(WORKLOAD_NAME, LOCATION, GVC_NAME);
        if (needed.stream().anyMatch(env::isRejected) || env.isRejected(BOOTSTRAP_DNS)
                || env.isRejected(REPLICA_COUNT) || env.isRejected(KAFKA_PORT)) {
            return localOnly;
        }
        List<String> missing = needed.stream().filter(name -> topologyValue(name, topology).isEmpty()).toList();
        if (!missing.isEmpty()) {
            if (replicaCount > 1) {
                env.reject(REPLICA_COUNT, String.valueOf(replicaCount), "the other replicas' addresses need "
                        + listing(missing.stream().map(ConfigLoader::withSource).toList())
                        + ", which " + (missing.size() == 1 ? "is" : "are") + " not set",
                        "1 outside Control Plane, or the missing variables set, or BOOTSTRAP_SERVERS set");
            }
            return localOnly;
        }
        String workload = topology.workload().orElseThrow();
        List<String> hosts = dns == BootstrapDns.HEADLESS
                ? Discovery.headlessHosts(replicaCount, workload, topology.gvcAlias().orElseThrow())
                : Discovery.replicaDirectHosts(replicaCount, workload, topology.location().orElseThrow(),
                        topology.gvc().orElseThrow());
        List<String> servers = Discovery.bootstrapServers(kafkaPort, hosts);
        env.replaceSetting(BOOTSTRAP_SERVERS, String.join(",", servers), Origin.DISCOVERED);
        return servers;
    }

    private static Optional<String> topologyValue(String name, Topology topology) {
        return switch (name) {
            case WORKLOAD_NAME -> topology.workload();
            case LOCATION -> topology.location();
            case GVC_NAME -> topology.gvc();
            case GVC_ALIAS -> topology.gvcAlias();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** "A", "A and B", "A, B and C". */
    private static String listing(List<String> items) {
        int last = items.size() - 1;
        return last == 0 ? items.getFirst() : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }

    private static String withSource(String name) {
        String injected = switch (name) {
            case WORKLOAD_NAME -> CPLN_WORKLOAD;
            case LOCATION -> CPLN_LOCATION;
            case GVC_NAME -> CPLN_GVC;
            case GVC_ALIAS -> CPLN_GVC_ALIAS;
            default -> throw new IllegalArgumentException(name);
        };
        return name + " (or " + injected + ")";
    }

    private Optional<Sasl> sasl() {
        boolean enabled = env.read(SASL_ENABLED, false, ConfigLoader::bool, ACCEPT_BOOLEAN, String::valueOf);
        Sasl.Mechanism mechanism = env.read(SASL_MECHANISM, Sasl.Mechanism.PLAIN,
                text -> Sasl.Mechanism.fromKafkaName(text).orElseThrow(() -> new Invalid("unsupported mechanism")),
                ACCEPT_MECHANISM, Sasl.Mechanism::kafkaName);
        Optional<String> username = exact(SASL_USERNAME);
        Optional<String> password = exact(SASL_PASSWORD);
        if (!enabled) {
            return Optional.empty();
        }
        if (username.isEmpty() && !env.isRejected(SASL_USERNAME)) {
            env.rejectUnset(SASL_USERNAME, "required when SASL_ENABLED is true",
                    "the user name the brokers know this client by");
        }
        if (password.isEmpty() && !env.isRejected(SASL_PASSWORD)) {
            env.rejectUnset(SASL_PASSWORD, "required when SASL_ENABLED is true",
                    "the password of SASL_USERNAME, or a cpln://secret/... reference the platform resolves");
        }
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sasl(mechanism, username.get(), Secret.of(password.get())));
    }

    private Optional<Tls> tls() {
        boolean enabled = env.read(TLS_ENABLED, false, ConfigLoader::bool, ACCEPT_BOOLEAN, String::valueOf);
        Optional<Path> caFile = env.readOptional(TLS_CA_FILE, ConfigLoader::path, ACCEPT_CA_FILE, Path::toString);
        Optional<Path> certFile = env.readOptional(TLS_CERT_FILE, ConfigLoader::path, ACCEPT_CERT_FILE,
                Path::toString);
        Optional<Path> keyFile = env.readOptional(TLS_KEY_FILE, ConfigLoader::path, ACCEPT_KEY_FILE, Path::toString);
        Optional<String> keyPassword = exact(TLS_KEY_PASSWORD);
        boolean verifyHostname = env.read(TLS_VERIFY_HOSTNAME, true, ConfigLoader::bool, ACCEPT_BOOLEAN,
                String::valueOf);
        if (!enabled) {
            return Optional.empty();
        }
        if (caFile.isEmpty() && !env.isRejected(TLS_CA_FILE)) {
            env.rejectUnset(TLS_CA_FILE, "required when TLS_ENABLED is true", ACCEPT_CA_FILE);
        }
        caFile.ifPresent(file -> checkCertificates(TLS_CA_FILE, file, ACCEPT_CA_FILE));
        if (certFile.isPresent() && keyFile.isEmpty() && !env.isRejected(TLS_KEY_FILE)) {
            env.rejectUnset(TLS_KEY_FILE, "required when TLS_CERT_FILE is set", ACCEPT_KEY_FILE);
        }
        if (keyFile.isPresent() && certFile.isEmpty() && !env.isRejected(TLS_CERT_FILE)) {
            env.rejectUnset(TLS_CERT_FILE, "required when TLS_KEY_FILE is set", ACCEPT_CERT_FILE);
        }
        certFile.ifPresent(file -> checkCertificates(TLS_CERT_FILE, file, ACCEPT_CERT_FILE));
        Optional<PemFiles.KeyKind> keyKind = keyFile.flatMap(this::checkPrivateKey);
        if (keyPassword.isPresent() && keyFile.isEmpty() && !env.isRejected(TLS_KEY_FILE)) {
            env.reject(TLS_KEY_PASSWORD, keyPassword.get(), "set without TLS_KEY_FILE",
                    "unset, or set together with TLS_KEY_FILE holding an encrypted key");
        }
        if (keyKind.equals(Optional.of(PemFiles.KeyKind.ENCRYPTED)) && keyPassword.isEmpty()
                && !env.isRejected(TLS_KEY_PASSWORD)) {
            env.rejectUnset(TLS_KEY_PASSWORD, "required because TLS_KEY_FILE holds an encrypted key",
                    "the password of the key in TLS_KEY_FILE");
        }
        if (keyKind.equals(Optional.of(PemFiles.KeyKind.UNENCRYPTED)) && keyPassword.isPresent()) {
            env.reject(TLS_KEY_PASSWORD, keyPassword.get(), "TLS_KEY_FILE holds an unencrypted key, which takes no"
                    + " password", "unset, or set together with TLS_KEY_FILE holding an encrypted key");
        }
        if (caFile.isEmpty() || certFile.isPresent() != keyFile.isPresent()
                || (keyPassword.isPresent() && keyFile.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Tls(caFile.get(), certFile, keyFile, keyPassword.map(Secret::of), verifyHostname));
    }

    private void checkCertificates(String name, Path file, String accepted) {
        try {
            PemFiles.checkCertificates(file, accepted);
        } catch (PemFiles.BadFile bad) {
            env.reject(name, file.toString(), bad.getMessage(), bad.accepted);
        }
    }

    private Optional<PemFiles.KeyKind> checkPrivateKey(Path file) {
        try {
            return Optional.of(PemFiles.checkPrivateKey(file, ACCEPT_KEY_FILE));
        } catch (PemFiles.BadFile bad) {
            env.reject(TLS_KEY_FILE, file.toString(), bad.getMessage(), bad.accepted);
            return Optional.empty();
        }
    }

    /** A user name or password: exactly as given, no trimming; recorded as a setting (passwords masked). */
    private Optional<String> exact(String name) {
        Optional<String> value = env.exactValue(name);
        env.replaceSetting(name, value.orElse(Setting.NOT_SET), value.isPresent() ? Origin.VARIABLE : Origin.DEFAULT);
        return value;
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
        return text -> Arrays.stream(values).filter(value -> value.name().equalsIgnoreCase(text)).findFirst()
                .orElseThrow(() -> new Invalid(problem));
    }

    private static String dnsLabel(String text) throws Invalid {
        if (!DNS_LABEL.matcher(text).matches()) {
            throw new Invalid("not a DNS label");
        }
        return text;
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

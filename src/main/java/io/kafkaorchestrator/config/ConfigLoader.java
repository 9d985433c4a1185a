package io.kafkaorchestrator.config;

import static io.kafkaorchestrator.config.Variables.ACCEPT_DNS_LABEL;
import static io.kafkaorchestrator.config.Variables.BOOTSTRAP_DNS;
import static io.kafkaorchestrator.config.Variables.BOOTSTRAP_SERVERS;
import static io.kafkaorchestrator.config.Variables.BROKER_ID;
import static io.kafkaorchestrator.config.Variables.CGROUP_ROOT;
import static io.kafkaorchestrator.config.Variables.CHECK_INTERVAL;
import static io.kafkaorchestrator.config.Variables.CHECK_TIMEOUT;
import static io.kafkaorchestrator.config.Variables.CPLN_GVC;
import static io.kafkaorchestrator.config.Variables.CPLN_GVC_ALIAS;
import static io.kafkaorchestrator.config.Variables.CPLN_LOCATION;
import static io.kafkaorchestrator.config.Variables.CPLN_WORKLOAD;
import static io.kafkaorchestrator.config.Variables.DNS_LABEL;
import static io.kafkaorchestrator.config.Variables.GVC_ALIAS;
import static io.kafkaorchestrator.config.Variables.GVC_NAME;
import static io.kafkaorchestrator.config.Variables.HOSTNAME;
import static io.kafkaorchestrator.config.Variables.KAFKA_PORT;
import static io.kafkaorchestrator.config.Variables.LOCATION;
import static io.kafkaorchestrator.config.Variables.LOG_FORMAT;
import static io.kafkaorchestrator.config.Variables.LOG_LEVEL;
import static io.kafkaorchestrator.config.Variables.PORT;
import static io.kafkaorchestrator.config.Variables.REPLICA_COUNT;
import static io.kafkaorchestrator.config.Variables.SASL_ENABLED;
import static io.kafkaorchestrator.config.Variables.SASL_MECHANISM;
import static io.kafkaorchestrator.config.Variables.SASL_PASSWORD;
import static io.kafkaorchestrator.config.Variables.SASL_USERNAME;
import static io.kafkaorchestrator.config.Variables.STARTUP_GRACE;
import static io.kafkaorchestrator.config.Variables.TLS_CA_FILE;
import static io.kafkaorchestrator.config.Variables.TLS_CERT_FILE;
import static io.kafkaorchestrator.config.Variables.TLS_ENABLED;
import static io.kafkaorchestrator.config.Variables.TLS_KEY_FILE;
import static io.kafkaorchestrator.config.Variables.TLS_KEY_PASSWORD;
import static io.kafkaorchestrator.config.Variables.TLS_VERIFY_HOSTNAME;
import static io.kafkaorchestrator.config.Variables.WORKLOAD_NAME;

import io.kafkaorchestrator.config.Setting.Origin;
import io.kafkaorchestrator.discovery.BootstrapDns;
import io.kafkaorchestrator.discovery.Discovery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds the {@link Config} from an environment map (the real one in production, a plain map in tests), validating
 * everything at once: bad input throws a {@link ConfigException} listing every problem. Each variable is declared in
 * {@link Variables}; this class holds the rules that tie variables together, in the order their problems are listed.
 *
 * <p>Rules that hold for every variable: an empty (or blank) value counts as unset, because Control Plane sometimes
 * injects empty values; surrounding whitespace is ignored except in SASL_USERNAME and the passwords; a value still
 * starting with {@code cpln://} is an unresolved secret reference and always an error. The syntax of every set variable
 * is checked; requirements of a feature (SASL credentials, TLS files) only when the feature is on.
 */
public final class ConfigLoader {
    /** Every variable read, in the order of the settings list and of the problems. */
    static final List<String> VARIABLES =
            Variables.all().stream().map(Variable::name).toList();

    /** A name in the bootstrap DNS names: its override, the variable Control Plane injects it in, its place. */
    private record TopologyName(
            Variable<String> override, Variable<String> injected, Function<Topology, Optional<String>> inTopology) {
        /** "WORKLOAD_NAME (or CPLN_WORKLOAD)", for a problem that either would solve. */
        String eitherVariable() {
            return override.name() + " (or " + injected.name() + ")";
        }
    }

    private static final TopologyName WORKLOAD = new TopologyName(WORKLOAD_NAME, CPLN_WORKLOAD, Topology::workload);
    private static final TopologyName LOCATION_NAME = new TopologyName(LOCATION, CPLN_LOCATION, Topology::location);
    private static final TopologyName GVC = new TopologyName(GVC_NAME, CPLN_GVC, Topology::gvc);
    private static final TopologyName ALIAS = new TopologyName(GVC_ALIAS, CPLN_GVC_ALIAS, Topology::gvcAlias);

    private final EnvReader env;

    private ConfigLoader(Map<String, String> env) {
        this.env = new EnvReader(env, Variables.all());
    }

    public static Config load(Map<String, String> env) throws ConfigException {
        return new ConfigLoader(env).load();
    }

    private Config load() throws ConfigException {
        int replicaCount = env.read(REPLICA_COUNT);
        int kafkaPort = env.read(KAFKA_PORT);
        int httpPort = env.read(PORT);
        if (httpPort == kafkaPort && !env.isRejected(PORT) && !env.isRejected(KAFKA_PORT)) {
            env.reject(
                    PORT,
                    String.valueOf(httpPort),
                    "the same port as KAFKA_PORT, and the sidecar shares the broker's network",
                    PORT.accepted());
        }
        Duration checkTimeout = env.read(CHECK_TIMEOUT);
        Duration checkInterval = env.read(CHECK_INTERVAL);
        Duration startupGrace = env.read(STARTUP_GRACE);
        LogLevel logLevel = env.read(LOG_LEVEL);
        LogFormat logFormat = env.read(LOG_FORMAT);

        int brokerId = brokerId();
        Topology topology = new Topology(
                topologyName(WORKLOAD),
                topologyName(LOCATION_NAME),
                topologyName(GVC),
                topologyName(ALIAS),
                env.value(HOSTNAME));
        BootstrapDns bootstrapDns = env.read(BOOTSTRAP_DNS);
        List<String> bootstrapServers = bootstrapServers(kafkaPort, replicaCount, bootstrapDns, topology);

        Security security = Security.of(sasl(), tls());
        Path cgroupRoot = env.read(CGROUP_ROOT);

        if (!env.problems().isEmpty()) {
            throw new ConfigException(env.problems());
        }
        return new Config(
                brokerId,
                replicaCount,
                kafkaPort,
                httpPort,
                bootstrapServers,
                checkTimeout,
                checkInterval,
                startupGrace,
                logLevel,
                logFormat,
                security,
                cgroupRoot,
                topology,
                env.settings());
    }

    /** BROKER_ID if set, else the ordinal at the end of HOSTNAME; without either there is no way to know. */
    private int brokerId() {
        Optional<Integer> explicit = env.readOptional(BROKER_ID);
        if (explicit.isPresent() || env.isRejected(BROKER_ID)) {
            return explicit.orElse(-1);
        }
        if (env.value(HOSTNAME).isEmpty()) {
            if (!env.isRejected(HOSTNAME)) {
                env.rejectUnset(
                        BROKER_ID,
                        "no broker id, and no HOSTNAME to discover it from",
                        BROKER_ID.accepted() + ", or HOSTNAME ending in -{ordinal}, such as kafka-0");
            }
            return -1;
        }
        Optional<Integer> discovered = env.discover(HOSTNAME, BROKER_ID);
        discovered.ifPresent(id -> env.record(BROKER_ID, id, Origin.DISCOVERED));
        return discovered.orElse(-1);
    }

    /**
     * A topology name: the override variable if set, else what the injected variable tells, else unknown. The name
     * must be a DNS label because it becomes part of the bootstrap DNS names.
     */
    private Optional<String> topologyName(TopologyName name) {
        Optional<String> value = env.readOptional(name.override());
        if (value.isPresent() || env.isRejected(name.override())) {
            return value;
        }
        Optional<String> discovered = env.discover(name.injected(), name.override());
        if (discovered.isPresent() && !DNS_LABEL.matcher(discovered.get()).matches()) {
            env.reject(
                    name.injected(),
                    env.value(name.injected()).orElseThrow(),
                    "\"" + discovered.get() + "\" is not a DNS label",
                    ACCEPT_DNS_LABEL + ", or " + name.override().name() + " set");
            env.markRejected(name.override());
            return Optional.empty();
        }
        discovered.ifPresent(found -> env.record(name.override(), found, Origin.DISCOVERED));
        return discovered;
    }

    /**
     * BOOTSTRAP_SERVERS if set. Otherwise the own broker at localhost first, then every replica by DNS name. When the
     * names the replicas' addresses need are unknown (running outside Control Plane), a single replica bootstraps
     * from localhost alone; more replicas are an error, since dropping them silently would hide a wrong setup.
     */
    private List<String> bootstrapServers(int kafkaPort, int replicaCount, BootstrapDns dns, Topology topology) {
        Optional<List<String>> explicit = env.readOptional(BOOTSTRAP_SERVERS);
        if (explicit.isPresent() || env.isRejected(BOOTSTRAP_SERVERS)) {
            return explicit.orElse(List.of());
        }
        List<String> localOnly = Discovery.bootstrapServers(kafkaPort, List.of());
        env.record(BOOTSTRAP_SERVERS, localOnly, Origin.DEFAULT);
        if (dns == BootstrapDns.HEADLESS
                && replicaCount > 1
                && topology.gvcAlias().isEmpty()
                && !env.isRejected(GVC_ALIAS)) {
            env.reject(
                    BOOTSTRAP_DNS,
                    dns.variableValue(),
                    "needs the GVC alias, and neither GVC_ALIAS nor CPLN_GVC_ALIAS is set",
                    "replica-direct, or headless with GVC_ALIAS or CPLN_GVC_ALIAS set");
        }
        List<TopologyName> needed =
                dns == BootstrapDns.HEADLESS ? List.of(WORKLOAD, ALIAS) : List.of(WORKLOAD, LOCATION_NAME, GVC);
        if (needed.stream().anyMatch(name -> env.isRejected(name.override()))
                || env.isRejected(BOOTSTRAP_DNS)
                || env.isRejected(REPLICA_COUNT)
                || env.isRejected(KAFKA_PORT)) {
            return localOnly;
        }
        List<String> missing = needed.stream()
                .filter(name -> name.inTopology().apply(topology).isEmpty())
                .map(TopologyName::eitherVariable)
                .toList();
        if (!missing.isEmpty()) {
            if (replicaCount > 1) {
                env.reject(
                        REPLICA_COUNT,
                        String.valueOf(replicaCount),
                        "the other replicas' addresses need " + listing(missing) + ", which "
                                + (missing.size() == 1 ? "is" : "are") + " not set",
                        "1 outside Control Plane, or the missing variables set, or BOOTSTRAP_SERVERS set");
            }
            return localOnly;
        }
        String workload = topology.workload().orElseThrow();
        List<String> hosts = dns == BootstrapDns.HEADLESS
                ? Discovery.headlessHosts(
                        replicaCount, workload, topology.gvcAlias().orElseThrow())
                : Discovery.replicaDirectHosts(
                        replicaCount,
                        workload,
                        topology.location().orElseThrow(),
                        topology.gvc().orElseThrow());
        List<String> servers = Discovery.bootstrapServers(kafkaPort, hosts);
        env.record(BOOTSTRAP_SERVERS, servers, Origin.DISCOVERED);
        return servers;
    }

    /** "A", "A and B", "A, B and C". */
    private static String listing(List<String> items) {
        int last = items.size() - 1;
        return last == 0 ? items.getFirst() : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }

    private Optional<Sasl> sasl() {
        boolean enabled = env.read(SASL_ENABLED);
        Sasl.Mechanism mechanism = env.read(SASL_MECHANISM);
        Optional<String> username = env.readOptional(SASL_USERNAME);
        Optional<String> password = env.readOptional(SASL_PASSWORD);
        if (!enabled) {
            return Optional.empty();
        }
        if (username.isEmpty() && !env.isRejected(SASL_USERNAME)) {
            env.rejectUnset(SASL_USERNAME, "required when SASL_ENABLED is true", SASL_USERNAME.accepted());
        }
        if (password.isEmpty() && !env.isRejected(SASL_PASSWORD)) {
            env.rejectUnset(SASL_PASSWORD, "required when SASL_ENABLED is true", SASL_PASSWORD.accepted());
        }
        if (username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Sasl(mechanism, username.get(), Secret.of(password.get())));
    }

    private Optional<Tls> tls() {
        boolean enabled = env.read(TLS_ENABLED);
        Optional<Path> caFile = env.readOptional(TLS_CA_FILE);
        Optional<Path> certFile = env.readOptional(TLS_CERT_FILE);
        Optional<Path> keyFile = env.readOptional(TLS_KEY_FILE);
        Optional<String> keyPassword = env.readOptional(TLS_KEY_PASSWORD);
        boolean verifyHostname = env.read(TLS_VERIFY_HOSTNAME);
        if (!enabled) {
            return Optional.empty();
        }
        if (caFile.isEmpty() && !env.isRejected(TLS_CA_FILE)) {
            env.rejectUnset(TLS_CA_FILE, "required when TLS_ENABLED is true", TLS_CA_FILE.accepted());
        }
        caFile.ifPresent(file -> checkCertificates(TLS_CA_FILE, file));
        if (certFile.isPresent() && keyFile.isEmpty() && !env.isRejected(TLS_KEY_FILE)) {
            env.rejectUnset(TLS_KEY_FILE, "required when TLS_CERT_FILE is set", TLS_KEY_FILE.accepted());
        }
        if (keyFile.isPresent() && certFile.isEmpty() && !env.isRejected(TLS_CERT_FILE)) {
            env.rejectUnset(TLS_CERT_FILE, "required when TLS_KEY_FILE is set", TLS_CERT_FILE.accepted());
        }
        certFile.ifPresent(file -> checkCertificates(TLS_CERT_FILE, file));
        Optional<PemFiles.KeyKind> keyKind = keyFile.flatMap(this::checkPrivateKey);
        if (keyPassword.isPresent() && keyFile.isEmpty() && !env.isRejected(TLS_KEY_FILE)) {
            env.reject(
                    TLS_KEY_PASSWORD,
                    keyPassword.get(),
                    "set without TLS_KEY_FILE",
                    "unset, or set together with TLS_KEY_FILE holding an encrypted key");
        }
        if (keyKind.equals(Optional.of(PemFiles.KeyKind.ENCRYPTED))
                && keyPassword.isEmpty()
                && !env.isRejected(TLS_KEY_PASSWORD)) {
            env.rejectUnset(
                    TLS_KEY_PASSWORD,
                    "required because TLS_KEY_FILE holds an encrypted key",
                    TLS_KEY_PASSWORD.accepted());
        }
        if (keyKind.equals(Optional.of(PemFiles.KeyKind.UNENCRYPTED)) && keyPassword.isPresent()) {
            env.reject(
                    TLS_KEY_PASSWORD,
                    keyPassword.get(),
                    "TLS_KEY_FILE holds an unencrypted key, which takes no password",
                    "unset, or set together with TLS_KEY_FILE holding an encrypted key");
        }
        if (caFile.isEmpty()
                || certFile.isPresent() != keyFile.isPresent()
                || (keyPassword.isPresent() && keyFile.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Tls(caFile.get(), certFile, keyFile, keyPassword.map(Secret::of), verifyHostname));
    }

    private void checkCertificates(Variable<Path> variable, Path file) {
        try {
            PemFiles.checkCertificates(file, variable.accepted());
        } catch (PemFiles.BadFile bad) {
            env.reject(variable, file.toString(), bad.getMessage(), bad.accepted);
        }
    }

    private Optional<PemFiles.KeyKind> checkPrivateKey(Path file) {
        try {
            return Optional.of(PemFiles.checkPrivateKey(file, TLS_KEY_FILE.accepted()));
        } catch (PemFiles.BadFile bad) {
            env.reject(TLS_KEY_FILE, file.toString(), bad.getMessage(), bad.accepted);
            return Optional.empty();
        }
    }
}

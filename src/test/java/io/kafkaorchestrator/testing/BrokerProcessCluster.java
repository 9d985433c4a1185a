package io.kafkaorchestrator.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionReplica;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real KRaft cluster of broker processes, started from the test class path ({@code kafka.Kafka} by way of
 * {@link BrokerMain}), for what the in-process test kit cannot do: crash a broker (SIGKILL), freeze it (SIGSTOP),
 * lose the controller quorum, break a log directory.
 *
 * <p>Brokers have ids {@code 0..n-1}; by default one separate controller ({@link #CONTROLLER_ID}) runs beside them
 * so the quorum can be taken away. Each broker has two listeners: {@code CLIENT} carries the security under test
 * (PLAINTEXT, SASL, TLS) and {@code INTERNAL} (PLAINTEXT) serves replication and the set-up {@link #admin()}.
 * Timeouts are lowered so that fencing and ISR changes show within seconds.
 *
 * <p>Every directory lives under one temp directory, deleted by {@link #close()}; each node's output (WARN and
 * above) goes to {@code node-<id>/server.log} there and is copied to {@code target/broker-logs/} on close. If a
 * test run ends without {@code close()}, a JVM shutdown hook kills the processes; if the test JVM is killed, the
 * nodes halt by themselves ({@link BrokerMain}).
 */
public final class BrokerProcessCluster implements AutoCloseable {

    /** Node id of the separate controller. */
    public static final int CONTROLLER_ID = 3000;

    /** Every PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 user can log in with each of these mechanisms. */
    public static final List<String> SASL_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final String INTRA_BROKER_THROTTLE = "replica.alter.log.dirs.io.max.bytes.per.second";
    private static final Path KEPT_LOGS = Path.of("target", "broker-logs");
    private static final List<String> JVM_OPTIONS = List.of(
            "-Xss512k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:+ExitOnOutOfMemoryError",
            "--sun-misc-unsafe-memory-access=allow",
            "--enable-native-access=ALL-UNNAMED");

    private final Builder settings;
    private final Path root;
    private final Map<Integer, NodeLayout> nodes;
    private TlsFiles tlsFiles;
    private final Map<Integer, Process> processes = new ConcurrentHashMap<>();
    private final Thread shutdownHook = new Thread(this::destroyEverything, "broker-process-cluster-cleanup");
    private Admin admin;
    private boolean closed;

    /** Where one node lives: its directories and ports (0 for a role the node does not have). */
    private record NodeLayout(
            int id,
            boolean broker,
            boolean controller,
            Path dir,
            List<Path> logDirs,
            int clientPort,
            int internalPort,
            int controllerPort) {
        Path properties() {
            return dir.resolve("server.properties");
        }

        Path log() {
            return dir.resolve("server.log");
        }

        Path metadataDir() {
            return dir.resolve("metadata");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Cluster shape and client listener security. Defaults: one broker, a separate controller, PLAINTEXT. */
    public static final class Builder {
        private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

        private int brokers = 1;
        private boolean combined;
        private int logDirsPerBroker = 1;
        private String heap = "256m";
        private Duration startTimeout = Duration.ofSeconds(60);
        private SecurityProtocol clientProtocol = SecurityProtocol.PLAINTEXT;
        private boolean clientCertificateRequired;
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> extraConfig = new LinkedHashMap<>();

        private Builder() {}

        /** Broker ids 0..count-1. */
        public Builder brokers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("brokers must be at least 1, got " + count);
            }
            brokers = count;
            return this;
        }

        /** Every broker is also a controller (a quorum of all brokers); there is no separate controller. */
        public Builder combined() {
            combined = true;
            return this;
        }

        /** JBOD: each broker gets this many data directories. */
        public Builder logDirsPerBroker(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("logDirsPerBroker must be at least 1, got " + count);
            }
            logDirsPerBroker = count;
            return this;
        }

        /** Security of the CLIENT listener; SASL enables PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512 together. */
        public Builder clientSecurity(SecurityProtocol protocol) {
            clientProtocol = protocol;
            return this;
        }

        /** With SSL or SASL_SSL: the CLIENT listener requires a client certificate signed by the test CA. */
        public Builder requireClientCertificate() {
            clientCertificateRequired = true;
            return this;
        }

        /** A SASL user known to all three mechanisms; the password may hold any character. */
        public Builder user(String name, String password) {
            if (!USER_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("user name must match " + USER_NAME + ", got '" + name + "'");
            }
            users.put(name, password);
            return this;
        }

        /** Maximum heap of every node's JVM (-Xmx), default 256m: a broker with many partitions needs more. */
        public Builder heap(String size) {
            heap = size;
            return this;
        }

        /**
         * How long a node may take to listen and a broker to register, default 60 s: a broker recovering the logs of
         * tens of thousands of partitions after kill -9 needs minutes.
         */
        public Builder startTimeout(Duration timeout) {
            startTimeout = timeout;
            return this;
        }

        /** Any server property, for every node; overrides the harness defaults. */
        public Builder config(String key, String value) {
            extraConfig.put(key, value);
            return this;
        }

        /** Formats storage, starts every node and waits until every broker is registered and unfenced. */
        public BrokerProcessCluster start() throws IOException, GeneralSecurityException {
            if (sasl() == users.isEmpty()) {
                throw new IllegalStateException("users are needed with SASL and only with SASL; clientSecurity is "
                        + clientProtocol + " and " + users.size() + " user(s) were given");
            }
            if (clientCertificateRequired && !tls()) {
                throw new IllegalStateException(
                        "requireClientCertificate needs clientSecurity SSL or SASL_SSL, got " + clientProtocol);
            }
            BrokerProcessCluster cluster = new BrokerProcessCluster(this);
            try {
                cluster.startAll();
                return cluster;
            } catch (Throwable e) {
                cluster.close();
                throw e;
            }
        }

        private boolean sasl() {
            return clientProtocol == SecurityProtocol.SASL_PLAINTEXT || clientProtocol == SecurityProtocol.SASL_SSL;
        }

        private boolean tls() {
            return clientProtocol == SecurityProtocol.SSL || clientProtocol == SecurityProtocol.SASL_SSL;
        }
    }

    private BrokerProcessCluster(Builder settings) throws IOException {
        this.settings = settings;
        this.root = Files.createTempDirectory("kafka-cluster-");
        this.nodes = layOut(settings, root);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private static Map<Integer, NodeLayout> layOut(Builder settings, Path root) throws IOException {
        Map<Integer, NodeLayout> layout = new LinkedHashMap<>();
        List<Integer> ports = freePorts(settings.brokers * 3 + 1);
        int next = 0;
        if (!settings.combined) {
            layout.put(
                    CONTROLLER_ID,
                    new NodeLayout(
                            CONTROLLER_ID,
                            false,
                            true,
                            root.resolve("node-" + CONTROLLER_ID),
                            List.of(),
                            0,
                            0,
                            ports.get(next++)));
        }
        for (int id = 0; id < settings.brokers; id++) {
            Path dir = root.resolve("node-" + id);
            List<Path> logDirs = IntStream.range(0, settings.logDirsPerBroker)
                    .mapToObj(i -> dir.resolve("data-" + i))
                    .toList();
            int clientPort = ports.get(next++);
            int internalPort = ports.get(next++);
            int controllerPort = settings.combined ? ports.get(next++) : 0;
            layout.put(
                    id,
                    new NodeLayout(
                            id, true, settings.combined, dir, logDirs, clientPort, internalPort, controllerPort));
        }
        return layout;
    }

    /** Ports that were free a moment ago; all are held open together so that no two are the same. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private void startAll() throws IOException, GeneralSecurityException {
        long startNanos = System.nanoTime();
        if (settings.tls()) {
            tlsFiles = TlsFiles.generate(root.resolve("tls"));
        }
        String clusterId = Uuid.randomUuid().toString();
        Path loggingConfig = root.resolve("logging.properties");
        Files.writeString(loggingConfig, """
            handlers=java.util.logging.ConsoleHandler
            .level=WARNING
            # A node that cannot reach another logs this many times a second.
            org.apache.kafka.clients.NetworkClient.level=SEVERE
            java.util.logging.ConsoleHandler.level=ALL
            java.util.logging.SimpleFormatter.format=%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n
            """);
        for (NodeLayout node : nodes.values()) {
            Files.createDirectories(node.metadataDir());
            for (Path logDir : node.logDirs()) {
                Files.createDirectories(logDir);
            }
            try (OutputStream out = Files.newOutputStream(node.properties())) {
                serverProperties(node).store(out, "node " + node.id());
            }
            format(node, clusterId);
        }
        for (NodeLayout node : nodes.values()) {
            launch(node);
        }
        for (NodeLayout node : nodes.values()) {
            awaitListening(node);
        }
        List<Integer> brokerIds = brokerIds();
        await(
                "brokers " + brokerIds + " registered and unfenced",
                settings.startTimeout,
                () -> admin().describeCluster().nodes().get(2, TimeUnit.SECONDS).stream()
                        .map(Node::id)
                        .toList()
                        .containsAll(brokerIds));
        System.out.printf(
                "BrokerProcessCluster: brokers %s up in %d ms (%s)%n",
                brokerIds, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), root);
    }

    private Properties serverProperties(NodeLayout node) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("node.id", Integer.toString(node.id()));
        config.put(
                "process.roles",
                node.broker() && node.controller() ? "broker,controller" : node.broker() ? "broker" : "controller");
        config.put(
                "controller.quorum.voters",
                String.join(
                        ",",
                        nodes.values().stream()
                                .filter(NodeLayout::controller)
                                .map(n -> n.id() + "@localhost:" + n.controllerPort())
                                .toList()));
        config.put("controller.listener.names", "CONTROLLER");
        List<String> listeners = new ArrayList<>();
        if (node.broker()) {
            listeners.add("CLIENT://localhost:" + node.clientPort());
            listeners.add("INTERNAL://localhost:" + node.internalPort());
            config.put("advertised.listeners", String.join(",", listeners));
            config.put("inter.broker.listener.name", "INTERNAL");
        }
        if (node.controller()) {
            listeners.add("CONTROLLER://localhost:" + node.controllerPort());
        }
        config.put("listeners", String.join(",", listeners));
        config.put(
                "listener.security.protocol.map",
                "CLIENT:" + settings.clientProtocol.name + ",INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("metadata.log.dir", node.metadataDir().toString());
        // The metadata log has a directory of its own, so a failed data directory never takes the broker down.
        config.put(
                "log.dirs",
                node.broker()
                        ? String.join(
                                ",", node.logDirs().stream().map(Path::toString).toList())
                        : node.metadataDir().toString());

        // Fencing and ISR changes within seconds; also lets a killed broker re-register quickly (its old session
        // must expire first, else DUPLICATE_BROKER_REGISTRATION).
        config.put("broker.session.timeout.ms", "1500");
        config.put("broker.heartbeat.interval.ms", "250");
        config.put("replica.lag.time.max.ms", "2000");
        // A failed data directory is noticed at the next checkpoint read or write in it (see failLogDir).
        config.put("replica.high.watermark.checkpoint.interval.ms", "500");
        config.put("log.cleaner.backoff.ms", "500");
        // A throttled intra-broker move copies one fetch per quota window (~11 s): keep fetches small (see
        // startSlowReplicaMove). A batch larger than this is still fetched whole.
        config.put("replica.fetch.max.bytes", "65536");

        String internalReplication = Integer.toString(Math.min(3, settings.brokers));
        config.put("offsets.topic.replication.factor", internalReplication);
        config.put("offsets.topic.num.partitions", "3");
        config.put("transaction.state.log.replication.factor", internalReplication);
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", internalReplication);
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");

        // Small and few threads and buffers: several brokers share two cores and little memory.
        config.put("num.network.threads", "1");
        config.put("num.io.threads", "2");
        config.put("num.replica.fetchers", "1");
        config.put("num.recovery.threads.per.data.dir", "1");
        config.put("background.threads", "2");
        config.put("log.cleaner.threads", "1");
        config.put("log.cleaner.dedupe.buffer.size", "2097152");

        if (node.broker()) {
            config.putAll(clientListenerSecurity());
        }
        config.putAll(settings.extraConfig);
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }

    private Map<String, String> clientListenerSecurity() {
        Map<String, String> config = new LinkedHashMap<>();
        String prefix = "listener.name.client.";
        if (settings.sasl()) {
            config.put("sasl.enabled.mechanisms", String.join(",", SASL_MECHANISMS));
            StringBuilder plainUsers =
                    new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
            settings.users.forEach((name, password) ->
                    plainUsers.append(" user_").append(name).append('=').append(jaasQuoted(password)));
            config.put(prefix + "plain.sasl.jaas.config", plainUsers.append(';').toString());
            String scram = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
            config.put(prefix + "scram-sha-256.sasl.jaas.config", scram);
            config.put(prefix + "scram-sha-512.sasl.jaas.config", scram);
        }
        if (tlsFiles != null) {
            config.put(prefix + "ssl.keystore.type", "PEM");
            config.put(
                    prefix + "ssl.keystore.location", tlsFiles.brokerKeyStore().toString());
            config.put(prefix + "ssl.truststore.type", "PEM");
            config.put(
                    prefix + "ssl.truststore.location", tlsFiles.caCertificate().toString());
            config.put(prefix + "ssl.client.auth", settings.clientCertificateRequired ? "required" : "none");
        }
        return config;
    }

    /** A JAAS option value: double quotes, with {@code \} and {@code "} escaped by a backslash. */
    static String jaasQuoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** Runs kafka-storage format in this JVM; SCRAM users go into the controllers' bootstrap metadata (--add-scram). */
    private void format(NodeLayout node, String clusterId) {
        List<String> args = new ArrayList<>(
                List.of("format", "-t", clusterId, "-c", node.properties().toString()));
        if (node.controller()) {
            settings.users.forEach((name, password) -> {
                for (String mechanism : List.of("SCRAM-SHA-256", "SCRAM-SHA-512")) {
                    args.add("--add-scram");
                    args.add(scramCredential(mechanism, name, password));
                }
            });
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, UTF_8)) {
            exitCode = kafka.tools.StorageTool.execute(args.toArray(String[]::new), out);
        }
        if (exitCode != 0) {
            throw new IllegalStateException("kafka-storage format of node " + node.id() + " exited with " + exitCode
                    + ": " + output.toString(UTF_8));
        }
    }

    /**
     * A pre-salted SCRAM credential for {@code --add-scram}: only base64 text reaches the tool's parser, so the
     * password may hold quotes, commas or brackets. The salted password is PBKDF2 (RFC 5802 Hi) of the UTF-8 password.
     */
    private static String scramCredential(String mechanism, String name, String password) {
        int bits = mechanism.equals("SCRAM-SHA-256") ? 256 : 512;
        int iterations = 4096;
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        try {
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA" + bits)
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits))
                    .getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return mechanism + "=[name=" + name + ",iterations=" + iterations + ",salt=\"" + base64.encodeToString(salt)
                    + "\",saltedpassword=\"" + base64.encodeToString(salted) + "\"]";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot salt the SCRAM password of " + name, e);
        }
    }

    private void launch(NodeLayout node) throws IOException {
        List<String> command = new ArrayList<>();
        // Lower CPU priority: on a shared 2-core machine the sidecar under test gets the CPU first, as it would with
        // its own CPU quota beside a real broker.
        command.addAll(List.of("nice", "-n", "10"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + settings.heap);
        command.addAll(JVM_OPTIONS);
        command.add("-Djava.util.logging.config.file=" + root.resolve("logging.properties"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BrokerMain.class.getName());
        command.add(node.properties().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()));
        builder.environment().put("MALLOC_ARENA_MAX", "2");
        processes.put(node.id(), builder.start());
    }

    private void awaitListening(NodeLayout node) {
        int port = node.broker() ? node.clientPort() : node.controllerPort();
        await(
                "node " + node.id() + " accepting connections on port " + port,
                settings.startTimeout,
                () -> {
                    Process process = processes.get(node.id());
                    if (process == null || !process.isAlive()) {
                        throw new NodeExited("node " + node.id() + " exited; last lines of " + node.log() + ":\n"
                                + tail(node.log(), 20));
                    }
                    return accepts(port);
                },
                node);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---- addresses and clients

    /** Broker ids, ascending. */
    public List<Integer> brokerIds() {
        return nodes.values().stream()
                .filter(NodeLayout::broker)
                .map(NodeLayout::id)
                .toList();
    }

    /** The CLIENT listeners of all brokers: {@code localhost:p0,localhost:p1,...}. */
    public String bootstrapServers() {
        return String.join(",", brokerIds().stream().map(this::bootstrapServers).toList());
    }

    /** The CLIENT listener of one broker: {@code localhost:port}. */
    public String bootstrapServers(int brokerId) {
        return "localhost:" + port(brokerId);
    }

    /** The port of one broker's CLIENT listener. */
    public int port(int brokerId) {
        return broker(brokerId).clientPort();
    }

    /** A broker's data directories (absolute, as in its {@code log.dirs}). */
    public List<Path> logDirs(int brokerId) {
        return broker(brokerId).logDirs();
    }

    /** The generated TLS files; only with clientSecurity SSL or SASL_SSL. */
    public TlsFiles tlsFiles() {
        if (tlsFiles == null) {
            throw new IllegalStateException("no TLS files: clientSecurity is " + settings.clientProtocol);
        }
        return tlsFiles;
    }

    /**
     * Client settings for the CLIENT listener without SASL: bootstrap servers, security protocol and, with TLS, the
     * CA as trust store and (if the listener requires one) the client certificate.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, settings.clientProtocol.name);
        if (tlsFiles != null) {
            config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM");
            config.put(
                    SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG,
                    tlsFiles.caCertificate().toString());
            if (settings.clientCertificateRequired) {
                config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PEM");
                config.put(SslConfigs.SSL_KEYSTORE_CERTIFICATE_CHAIN_CONFIG, read(tlsFiles.clientCertificate()));
                config.put(SslConfigs.SSL_KEYSTORE_KEY_CONFIG, read(tlsFiles.clientKey()));
            }
        }
        return config;
    }

    /** {@link #clientConfig()} plus a SASL login; mechanism is one of {@link #SASL_MECHANISMS}. */
    public Map<String, Object> clientConfig(String mechanism, String user, String password) {
        Map<String, Object> config = clientConfig();
        String loginModule = mechanism.equals("PLAIN")
                ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        config.put(SaslConfigs.SASL_MECHANISM, mechanism);
        config.put(
                SaslConfigs.SASL_JAAS_CONFIG,
                loginModule + " required username=" + jaasQuoted(user) + " password=" + jaasQuoted(password) + ";");
        return config;
    }

    /** A shared Admin on the INTERNAL PLAINTEXT listeners, for test set-up; closed by {@link #close()}. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        }
        return admin;
    }

    // ---- faults

    /** Whether the broker's process is running (frozen counts as running). */
    public boolean isRunning(int brokerId) {
        Process process = processes.get(broker(brokerId).id());
        return process != null && process.isAlive();
    }

    /** SIGKILL: the broker crashes with no controlled shutdown. Waits until the process is gone. */
    public void kill(int brokerId) {
        Process process = running(broker(brokerId));
        process.destroyForcibly();
        awaitExit(process);
        processes.remove(brokerId);
    }

    /** SIGTERM: controlled shutdown. Waits for the exit; after 30 s it kills (SIGKILL) instead. */
    public void stop(int brokerId) {
        stopNode(broker(brokerId));
    }

    /** SIGSTOP: the broker hangs with its sockets open, like a long GC pause or a frozen VM. */
    public void freeze(int brokerId) {
        signal(running(broker(brokerId)), "STOP");
    }

    /** SIGCONT: undoes {@link #freeze(int)}. */
    public void thaw(int brokerId) {
        signal(running(broker(brokerId)), "CONT");
    }

    /** Starts a stopped or killed broker with the same ports and directories; waits until its port accepts. */
    public void start(int brokerId) throws IOException {
        startNode(broker(brokerId));
    }

    /** {@link #stop(int)} then {@link #start(int)}. */
    public void restart(int brokerId) throws IOException {
        stop(brokerId);
        start(brokerId);
    }

    /** Stops the separate controller (SIGTERM): the quorum has no leader until {@link #startController()}. */
    public void stopController() {
        stopNode(controller());
    }

    public void startController() throws IOException {
        startNode(controller());
    }

    /**
     * Makes a data directory of a running broker fail, and waits until describeLogDirs reports it with an error.
     *
     * <p>Tests run as root, so taking permissions away does nothing. And the segment files a broker holds open keep
     * working after their directory is gone, so it takes a new file operation there for Kafka to notice. So the
     * directory is moved aside and a regular file takes its place; the next checkpoint file the broker reads or
     * writes there fails with an IOException and Kafka marks the directory offline (LogDirFailureChannel), with the
     * replicas in it. Here that happens within a second: the log cleaner reads {@code cleaner-offset-checkpoint} of
     * every directory each {@code log.cleaner.backoff.ms} (500 ms; default 15 s), and high watermarks are written to
     * every directory holding a partition each {@code replica.high.watermark.checkpoint.interval.ms} (500 ms;
     * default 5 s).
     */
    public void failLogDir(int brokerId, Path logDir) throws IOException {
        requireLogDir(brokerId, logDir);
        // A rename, not a delete: the broker may be writing into the directory at this very moment.
        Files.move(logDir, logDir.resolveSibling(logDir.getFileName() + ".failed"), StandardCopyOption.ATOMIC_MOVE);
        Files.createFile(logDir);
        await(
                "log dir " + logDir + " of broker " + brokerId + " reported offline",
                settings.startTimeout,
                () -> logDirDescription(brokerId, logDir).error() != null);
    }

    /**
     * Starts moving a broker's replica of {@code partition} to its other data directory, throttled to 1 byte/s, so a
     * future replica ({@code ReplicaInfo.isFuture()}) stays in the target directory for minutes, until
     * {@link #finishReplicaMoves(int)}. Returns the target directory once describeLogDirs shows the future replica.
     *
     * <p>The throttle only holds back the fetch after the one that exceeded it, and then lets one fetch through per
     * quota window (about 11 s). So this first writes 16 batches of 64 KiB to the partition, and fetches are capped
     * at 64 KiB ({@code replica.fetch.max.bytes}): the copy needs 16 fetches, about 3 minutes.
     */
    public Path startSlowReplicaMove(TopicPartition partition, int brokerId) throws IOException {
        List<Path> dirs = logDirs(brokerId);
        if (dirs.size() < 2) {
            throw new IllegalStateException(
                    "moving a replica needs logDirsPerBroker of 2 or more; broker " + brokerId + " has " + dirs);
        }
        Path from = awaitResult(
                "broker " + brokerId + " reporting a replica of " + partition,
                () -> dirs.stream()
                        .filter(dir ->
                                logDirDescription(brokerId, dir).replicaInfos().containsKey(partition))
                        .findFirst()
                        .orElse(null));
        Path to = dirs.stream().filter(dir -> !dir.equals(from)).findFirst().orElseThrow();
        writeRecords(partition, 16, 64 * 1024);
        setThrottle(brokerId, AlterConfigOp.OpType.SET);
        get(admin().alterReplicaLogDirs(Map.of(
                        new TopicPartitionReplica(partition.topic(), partition.partition(), brokerId), to.toString()))
                .all());
        await("a future replica of " + partition + " in " + to, settings.startTimeout, () -> {
            ReplicaInfo replica = logDirDescription(brokerId, to).replicaInfos().get(partition);
            return replica != null && replica.isFuture();
        });
        return to;
    }

    /** Removes the throttle of {@link #startSlowReplicaMove}: the moves on that broker then complete. */
    public void finishReplicaMoves(int brokerId) {
        setThrottle(brokerId, AlterConfigOp.OpType.DELETE);
    }

    /** describeLogDirs for one directory of one broker (asked of that broker itself). */
    public LogDirDescription logDirDescription(int brokerId, Path logDir) {
        LogDirDescription description = get(admin().describeLogDirs(List.of(brokerId))
                        .allDescriptions())
                .get(brokerId)
                .get(logDir.toString());
        if (description == null) {
            throw new IllegalStateException("broker " + brokerId + " does not report log dir " + logDir);
        }
        return description;
    }

    private void setThrottle(int brokerId, AlterConfigOp.OpType op) {
        AlterConfigOp change = new AlterConfigOp(new ConfigEntry(INTRA_BROKER_THROTTLE, "1"), op);
        get(admin().incrementalAlterConfigs(Map.of(
                        new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(brokerId)), List.of(change)))
                .all());
    }

    private void writeRecords(TopicPartition partition, int count, int size) {
        Map<String, Object> config =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, internalBootstrap(), ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null, new byte[size]));
            }
            producer.flush();
        }
    }

    private String internalBootstrap() {
        return String.join(
                ",",
                brokerIds().stream()
                        .map(id -> "localhost:" + broker(id).internalPort())
                        .toList());
    }

    private void requireLogDir(int brokerId, Path logDir) {
        if (!logDirs(brokerId).contains(logDir)) {
            throw new IllegalArgumentException(
                    "broker " + brokerId + " has log dirs " + logDirs(brokerId) + ", not " + logDir);
        }
    }

    // ---- process control

    private NodeLayout broker(int brokerId) {
        NodeLayout node = nodes.get(brokerId);
        if (node == null || !node.broker()) {
            throw new IllegalArgumentException("no broker " + brokerId + "; brokers are " + brokerIds());
        }
        return node;
    }

    private NodeLayout controller() {
        NodeLayout node = nodes.get(CONTROLLER_ID);
        if (node == null) {
            throw new IllegalStateException("combined cluster: there is no separate controller to stop or start");
        }
        return node;
    }

    private Process running(NodeLayout node) {
        Process process = processes.get(node.id());
        if (process == null) {
            throw new IllegalStateException("node " + node.id() + " is not running");
        }
        return process;
    }

    private void stopNode(NodeLayout node) {
        Process process = running(node);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        awaitExit(process);
        processes.remove(node.id());
    }

    private void startNode(NodeLayout node) throws IOException {
        if (processes.containsKey(node.id())) {
            throw new IllegalStateException("node " + node.id() + " is already running");
        }
        launch(node);
        awaitListening(node);
    }

    private static void signal(Process process, String signal) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }

    private static void awaitExit(Process process) {
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for process " + process.pid() + " to exit", e);
        }
    }

    // ---- waiting

    private void await(String what, Duration timeout, Callable<Boolean> condition, NodeLayout... logsToShow) {
        try {
            Awaitility.await(what)
                    .atMost(timeout)
                    .pollInterval(POLL_INTERVAL)
                    .ignoreExceptionsMatching(e -> !(e instanceof NodeExited))
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder message = new StringBuilder(e.getMessage());
            for (NodeLayout node : logsToShow.length > 0 ? List.of(logsToShow) : nodes.values()) {
                message.append("\n--- last lines of node ")
                        .append(node.id())
                        .append(" (")
                        .append(node.log())
                        .append(")\n")
                        .append(tail(node.log(), 20));
            }
            throw new IllegalStateException(message.toString(), e);
        }
    }

    private <T> T awaitResult(String what, Callable<T> value) {
        List<T> found = new ArrayList<>(1);
        await(what, settings.startTimeout, () -> {
            T result = value.call();
            if (result != null) {
                found.add(result);
            }
            return result != null;
        });
        return found.getFirst();
    }

    /** Ends a wait at once: the node it waits for has died. */
    private static final class NodeExited extends IllegalStateException {
        NodeExited(String message) {
            super(message);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- clean-up

    /** Kills every node, keeps a copy of the node logs under target/broker-logs, deletes the temp directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        keepLogs();
        destroyEverything();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook runs anyway
        }
    }

    private void keepLogs() {
        try {
            Path target = Files.createDirectories(KEPT_LOGS.resolve(root.getFileName()));
            for (NodeLayout node : nodes.values()) {
                if (Files.exists(node.log())) {
                    Files.copy(node.log(), target.resolve("node-" + node.id() + ".log"));
                }
            }
        } catch (IOException e) {
            System.err.println("could not keep the broker logs of " + root + ": " + e);
        }
    }

    private void destroyEverything() {
        processes.values().forEach(Process::destroyForcibly);
        processes.values().forEach(process -> {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        processes.clear();
        try {
            deleteRecursively(root);
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(each);
            }
        }
    }
}

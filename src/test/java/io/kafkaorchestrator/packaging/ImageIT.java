package io.kafkaorchestrator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kafkaorchestrator.testing.BrokerProcessCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image as shipped: the tarball that {@code packaging/build-image.sh} makes with Jib is unpacked, its
 * root file system mounted read-only, and its entrypoint run under chroot as the image's unprivileged user, with the
 * image's environment. Needs root (chroot, mount), as CI runs; builds the image first when it is missing or older
 * than the jar (about a minute).
 */
class ImageIT {

    private static final Path TARGET = Path.of("target");
    private static final Path TARBALL = TARGET.resolve("image/kafka-orchestrator-image.tar");
    private static final Path JAR = TARGET.resolve("kafka-orchestrator.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path work;

    private Path readOnlyRoot;
    private final List<Path> mounts = new ArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void buildImageIfStale() throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "ImageIT needs root to chroot into the unpacked image and mount it read-only; "
                        + "run it as root (CI does)");
        if (!Files.exists(TARBALL)
                || Files.getLastModifiedTime(TARBALL).compareTo(Files.getLastModifiedTime(JAR)) < 0) {
            Path log = TARGET.resolve("image-build.log");
            int exit = new ProcessBuilder("packaging/build-image.sh")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start()
                    .waitFor();
            assertThat(exit)
                    .as("packaging/build-image.sh exit code, output in %s", log)
                    .isZero();
        }
    }

    @AfterEach
    void unmount() throws Exception {
        for (Path mount : mounts.reversed()) {
            run("umount", mount.toString());
        }
        client.close();
    }

    @Test
    void imageServesFromAReadOnlyRootAsItsUnprivilegedUserAndStopsCleanlyOnSigterm() throws Exception {
        JsonNode config = unpackAndMountReadOnly();
        assertThat(config.get("User").asText()).isEqualTo("65532:65532");
        int port = freePort();
        Process sidecar = startImage(config, port, Map.of("BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort()));
        try {
            HttpResponse<String> about = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> get(port, "/about"), response -> response.statusCode() == 200);
            assertThat(JSON.readTree(about.body()).get("brokerId").asInt()).isZero();
            HttpResponse<String> live = get(port, "/health/live");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("starting");
            assertThat(Files.readAllLines(Path.of("/proc/" + sidecar.pid() + "/status")))
                    .as("the JVM runs as the image's user")
                    .contains("Uid:\t65532\t65532\t65532\t65532");

            sidecar.destroy(); // SIGTERM, straight to the JVM: chroot execs it
            assertThat(sidecar.waitFor(30, TimeUnit.SECONDS))
                    .as("stopped within 30 s")
                    .isTrue();
            assertThat(sidecar.exitValue())
                    .as("exit code after SIGTERM; log: %s", Files.readString(work.resolve("sidecar.log")))
                    .isZero();
        } finally {
            sidecar.destroyForcibly().waitFor();
        }
    }

    /**
     * A password reaches the JVM as bytes in its environment, decoded in the locale's charset: the image's own
     * environment must make that UTF-8, or every non-ASCII character turns into '?' and authentication fails.
     */
    @Test
    void imageAuthenticatesWithANonAsciiPasswordFromItsEnvironment() throws Exception {
        String password = "pässwörd-€-✓-日本";
        try (BrokerProcessCluster cluster = BrokerProcessCluster.builder()
                .clientSecurity(SecurityProtocol.SASL_PLAINTEXT)
                .user("sidecar", password)
                .start()) {
            JsonNode config = unpackAndMountReadOnly();
            int port = freePort();
            Process sidecar = startImage(
                    config,
                    port,
                    Map.of(
                            "BOOTSTRAP_SERVERS",
                            cluster.bootstrapServers(0),
                            "SASL_ENABLED",
                            "true",
                            "SASL_MECHANISM",
                            "SCRAM-SHA-512",
                            "SASL_USERNAME",
                            "sidecar",
                            "SASL_PASSWORD",
                            password));
            try {
                HttpResponse<String> live = Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(
                                () -> get(port, "/health/live"),
                                response -> !response.body().startsWith("{\"status\":\"starting\""));
                assertThat(live.statusCode())
                        .as("/health/live: %s; log: %s", live.body(), Files.readString(work.resolve("sidecar.log")))
                        .isEqualTo(200);
                assertThat(JSON.readTree(live.body()).get("status").asText()).isEqualTo("healthy");
            } finally {
                sidecar.destroyForcibly().waitFor();
            }
        }
    }

    /** Unpacks the tarball's layers and mounts them read-only with /proc; returns the image's config. */
    private JsonNode unpackAndMountReadOnly() throws Exception {
        Path unpacked = Files.createDirectories(work.resolve("image"));
        run("tar", "-xf", TARBALL.toString(), "-C", unpacked.toString());
        JsonNode manifest =
                JSON.readTree(unpacked.resolve("manifest.json").toFile()).get(0);
        JsonNode config = JSON.readTree(
                        unpacked.resolve(manifest.get("Config").asText()).toFile())
                .get("config");
        Path rootfs = Files.createDirectories(work.resolve("rootfs"));
        for (JsonNode layer : manifest.get("Layers")) {
            run("tar", "-xzf", unpacked.resolve(layer.asText()).toString(), "-C", rootfs.toString());
        }
        readOnlyRoot = Files.createDirectories(work.resolve("ro"));
        mount("--bind", rootfs.toString(), readOnlyRoot.toString());
        run("mount", "-o", "remount,bind,ro", readOnlyRoot.toString());
        mount("-t", "proc", "proc", readOnlyRoot.resolve("proc").toString());
        return config;
    }

    /** The image's entrypoint as its user, with its environment only, plus PORT, BROKER_ID 0 and {@code env}. */
    private Process startImage(JsonNode config, int port, Map<String, String> env) throws IOException {
        List<String> command = new ArrayList<>(
                List.of("chroot", "--userspec=" + config.get("User").asText(), readOnlyRoot.toString()));
        config.get("Entrypoint").forEach(arg -> command.add(arg.asText()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("sidecar.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        config.get("Env")
                .forEach(entry -> environment.put(
                        entry.asText().split("=", 2)[0], entry.asText().split("=", 2)[1]));
        environment.put("PORT", String.valueOf(port));
        environment.put("BROKER_ID", "0");
        environment.putAll(env);
        // The JVM refuses to start unless it can use the image's AOT cache: proof the cache matches the image.
        environment.put("JDK_JAVA_OPTIONS", "-XX:AOTMode=on");
        return builder.start();
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void mount(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("mount"));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
        mounts.add(Path.of(args[args.length - 1]));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as("%s: %s", String.join(" ", command), output)
                .isZero();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

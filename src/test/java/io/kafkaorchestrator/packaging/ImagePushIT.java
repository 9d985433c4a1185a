package io.kafkaorchestrator.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code make push} against a real registry: Debian's {@code docker-registry} on a free loopback port (plain HTTP), the
 * image pushed by {@code packaging/push-image.sh} (Jib, no Docker engine), then read back with {@code skopeo}: the
 * manifest, the non-root user, the entrypoint, and the software bill of materials in the image and beside the tarball.
 * {@code .ci/run} installs both tools; without them the test says so and skips.
 */
class ImagePushIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pushesTheImageWithItsUserEntrypointAndSbomToARegistry(@TempDir Path work) throws Exception {
        assumeTrue(
                "root".equals(System.getProperty("user.name")),
                "the image build needs root (chroot for the AOT training run); run it as root (CI does)");
        assumeTrue(
                onPath("docker-registry") && onPath("skopeo"),
                "needs docker-registry and skopeo (Debian packages; .ci/run installs them)");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = work.resolve("registry.yml");
        Files.writeString(config, """
                version: 0.1
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(work.resolve("storage"), port));
        Process registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile())
                .start();
        try {
            awaitRegistry(port, registry);
            String image = "127.0.0.1:" + port + "/kafka-orchestrator:it";

            Path pushLog = work.resolve("push.log");
            ProcessBuilder push = new ProcessBuilder("packaging/push-image.sh")
                    .redirectErrorStream(true)
                    .redirectOutput(pushLog.toFile());
            push.environment().put("IMAGE", image);
            push.environment().put("JIB_ARGS", "-Djib.allowInsecureRegistries=true");
            int exit = push.start().waitFor();
            assertThat(exit)
                    .as("packaging/push-image.sh exit code; output:%n%s", Files.readString(pushLog))
                    .isZero();

            JsonNode inspect = JSON.readTree(run("skopeo", "inspect", "--tls-verify=false", "docker://" + image));
            assertThat(inspect.get("Digest").asText()).startsWith("sha256:");
            assertThat(inspect.get("Os").asText()).isEqualTo("linux");
            JsonNode imageConfig = JSON.readTree(
                            run("skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + image))
                    .get("config");
            assertThat(imageConfig.get("User").asText()).isEqualTo("65532:65532");
            assertThat(JSON.convertValue(imageConfig.get("Entrypoint"), List.class))
                    .isEqualTo(List.of(
                            "/opt/java/bin/java",
                            "@/app/jvm.options",
                            "-XX:AOTCache=/app/app.aot",
                            "-jar",
                            "/app/kafka-orchestrator.jar"));

            Path copy = work.resolve("copy");
            run("skopeo", "copy", "--src-tls-verify=false", "docker://" + image, "dir:" + copy);
            byte[] sbomInImage = fileInLayers(copy, "app/sbom.cdx.json")
                    .orElseThrow(() -> new AssertionError("no app/sbom.cdx.json in the pushed image's layers"));
            JsonNode sbom = JSON.readTree(sbomInImage);
            assertThat(sbom.get("bomFormat").asText()).isEqualTo("CycloneDX");
            List<String> components = new ArrayList<>();
            sbom.get("components").forEach(c -> components.add(c.get("name").asText()));
            // Exactly the libraries the image ships in /app/lib, nothing that only tests need.
            List<String> shipped;
            try (var libs = Files.list(Path.of("target/image/rootfs/app/lib"))) {
                shipped = libs.map(jar -> jar.getFileName().toString().replaceFirst("-[0-9][^-]*\\.jar$", ""))
                        .toList();
            }
            assertThat(components).contains("kafka-clients", "slf4j-api").containsExactlyInAnyOrderElementsOf(shipped);
            assertThat(Path.of("target/image/kafka-orchestrator-image.sbom.cdx.json"))
                    .as("the SBOM beside the tarball")
                    .hasBinaryContent(sbomInImage);
        } finally {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitRegistry(int port, Process registry) {
        HttpClient client = HttpClient.newHttpClient();
        Awaitility.await("docker-registry answering on port " + port)
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(registry.isAlive()).as("docker-registry running").isTrue();
                    return client.send(
                                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    /** The content of {@code path} in the image's layers (gzipped tars), from the last layer that has it. */
    private static Optional<byte[]> fileInLayers(Path dir, String path) throws IOException {
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        Optional<byte[]> found = Optional.empty();
        for (JsonNode layer : manifest.get("layers")) {
            String digest = layer.get("digest").asText().substring("sha256:".length());
            try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(digest)))) {
                Optional<byte[]> inLayer = Tar.read(in, path);
                if (inLayer.isPresent()) {
                    found = inLayer;
                }
            }
        }
        return found;
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor())
                .as("%s exit code; output:%n%s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    /** Just enough of the tar format to find one regular file: 512-byte headers, name at 0, size (octal) at 124. */
    private static final class Tar {

        static Optional<byte[]> read(InputStream in, String wanted) throws IOException {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                String full = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(
                        field(header, 124, 12).trim().isEmpty()
                                ? "0"
                                : field(header, 124, 12).trim(),
                        8);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (full.replaceFirst("^\\./", "").replaceFirst("^/", "").equals(wanted)) {
                    return Optional.of(content);
                }
            }
            return Optional.empty();
        }

        private static String field(byte[] header, int offset, int length) {
            int end = offset;
            while (end < offset + length && header[end] != 0) {
                end++;
            }
            return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}

package io.kafkaorchestrator.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The packaged sidecar as a real process ({@code java -jar}), with exactly the environment given (nothing inherited,
 * so the test machine's HOSTNAME cannot leak in), its output in a file, and what a test needs to watch it: its
 * resident memory, signals, its exit status. Failsafe passes the jar's path as system property {@code sidecar.jar}.
 */
public final class SidecarProcess implements AutoCloseable {

    /**
     * The image's footprint flags (docs/packaging.md, "JVM flags") with a bounded heap: memory stays bounded because
     * the heap is, and a leak would end in an OutOfMemoryError rather than in slow growth.
     */
    public static final List<String> JVM_FLAGS = List.of(
            "-Xmx64m",
            "-XX:MaxMetaspaceSize=64m",
            "-Xss256k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1",
            "-XX:+ExitOnOutOfMemoryError");

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SidecarProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** A free loopback port: bound and released, so the sidecar can take it. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Environment of a broker outside Control Plane whose Kafka listener is a closed port: the sidecar starts, serves,
     * and answers 503 from /health/ready at once (no refresh can succeed).
     */
    public static Map<String, String> unreachableKafkaEnv(int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(httpPort));
        env.put("BROKER_ID", "0");
        env.put("BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort());
        env.put("MALLOC_ARENA_MAX", "2");
        return env;
    }

    public static Path jar() {
        Path jar = Path.of(System.getProperty("sidecar.jar", "target/kafka-orchestrator.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged sidecar at " + jar + ": run ./mvnw package first");
        }
        return jar;
    }

    /** Starts the jar with the given environment and returns at once; {@link #awaitServing()} waits for the port. */
    public static SidecarProcess launch(Map<String, String> env, Path log) {
        return launch(env, List.of(), log);
    }

    /** As {@link #launch(Map, Path)}, with JVM options added after {@link #JVM_FLAGS} (system properties, say). */
    public static SidecarProcess launch(Map<String, String> env, List<String> extraJvmOptions, Path log) {
        return spawn(List.of(), env, extraJvmOptions, log);
    }

    /**
     * As {@link #launch(Map, List, Path)}, inside a cgroup: a shell joins the group, then execs the JVM, so the JVM's
     * start-up is inside the group too and {@link #pid()} is the JVM's.
     */
    public static SidecarProcess launch(Map<String, String> env, List<String> extraJvmOptions, Path log, Cgroup group) {
        return spawn(
                List.of("/bin/sh", "-c", "echo $$ > '" + group.tasks() + "' && exec \"$@\"", "sh"),
                env,
                extraJvmOptions,
                log);
    }

    private static SidecarProcess spawn(
            List<String> prefix, Map<String, String> env, List<String> extraJvmOptions, Path log) {
        List<String> command = new ArrayList<>(prefix);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            return new SidecarProcess(builder.start(), log, Integer.parseInt(env.getOrDefault("PORT", "8080")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the jar and waits until it says it serves. */
    /** JVM options that resolve host names from {@code hosts} alone, afresh at every lookup (nothing cached). */
    public static List<String> resolvingFrom(Path hosts) {
        return List.of(
                "-Djdk.net.hosts.file=" + hosts, "-Dsun.net.inetaddr.ttl=0", "-Dsun.net.inetaddr.negative.ttl=0");
    }

    public static SidecarProcess start(Map<String, String> env, Path log) {
        return launch(env, log).awaitServing();
    }

    /** As {@link #start(Map, Path)}, with JVM options added after {@link #JVM_FLAGS}. */
    public static SidecarProcess start(Map<String, String> env, List<String> extraJvmOptions, Path log) {
        return launch(env, extraJvmOptions, log).awaitServing();
    }

    /** GET on the sidecar's port; a failure to connect is an exception. */
    public HttpResponse<String> get(String path) {
        try {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public SidecarProcess awaitServing() {
        // Either log format: text "... port=8080", JSON "...,"port":8080,...".
        await().atMost(Duration.ofSeconds(30))
                .until(() -> log().lines()
                                .anyMatch(line -> line.contains("Serving /health")
                                        && (line.contains("port=" + port) || line.contains("\"port\":" + port)))
                        || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("the sidecar exited with " + process.exitValue() + ":\n" + log());
        }
        return this;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote so far (stdout and stderr). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory now (VmRSS). */
    public long rssBytes() {
        return statusBytes("VmRSS");
    }

    /** The highest resident memory so far (VmHWM). */
    public long peakRssBytes() {
        return statusBytes("VmHWM");
    }

    /** CPU time used so far, user and system (from /proc/PID/stat, in clock ticks of 10 ms). */
    public Duration cpuTime() {
        try {
            return Duration.ofMillis(Proc.cpuMillis(Path.of("/proc", Long.toString(pid()), "stat")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long statusBytes(String field) {
        return Proc.statusBytes(pid(), field)
                .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/" + pid() + "/status"));
    }

    /** Sends a signal by name (TERM, INT, KILL) with kill(1), as a container runtime would. */
    public void signal(String name) {
        try {
            int status = new ProcessBuilder("kill", "-" + name, Long.toString(pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (status != 0) {
                throw new IllegalStateException("kill -" + name + " " + pid() + " exited with " + status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exit status, if the process ends within the given time. */
    public Optional<Integer> awaitExit(Duration within) {
        try {
            return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)
                    ? Optional.of(process.exitValue())
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
        client.close();
    }
}

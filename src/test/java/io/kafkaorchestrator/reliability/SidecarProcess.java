package io.kafkaorchestrator.reliability;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
final class SidecarProcess implements AutoCloseable {

    /**
     * The footprint flags measured in FACTS.md, with a 64 MiB heap: memory stays bounded because the heap is, and a
     * leak would end in an OutOfMemoryError rather than in slow growth.
     */
    static final List<String> JVM_FLAGS = List.of("-Xmx64m", "-XX:MaxMetaspaceSize=64m", "-Xss256k",
            "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:+ExitOnOutOfMemoryError");

    private final Process process;
    private final Path log;
    private final int port;

    private SidecarProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** A free loopback port: bound and released, so the sidecar can take it. */
    static int freePort() {
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
    static Map<String, String> unreachableKafkaEnv(int httpPort) {
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Integer.toString(httpPort));
        env.put("BROKER_ID", "0");
        env.put("BOOTSTRAP_SERVERS", "127.0.0.1:" + freePort());
        env.put("MALLOC_ARENA_MAX", "2");
        return env;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("sidecar.jar", "target/kafka-orchestrator.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged sidecar at " + jar + ": run ./mvnw package first");
        }
        return jar;
    }

    /** Starts the jar with the given environment and returns at once; {@link #awaitServing()} waits for the port. */
    static SidecarProcess launch(Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-jar", jar().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
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
    static SidecarProcess start(Map<String, String> env, Path log) {
        return launch(env, log).awaitServing();
    }

    SidecarProcess awaitServing() {
        await().atMost(Duration.ofSeconds(30)).until(() -> log().contains("Serving on port " + port)
                || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("the sidecar exited with " + process.exitValue() + ":\n" + log());
        }
        return this;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote so far (stdout and stderr). */
    String log() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory now (VmRSS). */
    long rssBytes() {
        return statusKiB("VmRSS") * 1024;
    }

    /** The highest resident memory so far (VmHWM). */
    long peakRssBytes() {
        return statusKiB("VmHWM") * 1024;
    }

    /** CPU time used so far, user and system (from /proc/PID/stat, in clock ticks of 10 ms). */
    Duration cpuTime() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            // The fields after the command name, which is in parentheses and may hold spaces: utime is field 14.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return Duration.ofMillis(ticks * 10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long statusKiB(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
    }

    /** Sends a signal by name (TERM, INT, KILL) with kill(1), as a container runtime would. */
    void signal(String name) {
        try {
            int status = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start().waitFor();
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
    Optional<Integer> awaitExit(Duration within) {
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
    }
}

package io.kafkaorchestrator.bench;

import io.kafkaorchestrator.testing.Cgroup;
import io.kafkaorchestrator.testing.Proc;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sidecar as the image runs it: the image's root file system under chroot, as uid 65532, with the given JVM
 * options, inside the given cgroups (joined before the JVM starts, so start-up is measured inside them too).
 */
final class ImageProcess implements AutoCloseable {

    /** How a JVM is started: the options after {@code java} and whether MALLOC_ARENA_MAX=2 is set. */
    record Variant(String name, List<String> jvmOptions, boolean mallocArenaMax2) {}

    private final Process process;
    private final int port;
    private final Path log;
    final long startedNanos;

    private ImageProcess(Process process, int port, Path log, long startedNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static ImageProcess start(
            Path rootfs,
            Variant variant,
            List<String> extraJvmOptions,
            Map<String, String> env,
            int port,
            Path log,
            Cgroup... groups) {
        // Each process gets its own mount namespace, where its memory cgroup is mounted at the image's
        // /sys/fs/cgroup/memory: what a container sees of its own cgroup (v1), so scrapes read real cgroup files; and
        // the cpu hierarchy at /sys/fs/cgroup/cpu, where it finds its CPU quota.
        StringBuilder setUp = new StringBuilder();
        for (Cgroup group : groups) {
            setUp.append("echo $$ > ").append(group.tasks()).append(" && ");
            if (group.controller().equals("memory")) {
                Path mountPoint = rootfs.resolve("sys/fs/cgroup/memory");
                createDirectories(mountPoint);
                setUp.append("mount --bind ")
                        .append(group.dir())
                        .append(' ')
                        .append(mountPoint)
                        .append(" && ");
            }
            if (group.controller().equals("cpu")) {
                // The whole cpu hierarchy, at its own path: /proc/self/cgroup names the group by its full path, and
                // the sidecar paces its partition scan to the quota it finds there (a container sees its own).
                Path mountPoint = rootfs.resolve("sys/fs/cgroup/cpu");
                createDirectories(mountPoint);
                setUp.append("mount --bind /sys/fs/cgroup/cpu ")
                        .append(mountPoint)
                        .append(" && ");
            }
        }
        List<String> command = new ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--propagation",
                "private",
                "sh",
                "-c",
                setUp + "exec \"$@\"",
                "sh",
                "chroot",
                "--userspec=65532:65532",
                rootfs.toString(),
                "/opt/java/bin/java"));
        command.addAll(variant.jvmOptions());
        command.addAll(extraJvmOptions);
        command.addAll(List.of("-jar", "/app/kafka-orchestrator.jar"));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        if (variant.mallocArenaMax2()) {
            builder.environment().put("MALLOC_ARENA_MAX", "2");
        }
        try {
            long started = System.nanoTime();
            return new ImageProcess(builder.start(), port, log, started);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Status and body of one GET, over a fresh connection, or null while nothing listens. */
    record Answer(int status, String body) {}

    Answer get(String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (response.length() < 12) {
                return null; // closed without an answer
            }
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new Answer(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Milliseconds from spawn to the first /health/live answer from a completed refresh (status other than
     * "starting"). Polled every 50 ms: polling every 2 ms would itself take more than a 0.1 CPU quota.
     */
    double awaitFirstVerdictMs(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            Answer answer = get("/health/live");
            if (answer != null && answer.status() == 200 && !answer.body().contains("\"status\":\"starting\"")) {
                return (System.nanoTime() - startedNanos) / 1e6;
            }
            pause(50);
        }
        throw new IllegalStateException("no verdict from /health/live within " + timeoutMs + " ms; log " + log);
    }

    /** Milliseconds from spawn to the first 200 from /health/live ("starting" during the startup grace counts). */
    double awaitFirstLiveAnswerMs(long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sidecar exited with " + process.exitValue() + "; log " + log);
            }
            Answer answer = get("/health/live");
            if (answer != null && answer.status() == 200 && answer.body().contains("\"brokerId\":0")) {
                return (System.nanoTime() - startedNanos) / 1e6;
            }
            pause(2);
        }
        throw new IllegalStateException("no answer from /health/live within " + timeoutMs + " ms; log " + log);
    }

    /** The value of one sample of /metrics: the first line that starts with {@code series}. */
    OptionalDouble metric(String series) {
        return value(scrape(), series);
    }

    /** One scrape of /metrics, empty when nothing answered. */
    String scrape() {
        Answer answer = get("/metrics");
        return answer == null ? "" : answer.body();
    }

    /** The value of the first line of a scrape that starts with {@code series}. */
    static OptionalDouble value(String scrape, String series) {
        return scrape.lines()
                .filter(line -> line.startsWith(series))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst();
    }

    /** VmRSS, RssAnon and RssFile of the JVM in bytes, from /proc. */
    Map<String, Long> rss() {
        Map<String, Long> rss = new java.util.HashMap<>();
        for (String key : List.of("VmRSS", "RssAnon", "RssFile", "VmHWM")) {
            rss.put(key, Proc.statusBytes(process.pid(), key).orElse(-1)); // -1: the process is gone
        }
        return rss;
    }

    /** CPU time per thread so far, in milliseconds, busiest first ("main thread 140 ms, C1 CompilerThre 40 ms"). */
    String cpuByThread() {
        try (var tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
            Map<String, Double> byName = new java.util.TreeMap<>();
            for (Path task : tasks.toList()) {
                String name = Files.readString(task.resolve("comm")).trim();
                byName.merge(
                        name.equals("java") ? "java (main and JVM start)" : name,
                        (double) Proc.cpuMillis(task.resolve("stat")),
                        Double::sum);
            }
            return byName.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .map(e -> String.format("%s %.0f ms", e.getKey(), e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
        } catch (IOException e) {
            return "(gone)";
        }
    }

    /** CPU time (user + system) the JVM has used so far, in milliseconds. */
    double cpuMs() {
        try {
            return Proc.cpuMillis(Path.of("/proc/" + process.pid() + "/stat"));
        } catch (IOException e) {
            return -1;
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Heap occupancy after each GC, in KiB, from the -Xlog:gc lines in the log ("12M->5M(30M)"). */
    List<Long> heapAfterGcKb() {
        Pattern pause = Pattern.compile("\\[gc\\s*\\].*Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
        try {
            List<Long> after = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                Matcher m = pause.matcher(line);
                if (m.find()) {
                    after.add(toKb(Long.parseLong(m.group(3)), m.group(4)));
                }
            }
            return after;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The largest heap occupancy before a GC, in KiB, from the -Xlog:gc lines in the log; 0 without any. */
    long maxHeapBeforeGcKb() {
        Pattern pause = Pattern.compile("\\[gc\\s*\\].*Pause.* (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
        try {
            long max = 0;
            for (String line : Files.readAllLines(log)) {
                Matcher m = pause.matcher(line);
                if (m.find()) {
                    max = Math.max(max, toKb(Long.parseLong(m.group(1)), m.group(2)));
                }
            }
            return max;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first lines of the class histogram the JVM prints on SIGQUIT (with -XX:+PrintClassHistogram). */
    String liveObjectHistogram(int lines) {
        try {
            new ProcessBuilder("kill", "-QUIT", String.valueOf(process.pid()))
                    .start()
                    .waitFor();
            for (int attempt = 0; attempt < 100; attempt++) {
                List<String> log = Files.readAllLines(this.log);
                int header = -1;
                for (int i = 0; i < log.size(); i++) {
                    if (log.get(i).contains("#instances")) {
                        header = i;
                    }
                }
                if (header >= 0 && log.size() > header + lines + 2) {
                    return String.join("\n", log.subList(header, header + lines + 2));
                }
                pause(100);
            }
            return "(no histogram printed)";
        } catch (IOException e) {
            return "(no histogram: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** SIGTERM, then waits; returns the exit code. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long toKb(long value, String unit) {
        return switch (unit) {
            case "K" -> value;
            case "M" -> value * 1024;
            default -> value * 1024 * 1024;
        };
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

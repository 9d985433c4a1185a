package io.kafkaorchestrator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cgroup v1 group made for one measured process, nested under this process's own group of the controller (never
 * at the root), removed on close. The process joins it before it execs the JVM (see
 * {@link SidecarProcess#launch(Map, List, Path, Cgroup)}), so everything it does, start-up included, is inside it.
 */
public final class Cgroup implements AutoCloseable {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private final String controller;
    private final Path dir;

    private Cgroup(String controller, Path dir) {
        this.controller = controller;
        this.dir = dir;
    }

    public static Cgroup create(String controller, String name) {
        try {
            Path dir = ownGroup(controller).resolve(name);
            if (Files.isDirectory(dir)) {
                Files.delete(dir); // left over by an earlier run that did not close it
            }
            Files.createDirectory(dir);
            return new Cgroup(controller, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 0.1 CPU is {@code cpuQuota(0.1)}: 10 ms of CPU time in each 100 ms period. */
    public static Cgroup cpuQuota(String name, double cpus) {
        Cgroup group = create("cpu", name);
        group.write("cpu.cfs_period_us", "100000");
        group.write("cpu.cfs_quota_us", String.valueOf(Math.round(cpus * 100_000)));
        return group;
    }

    /**
     * As {@link #cpuQuota}, or empty when no cpu group can be made here; {@link #whyNoCpuQuota()} says why. A failure
     * the checks did not foresee is still thrown: a test should not skip on a surprise.
     */
    public static Optional<Cgroup> tryCpuQuota(String name, double cpus) {
        return whyNoCpuQuota().isPresent() ? Optional.empty() : Optional.of(cpuQuota(name, cpus));
    }

    /**
     * Why {@link #tryCpuQuota} cannot make a group here (no cgroup v1 cpu controller, not root, read-only cgroup file
     * system), or empty when it can.
     */
    public static Optional<String> whyNoCpuQuota() {
        Path own;
        try {
            own = ownGroup("cpu");
        } catch (IOException | IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
        if (!Files.isRegularFile(own.resolve("cpu.cfs_quota_us"))) {
            return Optional.of("no cgroup v1 cpu controller mounted at " + own + " (no cpu.cfs_quota_us there)");
        }
        try {
            if (Files.getFileStore(own).isReadOnly()) {
                return Optional.of(own + " is on a read-only file system: no group can be made under it");
            }
        } catch (IOException e) {
            return Optional.of("cannot inspect " + own + ": " + e);
        }
        if (!Files.isWritable(own)) {
            return Optional.of("cannot make a group under " + own + ": not writable by uid " + uid()
                    + " (making cgroups takes root)");
        }
        return Optional.empty();
    }

    public static Cgroup memoryLimit(String name, long bytes) {
        Cgroup group = create("memory", name);
        group.write("memory.limit_in_bytes", String.valueOf(bytes));
        return group;
    }

    /** This process's own group of the controller, from /proc/self/cgroup (v1 lines: {@code 4:cpu,cpuacct:/path}). */
    private static Path ownGroup(String controller) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
        String own = lines.stream()
                .map(line -> line.split(":", 3))
                .filter(fields ->
                        fields.length == 3 && List.of(fields[1].split(",")).contains(controller))
                .map(fields -> fields[2])
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no cgroup v1 " + controller
                        + " controller for this process (/proc/self/cgroup: " + String.join(" ", lines) + ")"));
        return ROOT.resolve(controller).resolve(own.substring(1));
    }

    private static String uid() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .map(line -> line.split("\\s+")[1])
                    .findFirst()
                    .orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    public Path tasks() {
        return dir.resolve("tasks");
    }

    /** The processes in the group now ({@code cgroup.procs}; {@code tasks} lists every thread). */
    public List<Long> processes() {
        return text("cgroup.procs").lines().map(Long::parseLong).toList();
    }

    public String controller() {
        return controller;
    }

    public Path dir() {
        return dir;
    }

    public long read(String file) {
        return Long.parseLong(text(file).trim());
    }

    /** A file of {@code key value} lines, such as {@code cpu.stat} or {@code memory.stat}. */
    public Map<String, Long> stat(String file) {
        return text(file)
                .lines()
                .map(line -> line.split(" "))
                .collect(Collectors.toMap(fields -> fields[0], fields -> Long.parseLong(fields[1])));
    }

    /** The kubelet's (cAdvisor's) working set: usage less inactive page cache. */
    public long workingSet() {
        return read("memory.usage_in_bytes") - stat("memory.stat").getOrDefault("total_inactive_file", 0L);
    }

    public long oomKills() {
        return stat("memory.oom_control").getOrDefault("oom_kill", 0L);
    }

    public void write(String file, String value) {
        try {
            Files.writeString(dir.resolve(file), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + value + " to " + dir.resolve(file), e);
        }
    }

    private String text(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            System.err.println("cannot remove " + dir + ": " + e);
        }
    }
}

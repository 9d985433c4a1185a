package io.kafkaorchestrator.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A cgroup v1 group made for one measured process, nested under this process's own group of the controller (never
 * at the root), removed on close. The process joins it before it execs the JVM (see {@link ImageProcess}).
 */
final class Cgroup implements AutoCloseable {

    private static final Path ROOT = Path.of("/sys/fs/cgroup");
    private final String controller;
    private final Path dir;

    private Cgroup(String controller, Path dir) {
        this.controller = controller;
        this.dir = dir;
    }

    static Cgroup create(String controller, String name) {
        try {
            String own = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                    .map(line -> line.split(":", 3))
                    .filter(fields -> fields[1].equals(controller))
                    .map(fields -> fields[2]).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cgroup v1 " + controller + " controller here"));
            Path dir = ROOT.resolve(controller).resolve(own.substring(1)).resolve(name);
            if (Files.isDirectory(dir)) {
                Files.delete(dir);
            }
            Files.createDirectory(dir);
            return new Cgroup(controller, dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 0.1 CPU is {@code cpuQuota(0.1)}: 10 ms of CPU time in each 100 ms period. */
    static Cgroup cpuQuota(String name, double cpus) {
        Cgroup group = create("cpu", name);
        group.write("cpu.cfs_period_us", "100000");
        group.write("cpu.cfs_quota_us", String.valueOf(Math.round(cpus * 100_000)));
        return group;
    }

    static Cgroup memoryLimit(String name, long bytes) {
        Cgroup group = create("memory", name);
        group.write("memory.limit_in_bytes", String.valueOf(bytes));
        return group;
    }

    Path tasks() {
        return dir.resolve("tasks");
    }

    String controller() {
        return controller;
    }

    Path dir() {
        return dir;
    }

    long read(String file) {
        return Long.parseLong(text(file).trim());
    }

    Map<String, Long> stat(String file) {
        return text(file).lines().map(line -> line.split(" "))
                .collect(Collectors.toMap(fields -> fields[0], fields -> Long.parseLong(fields[1])));
    }

    /** The kubelet's (cAdvisor's) working set: usage less inactive page cache. */
    long workingSet() {
        return read("memory.usage_in_bytes") - stat("memory.stat").getOrDefault("total_inactive_file", 0L);
    }

    long oomKills() {
        return stat("memory.oom_control").getOrDefault("oom_kill", 0L);
    }

    void write(String file, String value) {
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

package io.kafkaorchestrator.testing;

import io.kafkaorchestrator.metrics.ProcessMetricsCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Figures of a watched process from /proc, for the tests and benchmarks that run a sidecar as a process. */
public final class Proc {

    private Proc() {}

    /** A {@code Key:  123 kB} line of /proc/PID/status in bytes; empty when the process is gone or has no such line. */
    public static OptionalLong statusBytes(long pid, String key) {
        try {
            return ProcessMetricsCollector.kibibytes(
                    Files.readString(Path.of("/proc", Long.toString(pid), "status")), key + ":");
        } catch (IOException gone) {
            return OptionalLong.empty();
        }
    }

    /** User plus system CPU time in milliseconds from a /proc stat file (a process's or one of its tasks'). */
    public static long cpuMillis(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // The fields after the command name, which is in parentheses and may hold spaces: utime is field 14.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10; // clock ticks of 10 ms
    }
}

package io.kafkaorchestrator.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process and thread metrics of client_java's {@code ProcessMetrics} and {@code JvmThreadsMetrics}, same names,
 * without what made a scrape slow: {@code ProcessMetrics} reflects on the JDK's internal OperatingSystemImpl and
 * throws an IllegalAccessException on every scrape before it falls back, and {@code JvmThreadsMetrics} finds deadlocks
 * (two safepoints) and takes thread infos of every thread to count states, on every scrape (docs/packaging.md,
 * Scrape cost).
 * Thread states and deadlock gauges are left out: a sidecar with a handful of threads gains little from them.
 */
public final class ProcessMetricsCollector implements MultiCollector {

    private static final Path STATUS = Path.of("/proc/self/status");

    private static final MetricFamily CPU = MetricFamily.counter(
            "process_cpu_seconds_total", Unit.SECONDS, "Total user and system CPU time spent in seconds.");
    private static final MetricFamily START_TIME = MetricFamily.gauge(
            "process_start_time_seconds", Unit.SECONDS, "Start time of the process since unix epoch in seconds.");
    private static final MetricFamily OPEN_FDS =
            MetricFamily.gauge("process_open_fds", null, "Number of open file descriptors.");
    private static final MetricFamily MAX_FDS =
            MetricFamily.gauge("process_max_fds", null, "Maximum number of open file descriptors.");
    private static final MetricFamily VIRTUAL_MEMORY =
            MetricFamily.gauge("process_virtual_memory_bytes", Unit.BYTES, "Virtual memory size in bytes.");
    private static final MetricFamily RESIDENT_MEMORY =
            MetricFamily.gauge("process_resident_memory_bytes", Unit.BYTES, "Resident memory size in bytes.");
    private static final MetricFamily THREADS =
            MetricFamily.gauge("jvm_threads_current", null, "Current thread count of a JVM");
    private static final MetricFamily DAEMON_THREADS =
            MetricFamily.gauge("jvm_threads_daemon", null, "Daemon thread count of a JVM");
    private static final MetricFamily PEAK_THREADS =
            MetricFamily.gauge("jvm_threads_peak", null, "Peak thread count of a JVM");
    private static final MetricFamily STARTED_THREADS =
            MetricFamily.counter("jvm_threads_started_total", null, "Started thread count of a JVM");

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            out.add(CPU.of(sun.getProcessCpuTime() / 1e9));
        }
        out.add(START_TIME.of(runtime.getStartTime() / 1e3));
        if (os instanceof UnixOperatingSystemMXBean unix) {
            out.add(OPEN_FDS.of(unix.getOpenFileDescriptorCount()));
            out.add(MAX_FDS.of(unix.getMaxFileDescriptorCount()));
        }
        String status = statusText();
        kibibytes(status, "VmSize:").ifPresent(bytes -> out.add(VIRTUAL_MEMORY.of(bytes)));
        kibibytes(status, "VmRSS:").ifPresent(bytes -> out.add(RESIDENT_MEMORY.of(bytes)));
        out.add(THREADS.of(threads.getThreadCount()));
        out.add(DAEMON_THREADS.of(threads.getDaemonThreadCount()));
        out.add(PEAK_THREADS.of(threads.getPeakThreadCount()));
        out.add(STARTED_THREADS.of(threads.getTotalStartedThreadCount()));
        return new MetricSnapshots(out);
    }

    /** The value in bytes of a {@code Key:   123 kB} line of /proc/self/status; empty off Linux or if absent. */
    public static OptionalLong kibibytes(String status, String key) {
        int at = status.indexOf(key);
        if (at < 0) {
            return OptionalLong.empty();
        }
        int end = status.indexOf(" kB", at);
        if (end < 0) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(
                    Long.parseLong(status.substring(at + key.length(), end).strip()) * 1024);
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }

    private static String statusText() {
        try {
            return SmallFile.read(STATUS);
        } catch (IOException | RuntimeException notLinux) {
            return "";
        }
    }
}

package io.kafkaorchestrator.metrics;

import com.sun.management.UnixOperatingSystemMXBean;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process and thread metrics of client_java's {@code ProcessMetrics} and {@code JvmThreadsMetrics}, same names,
 * without what made a scrape slow: {@code ProcessMetrics} reflects on the JDK's internal OperatingSystemImpl and
 * throws an IllegalAccessException on every scrape before it falls back, and {@code JvmThreadsMetrics} finds deadlocks
 * (two safepoints) and takes thread infos of every thread to count states. Together they were half a scrape's work.
 * Thread states and deadlock gauges are left out: a sidecar with a handful of threads gains little from them.
 */
public final class ProcessMetricsCollector implements MultiCollector {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun && sun.getProcessCpuTime() >= 0) {
            snapshots.metricSnapshot(CounterSnapshot.builder().name("process_cpu_seconds_total").unit(Unit.SECONDS)
                    .help("Total user and system CPU time spent in seconds.")
                    .dataPoint(CounterDataPointSnapshot.builder().value(sun.getProcessCpuTime() / 1e9).build())
                    .build());
        }
        gauge(snapshots, "process_start_time_seconds", Unit.SECONDS, "Start time of the process since unix epoch in seconds.",
                runtime.getStartTime() / 1e3);
        if (os instanceof UnixOperatingSystemMXBean unix) {
            gauge(snapshots, "process_open_fds", null, "Number of open file descriptors.", unix.getOpenFileDescriptorCount());
            gauge(snapshots, "process_max_fds", null, "Maximum number of open file descriptors.", unix.getMaxFileDescriptorCount());
        }
        String status = statusText();
        kibibytes(status, "VmSize:").ifPresent(bytes -> gauge(snapshots, "process_virtual_memory_bytes", Unit.BYTES,
                "Virtual memory size in bytes.", bytes));
        kibibytes(status, "VmRSS:").ifPresent(bytes -> gauge(snapshots, "process_resident_memory_bytes", Unit.BYTES,
                "Resident memory size in bytes.", bytes));
        gauge(snapshots, "jvm_threads_current", null, "Current thread count of a JVM", threads.getThreadCount());
        gauge(snapshots, "jvm_threads_daemon", null, "Daemon thread count of a JVM", threads.getDaemonThreadCount());
        gauge(snapshots, "jvm_threads_peak", null, "Peak thread count of a JVM", threads.getPeakThreadCount());
        snapshots.metricSnapshot(CounterSnapshot.builder().name("jvm_threads_started_total")
                .help("Started thread count of a JVM")
                .dataPoint(CounterDataPointSnapshot.builder().value(threads.getTotalStartedThreadCount()).build())
                .build());
        return snapshots.build();
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
            return OptionalLong.of(Long.parseLong(status.substring(at + key.length(), end).strip()) * 1024);
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }

    private static String statusText() {
        try {
            return Files.readString(STATUS);
        } catch (IOException | RuntimeException notLinux) {
            return "";
        }
    }

    private static void gauge(MetricSnapshots.Builder snapshots, String name, Unit unit, String help, double value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            gauge.unit(unit);
        }
        snapshots.metricSnapshot(gauge.dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build());
    }
}

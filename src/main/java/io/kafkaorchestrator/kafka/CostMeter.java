package io.kafkaorchestrator.kafka;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Measures what reads cost on one Kafka connection: CPU time of the reading thread plus the Admin client's network
 * thread (which decodes the answers), and the client's own {@code incoming-byte-total}. Used from one thread at a
 * time: the thread that reads.
 */
final class CostMeter {

    /** The Admin client names its network thread after this prefix and its client id. */
    private static final String NETWORK_THREAD_PREFIX = "kafka-admin-client-thread | ";

    private final String clientId;
    /**
     * Looked up at the first reading, on the reading thread: loading them costs CPU the first probe answer waits for.
     */
    private ThreadMXBean threads;

    private OperatingSystemMXBean system;
    private long networkThreadId = -1;

    CostMeter(String clientId) {
        this.clientId = clientId;
    }

    /** Where the counters stand now. */
    Reading read(Admin admin) {
        if (threads == null) {
            threads = ManagementFactory.getThreadMXBean();
            system = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
        }
        return new Reading(
                threads.getCurrentThreadCpuTime(),
                networkThreadCpu(),
                receivedBytes(admin),
                Math.max(0, system.getProcessCpuTime()));
    }

    /** CPU time of the whole process between two readings: the reads' threads, and the GC and JIT work they cause. */
    static Duration processCpuBetween(Reading start, Reading end) {
        return Duration.ofNanos(Math.max(0, end.processCpu - start.processCpu));
    }

    /** The cost between two readings of the same client. */
    static ReadCost between(Reading start, Reading end) {
        long cpu = Math.max(0, end.ownCpu - start.ownCpu)
                + (end.networkCpu >= start.networkCpu
                        ? end.networkCpu - start.networkCpu
                        : Math.max(0, end.networkCpu));
        return new ReadCost(Duration.ofNanos(cpu), Math.max(0, end.bytes - start.bytes));
    }

    record Reading(long ownCpu, long networkCpu, long bytes, long processCpu) {}

    private long networkThreadCpu() {
        long cpu = networkThreadId < 0 ? -1 : threads.getThreadCpuTime(networkThreadId);
        if (cpu < 0) {
            // First use, or the client was recreated (after an authentication failure): find its thread again.
            networkThreadId = findNetworkThread();
            cpu = networkThreadId < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(networkThreadId));
        }
        return cpu;
    }

    private long findNetworkThread() {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && info.getThreadName().equals(NETWORK_THREAD_PREFIX + clientId)) {
                return info.getThreadId();
            }
        }
        return -1;
    }

    private static long receivedBytes(Admin admin) {
        for (Map.Entry<MetricName, ? extends Metric> metric : admin.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("incoming-byte-total")
                    && name.group().equals("admin-client-metrics")
                    && metric.getValue().metricValue() instanceof Double bytes) {
                return bytes.longValue();
            }
        }
        return 0;
    }
}

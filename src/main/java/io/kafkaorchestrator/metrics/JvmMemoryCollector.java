package io.kafkaorchestrator.metrics;

import io.kafkaorchestrator.metrics.MetricFamily.Sample;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * The series of client_java's {@code JvmMemoryMetrics} and {@code JvmBufferPoolMetrics}, same names, help and labels,
 * for a fraction of their cost: they ask every memory pool for its usage once per figure (eight times a scrape) and
 * build and check every label anew. Here each pool is asked once per scrape and the labels are built once.
 */
public final class JvmMemoryCollector implements MultiCollector {

    private static final MetricFamily PENDING_FINALIZATION = MetricFamily.gauge(
            "jvm_memory_objects_pending_finalization", null, "The number of objects waiting in the finalizer queue.");
    private static final Figures AREA = new Figures(
            bytes("jvm_memory_used_bytes", "Used bytes of a given JVM memory area."),
            bytes("jvm_memory_committed_bytes", "Committed (bytes) of a given JVM memory area."),
            bytes("jvm_memory_max_bytes", "Max (bytes) of a given JVM memory area."),
            bytes("jvm_memory_init_bytes", "Initial bytes of a given JVM memory area."));
    private static final Figures POOL = new Figures(
            bytes("jvm_memory_pool_used_bytes", "Used bytes of a given JVM memory pool."),
            bytes("jvm_memory_pool_committed_bytes", "Committed bytes of a given JVM memory pool."),
            bytes("jvm_memory_pool_max_bytes", "Max bytes of a given JVM memory pool."),
            bytes("jvm_memory_pool_init_bytes", "Initial bytes of a given JVM memory pool."));
    private static final Figures POOL_AFTER_COLLECTION = new Figures(
            bytes(
                    "jvm_memory_pool_collection_used_bytes",
                    "Used bytes after last collection of a given JVM memory pool."),
            bytes(
                    "jvm_memory_pool_collection_committed_bytes",
                    "Committed after last collection bytes of a given JVM memory pool."),
            bytes(
                    "jvm_memory_pool_collection_max_bytes",
                    "Max bytes after last collection of a given JVM memory pool."),
            bytes(
                    "jvm_memory_pool_collection_init_bytes",
                    "Initial after last collection bytes of a given JVM memory pool."));
    private static final MetricFamily BUFFER_POOL_USED =
            bytes("jvm_buffer_pool_used_bytes", "Used bytes of a given JVM buffer pool.");
    private static final MetricFamily BUFFER_POOL_CAPACITY =
            bytes("jvm_buffer_pool_capacity_bytes", "Bytes capacity of a given JVM buffer pool.");
    private static final MetricFamily BUFFER_POOL_BUFFERS =
            MetricFamily.gauge("jvm_buffer_pool_used_buffers", null, "Used buffers of a given JVM buffer pool.");
    private static final List<Labels> AREAS = List.of(Labels.of("area", "heap"), Labels.of("area", "nonheap"));

    /** The four figures of a {@link MemoryUsage}. */
    private record Figures(MetricFamily used, MetricFamily committed, MetricFamily max, MetricFamily init) {

        /** One snapshot per figure, one sample per labels whose usage is known (not null). */
        void addTo(List<MetricSnapshot> out, List<Labels> labels, List<MemoryUsage> usages) {
            out.add(used.of(samples(labels, usages, MemoryUsage::getUsed)));
            out.add(committed.of(samples(labels, usages, MemoryUsage::getCommitted)));
            out.add(max.of(samples(labels, usages, MemoryUsage::getMax)));
            out.add(init.of(samples(labels, usages, MemoryUsage::getInit)));
        }

        private static List<Sample> samples(
                List<Labels> labels, List<MemoryUsage> usages, ToLongFunction<MemoryUsage> figure) {
            List<Sample> samples = new ArrayList<>(labels.size());
            for (int i = 0; i < labels.size(); i++) {
                if (usages.get(i) != null) {
                    samples.add(new Sample(labels.get(i), figure.applyAsLong(usages.get(i))));
                }
            }
            return samples;
        }
    }

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    private final List<Labels> poolLabels =
            pools.stream().map(pool -> Labels.of("pool", pool.getName())).toList();
    private final List<BufferPoolMXBean> bufferPools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
    private final List<Labels> bufferPoolLabels =
            bufferPools.stream().map(pool -> Labels.of("pool", pool.getName())).toList();

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>(16);
        out.add(PENDING_FINALIZATION.of(memory.getObjectPendingFinalizationCount()));
        AREA.addTo(out, AREAS, List.of(memory.getHeapMemoryUsage(), memory.getNonHeapMemoryUsage()));
        POOL.addTo(out, poolLabels, usages(MemoryPoolMXBean::getUsage));
        POOL_AFTER_COLLECTION.addTo(out, poolLabels, usages(MemoryPoolMXBean::getCollectionUsage));
        out.add(BUFFER_POOL_USED.of(bufferPools(BufferPoolMXBean::getMemoryUsed)));
        out.add(BUFFER_POOL_CAPACITY.of(bufferPools(BufferPoolMXBean::getTotalCapacity)));
        out.add(BUFFER_POOL_BUFFERS.of(bufferPools(BufferPoolMXBean::getCount)));
        return new MetricSnapshots(out);
    }

    /** One usage per pool, null where the pool has none (only collected pools have a usage after collection). */
    private List<MemoryUsage> usages(Function<MemoryPoolMXBean, MemoryUsage> usage) {
        List<MemoryUsage> usages = new ArrayList<>(pools.size());
        for (MemoryPoolMXBean pool : pools) {
            usages.add(usage.apply(pool));
        }
        return usages;
    }

    private List<Sample> bufferPools(ToLongFunction<BufferPoolMXBean> figure) {
        List<Sample> samples = new ArrayList<>(bufferPools.size());
        for (int i = 0; i < bufferPools.size(); i++) {
            samples.add(new Sample(bufferPoolLabels.get(i), figure.applyAsLong(bufferPools.get(i))));
        }
        return samples;
    }

    private static MetricFamily bytes(String name, String help) {
        return MetricFamily.gauge(name, Unit.BYTES, help);
    }
}

package io.kafkaorchestrator.metrics;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.kafkaorchestrator.metrics.MetricFamily.Sample;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The series of client_java's {@code JvmClassLoadingMetrics}, {@code JvmCompilationMetrics},
 * {@code JvmGarbageCollectorMetrics}, {@code JvmMemoryPoolAllocationMetrics} and {@code JvmRuntimeInfoMetric}, same
 * names, help and labels. Theirs build every family anew at each scrape; here a family whose figures did not change
 * is the same snapshot, whose text the exposition keeps ({@link FamilyTexts}), and the runtime info is built once.
 */
public final class JvmRuntimeCollector implements MultiCollector {

    private static final MetricFamily CLASSES_LOADED_NOW = MetricFamily.gauge(
            "jvm_classes_currently_loaded", null, "The number of classes that are currently loaded in the JVM");
    private static final MetricFamily CLASSES_LOADED = MetricFamily.counter(
            "jvm_classes_loaded",
            null,
            "The total number of classes that have been loaded since the JVM has started execution");
    private static final MetricFamily CLASSES_UNLOADED = MetricFamily.counter(
            "jvm_classes_unloaded",
            null,
            "The total number of classes that have been unloaded since the JVM has started execution");
    private static final MetricFamily COMPILATION_TIME = MetricFamily.counter(
            "jvm_compilation_time_seconds",
            Unit.SECONDS,
            "The total time in seconds taken for HotSpot class compilation");
    private static final MetricFamily POOL_ALLOCATED = MetricFamily.counter(
            "jvm_memory_pool_allocated_bytes",
            null,
            "Total bytes allocated in a given JVM memory pool. Only updated after GC, not continuously.");
    private static final SummarySnapshot GC_TIME_METADATA = SummarySnapshot.builder()
            .name("jvm_gc_collection_seconds")
            .unit(Unit.SECONDS)
            .help("Time spent in a given JVM garbage collector in seconds.")
            .build();

    /** One collector's figures: the GC summary is the same snapshot while no collection ran. */
    private record GcFigures(long count, long millis) {}

    private final ClassLoadingMXBean classLoading = ManagementFactory.getClassLoadingMXBean();
    private final CompilationMXBean compilation = ManagementFactory.getCompilationMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final List<Labels> collectorLabels =
            collectors.stream().map(gc -> Labels.of("gc", gc.getName())).toList();
    private final MetricSnapshot runtimeInfo = InfoSnapshot.builder()
            .name("jvm_runtime")
            .help("JVM runtime info")
            .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                    .labels(Labels.of(
                            "version", System.getProperty("java.runtime.version", "unknown"),
                            "vendor", System.getProperty("java.vm.vendor", "unknown"),
                            "runtime", System.getProperty("java.runtime.name", "unknown")))
                    .build())
            .build();
    private final Allocations allocations = new Allocations();
    private final LastSnapshot<List<GcFigures>> gcSummary = new LastSnapshot<>();

    public JvmRuntimeCollector() {
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(
                        (notification, handback) -> allocations.count(notification), null, null);
            }
        }
    }

    @Override
    public MetricSnapshots collect() {
        List<MetricSnapshot> out = new ArrayList<>(7);
        out.add(CLASSES_LOADED_NOW.of(classLoading.getLoadedClassCount()));
        out.add(CLASSES_LOADED.of(classLoading.getTotalLoadedClassCount()));
        out.add(CLASSES_UNLOADED.of(classLoading.getUnloadedClassCount()));
        if (compilation != null && compilation.isCompilationTimeMonitoringSupported()) {
            out.add(COMPILATION_TIME.of(compilation.getTotalCompilationTime() / 1000.0));
        }
        out.add(gcTimes());
        out.add(POOL_ALLOCATED.of(allocations.samples()));
        out.add(runtimeInfo);
        return new MetricSnapshots(out);
    }

    private MetricSnapshot gcTimes() {
        List<GcFigures> figures = collectors.stream()
                .map(collector -> new GcFigures(collector.getCollectionCount(), collector.getCollectionTime()))
                .toList();
        return gcSummary.of(figures, this::gcSummaryOf);
    }

    private MetricSnapshot gcSummaryOf(List<GcFigures> figures) {
        List<SummaryDataPointSnapshot> points = new ArrayList<>(figures.size());
        for (int i = 0; i < figures.size(); i++) {
            points.add(new SummaryDataPointSnapshot(
                    figures.get(i).count(),
                    figures.get(i).millis() / 1000.0,
                    Quantiles.EMPTY,
                    collectorLabels.get(i),
                    Exemplars.EMPTY,
                    0L));
        }
        return new SummarySnapshot(GC_TIME_METADATA.getMetadata(), points);
    }

    /**
     * Bytes allocated per memory pool, counted at each collection as client_java counts them: what the pool gained
     * between the last collection and this one, plus what it gained during this one (survivor and old pools grow
     * during a collection, eden between them). A pool appears once it has gained something.
     */
    static final class Allocations {
        private final Map<String, Long> usedAfterLastCollection = new HashMap<>();
        private final Map<String, Long> allocated = new ConcurrentSkipListMap<>();
        private final Map<String, Labels> labels = new ConcurrentHashMap<>();

        synchronized void count(Notification notification) {
            if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                return;
            }
            var gc = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                    .getGcInfo();
            Map<String, MemoryUsage> after = gc.getMemoryUsageAfterGc();
            gc.getMemoryUsageBeforeGc().forEach((pool, before) -> {
                if (after.containsKey(pool)) {
                    count(pool, before.getUsed(), after.get(pool).getUsed());
                }
            });
        }

        synchronized void count(String pool, long usedBefore, long usedAfter) {
            Long last = usedAfterLastCollection.put(pool, usedAfter);
            long increase = Math.max(0, usedBefore - (last == null ? 0 : last)) + Math.max(0, usedAfter - usedBefore);
            if (increase > 0) {
                allocated.merge(pool, increase, Long::sum);
            }
        }

        /** In pool name order (the map is sorted), so that equal figures give equal sample lists. */
        List<Sample> samples() {
            List<Sample> samples = new ArrayList<>(allocated.size());
            allocated.forEach((pool, bytes) ->
                    samples.add(new Sample(labels.computeIfAbsent(pool, p -> Labels.of("pool", p)), bytes)));
            return samples;
        }
    }
}

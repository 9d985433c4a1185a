package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.kafkaorchestrator.metrics.MetricFamily.Sample;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dashboards built on client_java's class loading, compilation, GC, pool allocation and runtime info metrics keep
 * working: same families, help, units, labels and types, in both exposition formats.
 */
class JvmRuntimeCollectorTest {

    @Test
    void exposesTheSeriesOfClientJavasJvmRuntimeMetrics() {
        PrometheusRegistry theirs = new PrometheusRegistry();
        JvmClassLoadingMetrics.builder().register(theirs);
        JvmCompilationMetrics.builder().register(theirs);
        JvmGarbageCollectorMetrics.builder().register(theirs);
        JvmMemoryPoolAllocationMetrics.builder().register(theirs);
        JvmRuntimeInfoMetric.builder().register(theirs);
        PrometheusRegistry ours = new PrometheusRegistry();
        ours.register(new JvmRuntimeCollector());
        // Both count allocations from the collections they were told of, after the collection: let them see one.
        System.gc();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> Stream.of(ours, theirs)
                        .allMatch(registry ->
                                ScrapeText.of(registry).contains("jvm_memory_pool_allocated_bytes_total{")));

        assertThat(ScrapeText.withoutValues(ScrapeText.of(ours)))
                .isEqualTo(ScrapeText.withoutValues(ScrapeText.of(theirs)))
                .contains(
                        "jvm_gc_collection_seconds_count{gc=",
                        "jvm_memory_pool_allocated_bytes_total{pool=",
                        "jvm_runtime_info{runtime=");
        assertThat(ScrapeText.withoutValues(ScrapeText.openMetricsOf(ours)))
                .isEqualTo(ScrapeText.withoutValues(ScrapeText.openMetricsOf(theirs)))
                .contains("# UNIT jvm_gc_collection_seconds seconds");
    }

    @Test
    void theFiguresAreThoseOfTheJvm() {
        String text = ScrapeText.of(new JvmRuntimeCollector());

        var gc = ManagementFactory.getGarbageCollectorMXBeans().getFirst();
        assertThat(text)
                .contains(
                        "jvm_classes_unloaded_total "
                                + (double) ManagementFactory.getClassLoadingMXBean()
                                        .getUnloadedClassCount(),
                        "jvm_runtime_info{runtime=\"" + System.getProperty("java.runtime.name") + "\",vendor=\""
                                + System.getProperty("java.vm.vendor") + "\",version=\""
                                + System.getProperty("java.runtime.version")
                                + "\"} 1");
        assertThat(text).containsPattern("jvm_gc_collection_seconds_count\\{gc=\"" + gc.getName() + "\"} \\d+\n");
    }

    @Test
    void aPoolsAllocationIsWhatItGainedBetweenCollectionsAndDuringThem() {
        JvmRuntimeCollector.Allocations allocations = new JvmRuntimeCollector.Allocations();

        allocations.count("eden", 0, 0); // nothing gained: the pool does not appear yet
        assertThat(allocations.samples()).isEmpty();

        allocations.count("eden", 1000, 0); // 1000 since the start
        allocations.count("old", 500, 800); // 500 since the start, 300 during the collection
        allocations.count("eden", 1500, 100); // 1500 since the last collection left it empty
        allocations.count("old", 700, 600); // it shrank: 0 gained
        allocations.count("eden", 50, 0); // below what the last collection left: 0 gained

        assertThat(allocations.samples())
                .containsExactly(
                        new Sample(Labels.of("pool", "eden"), 2500), new Sample(Labels.of("pool", "old"), 800));
    }
}

package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import org.junit.jupiter.api.Test;

/**
 * Dashboards built on client_java's JvmMemoryMetrics and JvmBufferPoolMetrics keep working: same families, help, labels
 * and types.
 */
class JvmMemoryCollectorTest {

    @Test
    void exposesTheSeriesOfClientJavasJvmMemoryAndBufferPoolMetrics() {
        PrometheusRegistry theirs = new PrometheusRegistry();
        JvmMemoryMetrics.builder().register(theirs);
        JvmBufferPoolMetrics.builder().register(theirs);

        String expected = ScrapeText.withoutValues(ScrapeText.of(theirs));
        assertThat(ScrapeText.withoutValues(ScrapeText.of(new JvmMemoryCollector())))
                .isEqualTo(expected);
        assertThat(expected)
                .contains(
                        "jvm_memory_used_bytes{area=\"heap\"} <value>",
                        "jvm_memory_pool_collection_used_bytes{pool=",
                        "jvm_buffer_pool_used_buffers{pool=\"direct\"} <value>");
    }

    @Test
    void theFiguresAreThoseOfThePools() {
        String text = ScrapeText.of(new JvmMemoryCollector());

        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String labels = "{pool=\"" + pool.getName() + "\"} ";
            assertThat(text)
                    .contains(
                            "jvm_memory_pool_init_bytes" + labels
                                    + (double) pool.getUsage().getInit(),
                            "jvm_memory_pool_max_bytes" + labels
                                    + (double) pool.getUsage().getMax());
        }
        assertThat(text)
                .contains("jvm_memory_max_bytes{area=\"heap\"} "
                        + (double) ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getMax());
    }
}

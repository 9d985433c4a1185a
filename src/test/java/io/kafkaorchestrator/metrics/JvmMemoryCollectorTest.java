package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Dashboards built on client_java's JvmMemoryMetrics and JvmBufferPoolMetrics keep working: same families, help, labels and types. */
class JvmMemoryCollectorTest {

    /** A sample's value: used and committed bytes move between two scrapes, so only the series are compared. */
    private static final Pattern VALUE = Pattern.compile("(?m)^([a-z_]+(\\{[^}]*})?) \\S+$");

    private static String scrape(PrometheusRegistry registry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exposesTheSeriesOfClientJavasJvmMemoryAndBufferPoolMetrics() throws IOException {
        PrometheusRegistry theirs = new PrometheusRegistry();
        JvmMemoryMetrics.builder().register(theirs);
        JvmBufferPoolMetrics.builder().register(theirs);
        PrometheusRegistry ours = new PrometheusRegistry();
        ours.register(new JvmMemoryCollector());

        String expected = VALUE.matcher(scrape(theirs)).replaceAll("$1 <value>");
        assertThat(VALUE.matcher(scrape(ours)).replaceAll("$1 <value>")).isEqualTo(expected);
        assertThat(expected).contains("jvm_memory_used_bytes{area=\"heap\"} <value>",
                "jvm_memory_pool_collection_used_bytes{pool=", "jvm_buffer_pool_used_buffers{pool=\"direct\"} <value>");
    }

    @Test
    void theFiguresAreThoseOfThePools() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new JvmMemoryCollector());
        String text = scrape(registry);

        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            String labels = "{pool=\"" + pool.getName() + "\"} ";
            assertThat(text).contains("jvm_memory_pool_init_bytes" + labels + (double) pool.getUsage().getInit(),
                    "jvm_memory_pool_max_bytes" + labels + (double) pool.getUsage().getMax());
        }
        assertThat(text).contains("jvm_memory_max_bytes{area=\"heap\"} "
                + (double) ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax());
    }
}

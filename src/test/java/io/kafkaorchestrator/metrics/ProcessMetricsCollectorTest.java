package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessMetricsCollectorTest {

    private static final String STATUS = """
            Name:\tjava
            VmPeak:\t  480000 kB
            VmSize:\t  463692 kB
            VmHWM:\t   72000 kB
            VmRSS:\t   66036 kB
            RssAnon:\t   41364 kB
            Threads:\t17
            """;

    @Test
    void readsSizesInKibibytesFromProcStatus() {
        assertThat(ProcessMetricsCollector.kibibytes(STATUS, "VmRSS:")).isEqualTo(OptionalLong.of(66036L * 1024));
        assertThat(ProcessMetricsCollector.kibibytes(STATUS, "VmSize:")).isEqualTo(OptionalLong.of(463692L * 1024));
    }

    @Test
    void aMissingOrMalformedLineGivesNoValue() {
        assertThat(ProcessMetricsCollector.kibibytes(STATUS, "VmSwap:")).isEmpty();
        assertThat(ProcessMetricsCollector.kibibytes("VmRSS:\t lots kB\n", "VmRSS:")).isEmpty();
        assertThat(ProcessMetricsCollector.kibibytes("VmRSS:\t 12\n", "VmRSS:")).isEmpty();
        assertThat(ProcessMetricsCollector.kibibytes("", "VmRSS:")).isEmpty();
    }

    /** The values are this JVM's own and change from run to run; the series and their types are fixed. */
    @Test
    void exposesTheSeriesOfClientJavasProcessAndThreadMetrics() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ProcessMetricsCollector());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());

        String types = out.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.startsWith("# TYPE"))
                .collect(Collectors.joining("\n"));
        assertThat(types).isEqualTo("""
                # TYPE jvm_threads_current gauge
                # TYPE jvm_threads_daemon gauge
                # TYPE jvm_threads_peak gauge
                # TYPE jvm_threads_started_total counter
                # TYPE process_cpu_seconds_total counter
                # TYPE process_max_fds gauge
                # TYPE process_open_fds gauge
                # TYPE process_resident_memory_bytes gauge
                # TYPE process_start_time_seconds gauge
                # TYPE process_virtual_memory_bytes gauge""");
    }
}

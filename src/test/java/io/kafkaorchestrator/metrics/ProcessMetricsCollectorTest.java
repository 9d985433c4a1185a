package io.kafkaorchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
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
        assertThat(ProcessMetricsCollector.kibibytes("VmRSS:\t lots kB\n", "VmRSS:"))
                .isEmpty();
        assertThat(ProcessMetricsCollector.kibibytes("VmRSS:\t 12\n", "VmRSS:")).isEmpty();
        assertThat(ProcessMetricsCollector.kibibytes("", "VmRSS:")).isEmpty();
    }

    /** The values are this JVM's own and change from run to run; names, help, types and labels are client_java's. */
    @Test
    void exposesTheSeriesOfClientJavasProcessAndThreadMetrics() {
        assertThat(ScrapeText.withoutValues(ScrapeText.of(new ProcessMetricsCollector())))
                .isEqualTo("""
                # HELP jvm_threads_current Current thread count of a JVM
                # TYPE jvm_threads_current gauge
                jvm_threads_current <value>
                # HELP jvm_threads_daemon Daemon thread count of a JVM
                # TYPE jvm_threads_daemon gauge
                jvm_threads_daemon <value>
                # HELP jvm_threads_peak Peak thread count of a JVM
                # TYPE jvm_threads_peak gauge
                jvm_threads_peak <value>
                # HELP jvm_threads_started_total Started thread count of a JVM
                # TYPE jvm_threads_started_total counter
                jvm_threads_started_total <value>
                # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
                # TYPE process_cpu_seconds_total counter
                process_cpu_seconds_total <value>
                # HELP process_max_fds Maximum number of open file descriptors.
                # TYPE process_max_fds gauge
                process_max_fds <value>
                # HELP process_open_fds Number of open file descriptors.
                # TYPE process_open_fds gauge
                process_open_fds <value>
                # HELP process_resident_memory_bytes Resident memory size in bytes.
                # TYPE process_resident_memory_bytes gauge
                process_resident_memory_bytes <value>
                # HELP process_start_time_seconds Start time of the process since unix epoch in seconds.
                # TYPE process_start_time_seconds gauge
                process_start_time_seconds <value>
                # HELP process_virtual_memory_bytes Virtual memory size in bytes.
                # TYPE process_virtual_memory_bytes gauge
                process_virtual_memory_bytes <value>
                """);
    }
}

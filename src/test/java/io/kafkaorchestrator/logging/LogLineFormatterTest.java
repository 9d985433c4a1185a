package io.kafkaorchestrator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogLineFormatterTest {

    private static LogRecord record(Level level, String logger, String message, Object... params) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(Instant.parse("2026-11-25T12:00:00.123Z"));
        record.setParameters(params.length == 0 ? null : params);
        return record;
    }

    @Test
    void textIsOneLineWithTimeLevelShortLoggerAndMessage() {
        String line = LogLineFormatter.text().format(record(Level.WARNING, "io.kafkaorchestrator.health.HealthMonitor",
                "Broker 0 is live unhealthy"));
        assertThat(line).isEqualTo("2026-11-25T12:00:00.123Z warn  HealthMonitor - Broker 0 is live unhealthy\n");
    }

    @Test
    void jsonEscapesTheMessageAndUsesTheSameLevelNames() {
        String line = LogLineFormatter.json().format(record(Level.FINE, "org.apache.kafka.clients.NetworkClient",
                "say \"hi\"\nthere"));
        assertThat(line).isEqualTo("{\"time\":\"2026-11-25T12:00:00.123Z\",\"level\":\"debug\","
                + "\"logger\":\"org.apache.kafka.clients.NetworkClient\",\"message\":\"say \\\"hi\\\"\\nthere\"}\n");
    }

    @Test
    void aStackTraceStaysOnTheEventsLineInText() {
        LogRecord record = record(Level.SEVERE, "io.kafkaorchestrator.Sidecar", "failed");
        record.setThrown(new IllegalStateException("boom"));
        String line = LogLineFormatter.text().format(record);
        assertThat(line).startsWith("2026-11-25T12:00:00.123Z error Sidecar - failed | java.lang.IllegalStateException: boom | ")
                .endsWith("\n")
                .containsOnlyOnce("\n");
    }

    @Test
    void levelNamesAreTheFourOfLogLevel() {
        assertThat(LogLineFormatter.levelName(Level.FINEST)).isEqualTo("debug");
        assertThat(LogLineFormatter.levelName(Level.INFO)).isEqualTo("info");
        assertThat(LogLineFormatter.levelName(Level.WARNING)).isEqualTo("warn");
        assertThat(LogLineFormatter.levelName(Level.SEVERE)).isEqualTo("error");
    }
}

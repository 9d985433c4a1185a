package io.kafkaorchestrator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class LogLineFormatterTest {

    private static LogRecord record(Level level, String logger, String message, Object... params) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(Instant.parse("2026-11-25T12:00:00.123Z"));
        record.setParameters(params.length == 0 ? null : params);
        return record;
    }

    /** HealthMonitor's warning when the broker's health changed, with these attributes after brokerId and live. */
    private static LogRecord healthChanged(KeyValuePair... more) {
        Object[] params = Stream.concat(
                        Stream.of(new KeyValuePair("brokerId", 0), new KeyValuePair("live", "unhealthy")),
                        Stream.of(more))
                .toArray();
        return record(Level.WARNING, "io.kafkaorchestrator.health.HealthMonitor", "Broker health changed", params);
    }

    @Test
    void textIsOneLineWithTimeLevelShortLoggerMessageAndAttributes() {
        String line =
                LogLineFormatter.text().format(healthChanged(new KeyValuePair("error", "no answer within 10000 ms")));
        assertThat(line)
                .isEqualTo("2026-11-25T12:00:00.123Z warn  HealthMonitor - Broker health changed brokerId=0"
                        + " live=unhealthy error=\"no answer within 10000 ms\"\n");
    }

    @Test
    void jsonHasTheGoToolsSlogShapeWithAttributesAsTheirOwnKeys() {
        String line = LogLineFormatter.json()
                .format(healthChanged(
                        new KeyValuePair("enabled", true), new KeyValuePair("error", "say \"hi\"\nthere")));
        assertThat(line)
                .isEqualTo("{\"time\":\"2026-11-25T12:00:00.123Z\",\"level\":\"WARN\","
                        + "\"msg\":\"Broker health changed\",\"brokerId\":0,\"live\":\"unhealthy\",\"enabled\":true,"
                        + "\"error\":\"say \\\"hi\\\"\\nthere\",\"logger\":\"HealthMonitor\"}\n");
    }

    @Test
    void jsonLevelsAreSlogsAndAnEventWithoutAttributesNamesItsLogger() {
        assertThat(LogLineFormatter.json().format(record(Level.FINE, "org.apache.kafka.clients.NetworkClient", "hi")))
                .isEqualTo("{\"time\":\"2026-11-25T12:00:00.123Z\",\"level\":\"DEBUG\",\"msg\":\"hi\","
                        + "\"logger\":\"org.apache.kafka.clients.NetworkClient\"}\n");
        assertThat(LogLineFormatter.json().format(record(Level.INFO, "x", "hi")))
                .contains("\"level\":\"INFO\"");
        assertThat(LogLineFormatter.json().format(record(Level.SEVERE, "x", "hi")))
                .contains("\"level\":\"ERROR\"");
    }

    @Test
    void jsonTimeIsRfc3339WithNanosecondsAsGoWritesIt() {
        assertThat(LogLineFormatter.rfc3339Nano(Instant.parse("2026-11-25T12:00:00.123456789Z")))
                .isEqualTo("2026-11-25T12:00:00.123456789Z");
        assertThat(LogLineFormatter.rfc3339Nano(Instant.parse("2026-11-25T12:00:00.120Z")))
                .isEqualTo("2026-11-25T12:00:00.12Z");
        assertThat(LogLineFormatter.rfc3339Nano(Instant.parse("2026-11-25T12:00:00Z")))
                .isEqualTo("2026-11-25T12:00:00Z");
    }

    @Test
    void aStackTraceIsTheErrorInJsonAndStaysOnTheEventsLineInText() {
        LogRecord record = record(Level.SEVERE, "io.kafkaorchestrator.Sidecar", "failed");
        record.setThrown(new IllegalStateException("boom"));
        assertThat(LogLineFormatter.text().format(record))
                .startsWith(
                        "2026-11-25T12:00:00.123Z error Sidecar - failed | java.lang.IllegalStateException: boom | ")
                .endsWith("\n")
                .containsOnlyOnce("\n");
        assertThat(LogLineFormatter.json().format(record))
                .startsWith("{\"time\":\"2026-11-25T12:00:00.123Z\",\"level\":\"ERROR\",\"msg\":\"failed\","
                        + "\"logger\":\"Sidecar\",\"error\":\"java.lang.IllegalStateException: boom\\n\\tat ")
                .containsOnlyOnce("\n");
    }

    @Test
    void theJdksOwnRecordsKeepTheirMessageFormatParameters() {
        assertThat(LogLineFormatter.text().format(record(Level.INFO, "jdk.event", "{0} of {1}", 1, 2)))
                .isEqualTo("2026-11-25T12:00:00.123Z info  jdk.event - 1 of 2\n");
    }

    @Test
    void levelNamesAreTheFourOfLogLevel() {
        assertThat(LogLineFormatter.levelName(Level.FINEST)).isEqualTo("debug");
        assertThat(LogLineFormatter.levelName(Level.INFO)).isEqualTo("info");
        assertThat(LogLineFormatter.levelName(Level.WARNING)).isEqualTo("warn");
        assertThat(LogLineFormatter.levelName(Level.SEVERE)).isEqualTo("error");
    }
}

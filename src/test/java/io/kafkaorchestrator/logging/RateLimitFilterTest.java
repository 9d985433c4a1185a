package io.kafkaorchestrator.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.kafkaorchestrator.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class RateLimitFilterTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T12:00:00Z"));
    private final RateLimitFilter filter = new RateLimitFilter(Duration.ofMinutes(1), clock);

    private static LogRecord warning(String logger, String message) {
        LogRecord record = new LogRecord(Level.WARNING, message);
        record.setLoggerName(logger);
        return record;
    }

    @Test
    void onePerLoggerPerIntervalThenSaysHowManyWereDropped() {
        assertThat(filter.isLoggable(warning("org.apache.kafka.clients.NetworkClient", "connection refused")))
                .isTrue();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(filter.isLoggable(warning("org.apache.kafka.clients.NetworkClient", "connection refused")))
                    .isFalse();
        }
        assertThat(filter.isLoggable(warning("org.apache.kafka.clients.admin.KafkaAdminClient", "other logger")))
                .isTrue();

        clock.advance(Duration.ofSeconds(60));
        LogRecord next = warning("org.apache.kafka.clients.NetworkClient", "connection refused");
        assertThat(filter.isLoggable(next)).isTrue();
        assertThat(next.getMessage())
                .isEqualTo("connection refused (5 similar messages from this logger suppressed in the last 60 s)");
    }

    @Test
    void errorsAlwaysPass() {
        LogRecord error = warning("org.apache.kafka.clients.NetworkClient", "fatal");
        error.setLevel(Level.SEVERE);
        assertThat(filter.isLoggable(warning("org.apache.kafka.clients.NetworkClient", "first")))
                .isTrue();
        assertThat(filter.isLoggable(error)).isTrue();
        assertThat(filter.isLoggable(error)).isTrue();
    }
}

package io.kafkaorchestrator.logging;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Lets through at most one record per logger per interval; the next one that passes says how many were dropped.
 * Errors always pass.
 */
final class RateLimitFilter implements Filter {

    private record Window(long startedAtMillis, int dropped) {}

    private final long intervalMillis;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RateLimitFilter(Duration interval, Clock clock) {
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
            return true;
        }
        long now = clock.millis();
        String key = String.valueOf(record.getLoggerName());
        Window before = windows.get(key);
        if (before != null && now - before.startedAtMillis() < intervalMillis) {
            windows.put(key, new Window(before.startedAtMillis(), before.dropped() + 1));
            return false;
        }
        windows.put(key, new Window(now, 0));
        if (before != null && before.dropped() > 0) {
            record.setMessage(record.getMessage() + " (" + before.dropped() + " similar messages from this logger"
                    + " suppressed in the last " + (intervalMillis / 1000) + " s)");
        }
        return true;
    }
}

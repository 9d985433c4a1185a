package io.kafkaorchestrator.logging;

import io.kafkaorchestrator.config.LogFormat;
import io.kafkaorchestrator.config.LogLevel;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Configures java.util.logging, the SLF4J backend: one line per event on stdout, as text or JSON, at the configured
 * level. The Kafka client is held to warnings, at most one per logger per minute: with a broker down it would
 * otherwise log several lines a second, and the sidecar's own log already says what is wrong once per change.
 */
public final class LogSetup {

    static final String KAFKA_CLIENT = "org.apache.kafka";
    static final Duration KAFKA_CLIENT_LOG_INTERVAL = Duration.ofMinutes(1);

    /** java.util.logging holds loggers weakly: without this reference the Kafka client's level could be forgotten. */
    private static Logger kafkaClientLogger;

    private LogSetup() {}

    public static void configure(LogLevel level, LogFormat format, PrintStream out) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(julLevel(level));
        LogLineFormatter formatter = format == LogFormat.JSON ? LogLineFormatter.json() : LogLineFormatter.text();
        LineHandler handler = new LineHandler(out, formatter);
        // A logger's own filter does not apply to its children, so the Kafka rate limit sits on the handler.
        RateLimitFilter kafkaLimit = new RateLimitFilter(KAFKA_CLIENT_LOG_INTERVAL, Clock.systemUTC());
        handler.setFilter(record -> record.getLoggerName() == null
                || !record.getLoggerName().startsWith(KAFKA_CLIENT)
                || kafkaLimit.isLoggable(record));
        root.addHandler(handler);
        kafkaClientLogger = Logger.getLogger(KAFKA_CLIENT);
        kafkaClientLogger.setLevel(level == LogLevel.DEBUG ? Level.INFO : Level.WARNING);
    }

    static Level julLevel(LogLevel level) {
        return switch (level) {
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR -> Level.SEVERE;
        };
    }

    /** Writes each record as one line and flushes it: a container's log must not lag behind a crash. */
    private static final class LineHandler extends Handler {
        private final PrintStream out;
        private final LogLineFormatter formatter;

        LineHandler(PrintStream out, LogLineFormatter formatter) {
            this.out = out;
            this.formatter = formatter;
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                String line = formatter.format(record);
                synchronized (out) {
                    out.print(line);
                    out.flush();
                }
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}

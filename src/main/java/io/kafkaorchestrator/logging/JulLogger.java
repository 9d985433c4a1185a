package io.kafkaorchestrator.logging;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * One SLF4J logger over the java.util.logging logger of the same name. A record's parameters are the event's
 * key-value pairs ({@link KeyValuePair}); its message is already formatted.
 */
final class JulLogger extends LegacyAbstractLogger implements LoggingEventAware {

    /** Held strongly: java.util.logging keeps loggers weakly, and a collected one would forget its level. */
    private final transient java.util.logging.Logger jul;

    JulLogger(String name) {
        this.name = name;
        this.jul = java.util.logging.Logger.getLogger(name);
    }

    @Override
    public boolean isTraceEnabled() {
        return jul.isLoggable(Level.FINEST);
    }

    @Override
    public boolean isDebugEnabled() {
        return jul.isLoggable(Level.FINE);
    }

    @Override
    public boolean isInfoEnabled() {
        return jul.isLoggable(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return jul.isLoggable(Level.WARNING);
    }

    @Override
    public boolean isErrorEnabled() {
        return jul.isLoggable(Level.SEVERE);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            org.slf4j.event.Level level, Marker marker, String message, Object[] arguments, Throwable error) {
        publish(level, MessageFormatter.basicArrayFormat(message, arguments), List.of(), error);
    }

    /** The fluent API's way in ({@code log.atInfo().addKeyValue(...)}), the only one that carries key-value pairs. */
    @Override
    public void log(LoggingEvent event) {
        Level level = julLevel(event.getLevel());
        if (!jul.isLoggable(level)) {
            return;
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs() == null ? List.of() : event.getKeyValuePairs();
        publish(
                event.getLevel(),
                MessageFormatter.basicArrayFormat(event.getMessage(), event.getArgumentArray()),
                pairs,
                event.getThrowable());
    }

    private void publish(org.slf4j.event.Level level, String message, List<KeyValuePair> pairs, Throwable error) {
        LogRecord record = new LogRecord(julLevel(level), message);
        record.setLoggerName(name);
        // Else java.util.logging takes this class for the caller, and its own formatter would print it.
        record.setSourceClassName(name);
        record.setThrown(error);
        if (!pairs.isEmpty()) {
            record.setParameters(pairs.toArray());
        }
        jul.log(record);
    }

    static Level julLevel(org.slf4j.event.Level level) {
        return switch (level) {
            case TRACE -> Level.FINEST;
            case DEBUG -> Level.FINE;
            case INFO -> Level.INFO;
            case WARN -> Level.WARNING;
            case ERROR -> Level.SEVERE;
        };
    }
}

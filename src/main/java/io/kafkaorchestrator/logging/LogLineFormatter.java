package io.kafkaorchestrator.logging;

import io.kafkaorchestrator.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.event.KeyValuePair;

/**
 * Formats a record as one line. JSON in the shape of the original Go tool's log/slog JSON handler: {@code time} (RFC
 * 3339 with nanoseconds, trailing zeros dropped), {@code level} ({@code DEBUG}, {@code INFO}, {@code WARN},
 * {@code ERROR}), {@code msg}, then the event's attributes as their own keys, then {@code logger} and a stack trace
 * as {@code error}. Text for people: {@code time level logger - message key=value ...}.
 */
final class LogLineFormatter extends Formatter {

    private final boolean json;

    private LogLineFormatter(boolean json) {
        this.json = json;
    }

    static LogLineFormatter text() {
        return new LogLineFormatter(false);
    }

    static LogLineFormatter json() {
        return new LogLineFormatter(true);
    }

    @Override
    public String format(LogRecord record) {
        List<KeyValuePair> attributes = attributes(record);
        // Records from SLF4J arrive formatted; the JDK's own may carry java.text.MessageFormat parameters.
        String message = attributes.isEmpty() ? formatMessage(record) : record.getMessage();
        String logger = shortName(record.getLoggerName());
        String stack = record.getThrown() == null ? null : stackTrace(record.getThrown());
        return json
                ? json(record, message, attributes, logger, stack)
                : text(record, message, attributes, logger, stack);
    }

    private static String json(
            LogRecord record, String message, List<KeyValuePair> attributes, String logger, String stack) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", rfc3339Nano(record.getInstant()));
        line.put("level", levelName(record.getLevel()).toUpperCase(java.util.Locale.ROOT));
        line.put("msg", message);
        for (KeyValuePair attribute : attributes) {
            line.putIfAbsent(attribute.key, jsonValue(attribute.value));
        }
        line.putIfAbsent("logger", logger);
        if (stack != null) {
            line.put(line.containsKey("error") ? "stack" : "error", stack);
        }
        return Json.write(line) + "\n";
    }

    private static String text(
            LogRecord record, String message, List<KeyValuePair> attributes, String logger, String stack) {
        StringBuilder line = new StringBuilder(128)
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ')
                .append(String.format("%-5s", levelName(record.getLevel())))
                .append(' ')
                .append(logger)
                .append(" - ")
                .append(message);
        for (KeyValuePair attribute : attributes) {
            line.append(' ').append(attribute.key).append('=').append(textValue(attribute.value));
        }
        // Text stays one line per event: a stack trace is folded into it.
        if (stack != null) {
            line.append(" | ").append(stack.replace("\n", " | "));
        }
        return line.append('\n').toString();
    }

    /** The record's key-value pairs, when it came from SLF4J's fluent API; none otherwise. */
    private static List<KeyValuePair> attributes(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null) {
            return List.of();
        }
        List<KeyValuePair> pairs = new ArrayList<>(parameters.length);
        for (Object parameter : parameters) {
            if (!(parameter instanceof KeyValuePair pair)) {
                return List.of();
            }
            pairs.add(pair);
        }
        return pairs;
    }

    private static Object jsonValue(Object value) {
        return switch (value) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b;
            case Integer i -> i;
            case Long l -> l;
            case Double d -> d;
            case Float f -> f;
            case Short s -> (int) s;
            default -> String.valueOf(value);
        };
    }

    /** As slog's text handler: bare unless the value needs quotes to stay one token. */
    private static String textValue(Object value) {
        String text = String.valueOf(value);
        boolean bare = !text.isEmpty() && text.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c != 0x7f);
        return bare ? text : Json.write(text);
    }

    /** As Go's time.RFC3339Nano in UTC: {@code 2026-11-25T12:00:00.1234Z}, no fraction when it is zero. */
    static String rfc3339Nano(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(String.format(
                "%04d-%02d-%02dT%02d:%02d:%02d",
                t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        int nanos = t.getNano();
        if (nanos > 0) {
            String fraction = String.format("%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(fraction, 0, end);
        }
        return out.append('Z').toString();
    }

    static String levelName(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "error";
        }
        if (value >= Level.WARNING.intValue()) {
            return "warn";
        }
        if (value >= Level.INFO.intValue()) {
            return "info";
        }
        return "debug";
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "root";
        }
        return logger.startsWith("io.kafkaorchestrator.") ? logger.substring(logger.lastIndexOf('.') + 1) : logger;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString().strip();
    }
}

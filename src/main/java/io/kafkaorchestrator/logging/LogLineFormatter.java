package io.kafkaorchestrator.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/** Formats a record as one line: {@code time level logger message} or one JSON object. */
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
        String time = Instant.ofEpochMilli(record.getMillis()).toString();
        String level = levelName(record.getLevel());
        String logger = shortName(record.getLoggerName());
        String message = formatMessage(record);
        String error = record.getThrown() == null ? null : stackTrace(record.getThrown());
        if (json) {
            StringBuilder line = new StringBuilder(128).append('{');
            field(line, "time", time).append(',');
            field(line, "level", level).append(',');
            field(line, "logger", logger).append(',');
            field(line, "message", message);
            if (error != null) {
                field(line.append(','), "error", error);
            }
            return line.append("}\n").toString();
        }
        String text = time + " " + String.format("%-5s", level) + " " + logger + " - " + message;
        // Text stays one line per event: a stack trace is folded into it.
        return (error == null ? text : text + " | " + error.replace("\n", " | ")) + "\n";
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

    private static StringBuilder field(StringBuilder line, String name, String value) {
        line.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        return line.append('"');
    }
}

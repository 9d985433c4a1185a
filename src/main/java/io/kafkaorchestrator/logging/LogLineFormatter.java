package io.kafkaorchestrator.logging;

import io.kafkaorchestrator.json.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
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
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("time", time);
            line.put("level", level);
            line.put("logger", logger);
            line.put("message", message);
            if (error != null) {
                line.put("error", error);
            }
            return Json.write(line) + "\n";
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
}

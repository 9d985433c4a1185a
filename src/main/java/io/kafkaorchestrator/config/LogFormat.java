package io.kafkaorchestrator.config;

/** LOG_FORMAT: one line of text per event, or one JSON object per line. */
public enum LogFormat {
    TEXT,
    JSON
}

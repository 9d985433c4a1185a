package io.kafkaorchestrator.config;

/** LOG_LEVEL: the least severe level the sidecar logs. */
public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}

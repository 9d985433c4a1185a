package io.kafkaorchestrator.metrics;

/** A cgroup's memory limit: a number of bytes, or none set. */
public sealed interface MemoryLimit {

    MemoryLimit UNLIMITED = new Unlimited();

    record Limited(long bytes) implements MemoryLimit {}

    record Unlimited() implements MemoryLimit {}
}

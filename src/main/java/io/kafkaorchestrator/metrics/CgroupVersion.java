package io.kafkaorchestrator.metrics;

/** Which cgroup interface the memory figures were read from. */
public enum CgroupVersion {
    V1,
    V2
}

package io.kafkaorchestrator.config;

import java.util.Objects;

/** A value that must never reach a log or a message: {@link #toString()} masks it, only {@link #reveal()} shows it. */
public final class Secret {
    public static final String MASK = "***";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}

package io.kafkaorchestrator.config;

import java.util.Locale;
import java.util.Objects;

/** One variable's effective value as the startup log shows it (secrets as ***), and where the value came from. */
public record Setting(String name, String shownValue, Origin origin) {

    /** Shown for a variable that is not set and has no default. */
    public static final String NOT_SET = "(not set)";

    public enum Origin {
        DEFAULT,
        VARIABLE,
        DISCOVERED
    }

    public Setting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shownValue, "shownValue");
        Objects.requireNonNull(origin, "origin");
    }

    /** {@code NAME=value (origin)}, or {@code NAME=(not set)}. */
    public String describe() {
        if (shownValue.equals(NOT_SET)) {
            return name + "=" + NOT_SET;
        }
        return name + "=" + shownValue + " (" + origin.name().toLowerCase(Locale.ROOT) + ")";
    }
}

package io.kafkaorchestrator.config;

import io.kafkaorchestrator.config.Setting.Origin;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the variables of one environment map for {@link ConfigLoader}, collecting every problem (one line each:
 * {@code NAME=value: what is wrong; accepted: what is}) and every effective setting as it goes. Used for one load only.
 */
final class EnvReader {
    /** A parser's verdict on a value: what is wrong with it, phrased to follow "NAME=value: ". */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws Invalid;
    }

    private static final String UNRESOLVED_REFERENCE_PREFIX = "cpln://";

    private final Map<String, String> env;
    private final Set<String> secretNames;
    private final List<String> problems = new ArrayList<>();
    private final List<Setting> settings = new ArrayList<>();
    private final Set<String> rejected = new HashSet<>();

    /**
     * @param knownNames  every variable the loader reads: each is checked for an unresolved cpln:// reference first
     * @param secretNames the variables whose values are never shown
     */
    EnvReader(Map<String, String> env, List<String> knownNames, Set<String> secretNames) {
        this.env = Map.copyOf(env);
        this.secretNames = Set.copyOf(secretNames);
        // The platform replaces a cpln://secret/... value before the container starts, but only when the workload's
        // identity may reveal the secret. A value still in that form is never what the variable means.
        for (String name : knownNames) {
            String value = env.get(name);
            if (value != null && value.startsWith(UNRESOLVED_REFERENCE_PREFIX)) {
                reject(name, value, "a " + UNRESOLVED_REFERENCE_PREFIX + " reference that the platform did not"
                        + " resolve: the workload's identity needs the reveal permission on that secret",
                        "the value itself, or a reference to a secret the workload's identity can reveal");
            }
        }
    }

    /**
     * The value with surrounding whitespace removed; empty when the variable is unset, empty or blank (Control Plane
     * sometimes sets a variable to the empty string, which must mean "not set", not "invalid"), or was rejected.
     */
    Optional<String> value(String name) {
        return exactValue(name).map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The value exactly as given, for user names and passwords; empty when unset, empty or rejected. */
    Optional<String> exactValue(String name) {
        String text = env.get(name);
        if (text == null || text.isEmpty() || rejected.contains(name)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** Whether a problem was already reported for the variable: checks that depend on it stay quiet. */
    boolean isRejected(String name) {
        return rejected.contains(name);
    }

    /** Reads a variable with a default, recording its setting; a bad value is reported and the default returned. */
    <T> T read(String name, T defaultValue, Parser<T> parser, String accepted, Function<T, String> show) {
        Optional<T> value = readOptional(name, parser, accepted, show);
        if (value.isEmpty()) {
            replaceSetting(name, show.apply(defaultValue), Origin.DEFAULT);
        }
        return value.orElse(defaultValue);
    }

    /** Reads a variable without a default, recording its setting; a bad value is reported and empty returned. */
    <T> Optional<T> readOptional(String name, Parser<T> parser, String accepted, Function<T, String> show) {
        Optional<String> text = value(name);
        if (text.isEmpty()) {
            replaceSetting(name, Setting.NOT_SET, Origin.DEFAULT);
            return Optional.empty();
        }
        try {
            T value = parser.parse(text.get());
            replaceSetting(name, show.apply(value), Origin.VARIABLE);
            return Optional.of(value);
        } catch (Invalid invalid) {
            reject(name, text.get(), invalid.getMessage(), accepted);
            replaceSetting(name, Setting.NOT_SET, Origin.DEFAULT);
            return Optional.empty();
        }
    }

    /** Reports one problem with a variable that has a value; secrets are shown as ***. */
    void reject(String name, String value, String wrong, String accepted) {
        rejected.add(name);
        problems.add(name + "=" + shown(name, value) + ": " + wrong + "; accepted: " + accepted);
    }

    /** Reports a variable that is required but not set. */
    void rejectUnset(String name, String wrong, String accepted) {
        rejected.add(name);
        problems.add(name + "=" + Setting.NOT_SET + ": " + wrong + "; accepted: " + accepted);
    }

    /** Marks a variable as bad because of a problem reported under another name, so checks that need it stay quiet. */
    void markRejected(String name) {
        rejected.add(name);
    }

    /** Records (or replaces) a variable's effective setting; the first record of a name fixes its place in the list. */
    void replaceSetting(String name, String shownValue, Origin origin) {
        Setting setting = new Setting(name, secretNames.contains(name) && !shownValue.equals(Setting.NOT_SET)
                ? Secret.MASK : shownValue, origin);
        for (int i = 0; i < settings.size(); i++) {
            if (settings.get(i).name().equals(name)) {
                settings.set(i, setting);
                return;
            }
        }
        settings.add(setting);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<Setting> settings() {
        return List.copyOf(settings);
    }

    /** A value as a problem line shows it: secrets masked, control characters escaped so a problem stays one line. */
    private String shown(String name, String value) {
        if (secretNames.contains(name)) {
            return Secret.MASK;
        }
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(switch (c) {
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> String.format("\\u%04x", c);
                });
            } else {
                text.appendCodePoint(c);
            }
        });
        return text.toString();
    }
}

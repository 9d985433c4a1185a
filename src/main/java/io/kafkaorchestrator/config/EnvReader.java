package io.kafkaorchestrator.config;

import io.kafkaorchestrator.config.Setting.Origin;
import io.kafkaorchestrator.config.Variable.Form;
import io.kafkaorchestrator.config.Variable.Invalid;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the variables of one environment map for {@link ConfigLoader}, collecting every problem (one line each:
 * {@code NAME=value: what is wrong; accepted: what is}) and every effective setting as it goes. Used for one load only.
 */
final class EnvReader {
    private static final String UNRESOLVED_REFERENCE_PREFIX = "cpln://";

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();
    private final List<Setting> settings = new ArrayList<>();
    private final Set<String> rejected = new HashSet<>();

    /** @param variables every variable the loader reads: each is checked for an unresolved cpln:// reference first */
    EnvReader(Map<String, String> env, List<Variable<?>> variables) {
        this.env = Map.copyOf(env);
        // The platform replaces a cpln://secret/... value before the container starts, but only when the workload's
        // identity may reveal the secret. A value still in that form is never what the variable means.
        for (Variable<?> variable : variables) {
            String value = env.get(variable.name());
            if (value != null && value.startsWith(UNRESOLVED_REFERENCE_PREFIX)) {
                reject(
                        variable,
                        value,
                        "a " + UNRESOLVED_REFERENCE_PREFIX + " reference that the platform did not"
                                + " resolve: the workload's identity needs the reveal permission on that secret",
                        "the value itself, or a reference to a secret the workload's identity can reveal");
            }
        }
    }

    /**
     * The value with surrounding whitespace removed; empty when the variable is unset, empty or blank (Control Plane
     * sometimes sets a variable to the empty string, which must mean "not set", not "invalid"), or was rejected.
     */
    Optional<String> value(Variable<?> variable) {
        return exactValue(variable).map(String::strip).filter(text -> !text.isEmpty());
    }

    /** The value exactly as given, for user names and passwords; empty when unset, empty or rejected. */
    private Optional<String> exactValue(Variable<?> variable) {
        String text = env.get(variable.name());
        if (text == null || text.isEmpty() || rejected.contains(variable.name())) {
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** Whether a problem was already reported for the variable: checks that depend on it stay quiet. */
    boolean isRejected(Variable<?> variable) {
        return rejected.contains(variable.name());
    }

    /** Reads a variable that has a default, recording its setting; a bad value is reported and the default returned. */
    <T> T read(Variable<T> variable) {
        T defaultValue = variable.defaultValue()
                .orElseThrow(() -> new IllegalArgumentException(variable.name() + " has no default"));
        Optional<T> value = readOptional(variable);
        if (value.isEmpty()) {
            record(variable, defaultValue, Origin.DEFAULT);
        }
        return value.orElse(defaultValue);
    }

    /** Reads a variable, recording its setting; a bad value is reported and empty returned. */
    <T> Optional<T> readOptional(Variable<T> variable) {
        Optional<String> text = variable.form() == Form.TRIMMED ? value(variable) : exactValue(variable);
        Optional<T> value = text.flatMap(given -> parse(variable, given, variable.accepted()));
        if (value.isPresent()) {
            record(variable, value.get(), Origin.VARIABLE);
        } else {
            replaceSetting(variable, Setting.NOT_SET, Origin.DEFAULT);
        }
        return value;
    }

    /**
     * Reads a variable Control Plane injects, to discover the value of {@code override}; it is not recorded as a
     * setting. A bad value is reported as also fixed by setting the override, and marks the override rejected.
     */
    <T> Optional<T> discover(Variable<T> injected, Variable<?> override) {
        Optional<String> text = value(injected);
        Optional<T> value =
                text.flatMap(given -> parse(injected, given, injected.accepted() + ", or " + override.name() + " set"));
        if (text.isPresent() && value.isEmpty()) {
            markRejected(override);
        }
        return value;
    }

    private <T> Optional<T> parse(Variable<T> variable, String text, String accepted) {
        try {
            return Optional.of(variable.parser().parse(text));
        } catch (Invalid invalid) {
            invalid.reasons.forEach(reason -> reject(variable, text, reason, accepted));
            return Optional.empty();
        }
    }

    /** Reports one problem with a variable that has a value; secrets are shown as ***. */
    void reject(Variable<?> variable, String value, String wrong, String accepted) {
        rejected.add(variable.name());
        problems.add(variable.name() + "=" + shown(variable, value) + ": " + wrong + "; accepted: " + accepted);
    }

    /** Reports a variable that is required but not set. */
    void rejectUnset(Variable<?> variable, String wrong, String accepted) {
        rejected.add(variable.name());
        problems.add(variable.name() + "=" + Setting.NOT_SET + ": " + wrong + "; accepted: " + accepted);
    }

    /** Marks a variable as bad because of a problem reported under another name, so checks that need it stay quiet. */
    void markRejected(Variable<?> variable) {
        rejected.add(variable.name());
    }

    /** Records (or replaces) a variable's effective setting, shown as the variable shows its values. */
    <T> void record(Variable<T> variable, T value, Origin origin) {
        replaceSetting(variable, variable.show().apply(value), origin);
    }

    /** The first record of a variable fixes its place in the list; a secret's value is recorded masked. */
    private void replaceSetting(Variable<?> variable, String shownValue, Origin origin) {
        Setting setting = new Setting(
                variable.name(),
                variable.form() == Form.SECRET && !shownValue.equals(Setting.NOT_SET) ? Secret.MASK : shownValue,
                origin);
        for (int i = 0; i < settings.size(); i++) {
            if (settings.get(i).name().equals(variable.name())) {
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
    private static String shown(Variable<?> variable, String value) {
        if (variable.form() == Form.SECRET) {
            return Secret.MASK;
        }
        StringBuilder text = new StringBuilder(value.length());
        value.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                text.append(
                        switch (c) {
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

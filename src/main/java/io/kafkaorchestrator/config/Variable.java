package io.kafkaorchestrator.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One environment variable as {@link Variables} declares it: all that {@link EnvReader} needs to read it, show it in
 * the startup log and, when the value is bad, say what the variable accepts.
 *
 * @param defaultValue what an unset variable means; empty when unset stays "(not set)" or a rule discovers the value
 * @param parser       the value from the text, or what is wrong with the text
 * @param show         a value as the startup log shows it: the parsed form, so " +2 " shows as 2
 * @param accepted     what the variable takes, phrased to follow "accepted: "
 * @param form         how the text is taken, and whether it may ever be shown
 */
record Variable<T>(
        String name, Optional<T> defaultValue, Parser<T> parser, Function<T, String> show, String accepted, Form form) {

    enum Form {
        /** Surrounding whitespace ignored. */
        TRIMMED,
        /** Exactly as given: a user name may begin or end with a space that matters. */
        EXACT,
        /** Exactly as given, and shown as *** everywhere: in problems and in the startup log. */
        SECRET
    }

    @FunctionalInterface
    interface Parser<T> {
        T parse(String text) throws Invalid;
    }

    /** A parser's verdict on a text: what is wrong with it, phrased to follow "NAME=value: ", one line per fault. */
    static final class Invalid extends Exception {
        final List<String> reasons;

        Invalid(String reason) {
            this(List.of(reason));
        }

        /** For a list, where each bad entry is its own problem. */
        Invalid(List<String> reasons) {
            super(String.join("; ", reasons), null, false, false);
            this.reasons = List.copyOf(reasons);
        }
    }

    static <T> Variable<T> withDefault(
            String name, T defaultValue, Parser<T> parser, Function<T, String> show, String accepted) {
        return new Variable<>(name, Optional.of(defaultValue), parser, show, accepted, Form.TRIMMED);
    }

    static <T> Variable<T> optional(String name, Parser<T> parser, Function<T, String> show, String accepted) {
        return new Variable<>(name, Optional.empty(), parser, show, accepted, Form.TRIMMED);
    }

    /**
     * A variable Control Plane sets, that a rule discovers another variable's value from: it is no setting of its
     * own, so it has no default and is never shown in the startup log.
     */
    static <T> Variable<T> injected(String name, Parser<T> parser, String accepted) {
        return optional(name, parser, String::valueOf, accepted);
    }

    /** A text taken exactly as given. */
    static Variable<String> exact(String name, String accepted) {
        return new Variable<>(name, Optional.empty(), text -> text, text -> text, accepted, Form.EXACT);
    }

    /** A text taken exactly as given that no message or log may show. */
    static Variable<String> secret(String name, String accepted) {
        return new Variable<>(name, Optional.empty(), text -> text, text -> text, accepted, Form.SECRET);
    }
}

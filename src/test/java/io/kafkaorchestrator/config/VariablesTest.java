package io.kafkaorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The declarations themselves: what a slip in a new line of {@link Variables} would get wrong. */
class VariablesTest {

    @Test
    void eachNameIsDeclaredOnce() {
        assertThat(ConfigLoader.VARIABLES).doesNotHaveDuplicates();
    }

    static Stream<Named<Variable<?>>> variablesWithADefault() {
        return Variables.all().stream()
                .filter(variable -> variable.defaultValue().isPresent())
                .map(variable -> Named.of(variable.name(), variable));
    }

    /** The startup log shows a default as the variable would take it, so an operator can copy it into the variable. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("variablesWithADefault")
    void aDefaultIsShownAsAValueTheVariableAccepts(Variable<?> variable) throws Variable.Invalid {
        assertRoundTrip(variable);
    }

    private static <T> void assertRoundTrip(Variable<T> variable) throws Variable.Invalid {
        T defaultValue = variable.defaultValue().orElseThrow();
        assertThat(variable.parser().parse(variable.show().apply(defaultValue))).isEqualTo(defaultValue);
    }
}

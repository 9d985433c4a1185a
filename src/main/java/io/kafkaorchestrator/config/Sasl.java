package io.kafkaorchestrator.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** SASL credentials for the Kafka client. */
public record Sasl(Mechanism mechanism, String username, Secret password) {

    public Sasl {
        Objects.requireNonNull(mechanism, "mechanism");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public enum Mechanism {
        PLAIN("PLAIN"),
        SCRAM_SHA_256("SCRAM-SHA-256"),
        SCRAM_SHA_512("SCRAM-SHA-512");

        private final String kafkaName;

        Mechanism(String kafkaName) {
            this.kafkaName = kafkaName;
        }

        /** The name Kafka's {@code sasl.mechanism} takes. */
        public String kafkaName() {
            return kafkaName;
        }

        /** The mechanism with this Kafka name, in any case. */
        public static Optional<Mechanism> fromKafkaName(String name) {
            String upper = name.toUpperCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(m -> m.kafkaName.equals(upper))
                    .findFirst();
        }
    }
}

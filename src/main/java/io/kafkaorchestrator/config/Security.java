package io.kafkaorchestrator.config;

import java.util.Objects;
import java.util.Optional;

/** How the client talks to the brokers: the Kafka security protocol follows from whether SASL and TLS are on. */
public record Security(Protocol protocol, Optional<Sasl> sasl, Optional<Tls> tls) {

    public enum Protocol {
        PLAINTEXT,
        SSL,
        SASL_PLAINTEXT,
        SASL_SSL
    }

    public Security {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(sasl, "sasl");
        Objects.requireNonNull(tls, "tls");
        if (protocol != protocolFor(sasl.isPresent(), tls.isPresent())) {
            throw new IllegalArgumentException(
                    protocol + " does not match sasl=" + sasl.isPresent() + " tls=" + tls.isPresent());
        }
    }

    public static Security of(Optional<Sasl> sasl, Optional<Tls> tls) {
        return new Security(protocolFor(sasl.isPresent(), tls.isPresent()), sasl, tls);
    }

    public static Security plaintext() {
        return of(Optional.empty(), Optional.empty());
    }

    private static Protocol protocolFor(boolean sasl, boolean tls) {
        if (sasl) {
            return tls ? Protocol.SASL_SSL : Protocol.SASL_PLAINTEXT;
        }
        return tls ? Protocol.SSL : Protocol.PLAINTEXT;
    }
}

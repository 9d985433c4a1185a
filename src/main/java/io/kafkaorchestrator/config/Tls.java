package io.kafkaorchestrator.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS towards the brokers: the PEM file of the CA certificates to trust and, for mutual TLS, the client's PEM
 * certificate chain and PKCS#8 private key (both or neither), the key's password when it is encrypted.
 */
public record Tls(
        Path caFile,
        Optional<Path> certificateFile,
        Optional<Path> keyFile,
        Optional<Secret> keyPassword,
        boolean verifyHostname) {

    public Tls {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certificateFile, "certificateFile");
        Objects.requireNonNull(keyFile, "keyFile");
        Objects.requireNonNull(keyPassword, "keyPassword");
        if (certificateFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("a client certificate needs its key and a key its certificate");
        }
        if (keyPassword.isPresent() && keyFile.isEmpty()) {
            throw new IllegalArgumentException("a key password needs a key file");
        }
    }
}

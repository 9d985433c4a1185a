package io.kafkaorchestrator.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks the PEM files TLS needs before the Kafka client reads them, so a wrong file is a clear startup error rather
 * than an SSL exception on every connection attempt.
 */
final class PemFiles {
    /** What a key file holds, as far as Kafka's PEM support is concerned. */
    enum KeyKind {
        UNENCRYPTED,
        ENCRYPTED
    }

    private static final String CERTIFICATE = "-----BEGIN CERTIFICATE-----";
    private static final String PKCS8_KEY = "-----BEGIN PRIVATE KEY-----";
    private static final String ENCRYPTED_PKCS8_KEY = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    private static final String[] OTHER_KEY_FORMATS = {
        "-----BEGIN RSA PRIVATE KEY-----", "-----BEGIN EC PRIVATE KEY-----", "-----BEGIN DSA PRIVATE KEY-----"
    };

    private PemFiles() {}

    /** Thrown with what is wrong with a file, phrased to follow "NAME=path: ". */
    static final class BadFile extends Exception {
        final String accepted;

        BadFile(String reason, String accepted) {
            super(reason, null, false, false);
            this.accepted = accepted;
        }
    }

    /** Checks that the file holds at least one PEM certificate. */
    static void checkCertificates(Path file, String accepted) throws BadFile {
        if (!read(file, accepted).contains(CERTIFICATE)) {
            throw new BadFile("no PEM certificate (" + CERTIFICATE + ") in the file", accepted);
        }
    }

    /** Checks that the file holds a PKCS#8 private key, the only key format Kafka's PEM support reads. */
    static KeyKind checkPrivateKey(Path file, String accepted) throws BadFile {
        String text = read(file, accepted);
        if (text.contains(ENCRYPTED_PKCS8_KEY)) {
            return KeyKind.ENCRYPTED;
        }
        if (text.contains(PKCS8_KEY)) {
            return KeyKind.UNENCRYPTED;
        }
        for (String other : OTHER_KEY_FORMATS) {
            if (text.contains(other)) {
                throw new BadFile(
                        "a PKCS#1 or SEC1 key (" + other + "), which Kafka cannot read",
                        accepted + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
            }
        }
        throw new BadFile("no PEM private key (" + PKCS8_KEY + ") in the file", accepted);
    }

    private static String read(Path file, String accepted) throws BadFile {
        if (!Files.exists(file)) {
            throw new BadFile("no such file", accepted);
        }
        if (!Files.isRegularFile(file)) {
            throw new BadFile("not a regular file", accepted);
        }
        if (!Files.isReadable(file)) {
            throw new BadFile("not readable by this process", accepted);
        }
        try {
            // PEM armour is ASCII; Latin-1 decodes any byte, so a binary file is reported as "no PEM ..." below.
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new BadFile("cannot be read (" + e.getMessage() + ")", accepted);
        }
    }
}

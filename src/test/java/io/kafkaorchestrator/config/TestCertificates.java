package io.kafkaorchestrator.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;

/**
 * PEM files for configuration tests: the test CA's certificate, a client certificate and its key (from {@link
 * io.kafkaorchestrator.testing.TlsFiles}, the one certificate factory), and the key in the forms Kafka does and does
 * not read.
 */
public final class TestCertificates {
    /** The password of {@link TlsFiles#encryptedClientKey()}; a quote and a backslash on purpose. */
    public static final String KEY_PASSWORD = "key-\"pass\\word";

    private static final String KEY_ENCRYPTION = "PBEWithSHA1AndDESede";

    public record TlsFiles(Path ca, Path clientCertificate, Path clientKey, Path encryptedClientKey, Path rsaKey) {}

    private TestCertificates() {}

    public static TlsFiles writeTo(Path directory) throws IOException, GeneralSecurityException {
        var generated = io.kafkaorchestrator.testing.TlsFiles.generate(directory);
        byte[] pkcs8 = io.kafkaorchestrator.testing.TlsFiles.der(generated.clientKey());
        // The bad-input tables name the certificate client.pem.
        Path clientCertificate = Files.move(generated.clientCertificate(), directory.resolve("client.pem"));
        return new TlsFiles(
                generated.caCertificate(),
                clientCertificate,
                generated.clientKey(),
                write(
                        directory.resolve("client-key-encrypted.pem"),
                        pem("ENCRYPTED PRIVATE KEY", encrypt(pkcs8, KEY_PASSWORD))),
                // Only the armour matters to the check that rejects this form.
                write(directory.resolve("rsa-key.pem"), pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})));
    }

    private static byte[] encrypt(byte[] pkcs8, String password) throws GeneralSecurityException, IOException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Cipher cipher = Cipher.getInstance(KEY_ENCRYPTION);
        cipher.init(
                Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(KEY_ENCRYPTION).generateSecret(new PBEKeySpec(password.toCharArray())),
                new PBEParameterSpec(salt, 2048));
        byte[] encrypted = cipher.doFinal(pkcs8);
        AlgorithmParameters parameters = cipher.getParameters();
        return new EncryptedPrivateKeyInfo(parameters, encrypted).getEncoded();
    }

    private static String pem(String type, byte[] der) {
        return io.kafkaorchestrator.testing.TlsFiles.pem(type, der);
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}

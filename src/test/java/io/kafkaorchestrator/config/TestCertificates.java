package io.kafkaorchestrator.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import org.apache.kafka.test.TestSslUtils;

/** PEM files for TLS tests: a CA certificate, a client certificate and its key in the forms Kafka does and does not read. */
public final class TestCertificates {
    /** The password of {@link TlsFiles#encryptedClientKey()}; a quote and a backslash on purpose. */
    public static final String KEY_PASSWORD = "key-\"pass\\word";
    private static final String KEY_ENCRYPTION = "PBEWithSHA1AndDESede";

    public record TlsFiles(Path ca, Path clientCertificate, Path clientKey, Path encryptedClientKey, Path rsaKey) {
    }

    private TestCertificates() {
    }

    public static TlsFiles writeTo(Path directory) throws IOException, GeneralSecurityException {
        KeyPair caKeys = TestSslUtils.generateKeyPair("EC");
        X509Certificate ca = TestSslUtils.generateCertificate("CN=Test CA", caKeys, 1, "SHA256withECDSA");
        KeyPair clientKeys = TestSslUtils.generateKeyPair("EC");
        X509Certificate client = TestSslUtils.generateCertificate("CN=sidecar", clientKeys, 1, "SHA256withECDSA");
        byte[] pkcs8 = clientKeys.getPrivate().getEncoded();
        return new TlsFiles(
                write(directory.resolve("ca.pem"), pem("CERTIFICATE", ca.getEncoded())),
                write(directory.resolve("client.pem"), pem("CERTIFICATE", client.getEncoded())),
                write(directory.resolve("client-key.pem"), pem("PRIVATE KEY", pkcs8)),
                write(directory.resolve("client-key-encrypted.pem"),
                        pem("ENCRYPTED PRIVATE KEY", encrypt(pkcs8, KEY_PASSWORD))),
                // Only the armour matters to the check that rejects this form.
                write(directory.resolve("rsa-key.pem"), pem("RSA PRIVATE KEY", new byte[] {1, 2, 3})));
    }

    private static byte[] encrypt(byte[] pkcs8, String password) throws GeneralSecurityException, IOException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Cipher cipher = Cipher.getInstance(KEY_ENCRYPTION);
        cipher.init(Cipher.ENCRYPT_MODE,
                SecretKeyFactory.getInstance(KEY_ENCRYPTION).generateSecret(new PBEKeySpec(password.toCharArray())),
                new PBEParameterSpec(salt, 2048));
        byte[] encrypted = cipher.doFinal(pkcs8);
        AlgorithmParameters parameters = cipher.getParameters();
        return new EncryptedPrivateKeyInfo(parameters, encrypted).getEncoded();
    }

    private static String pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}

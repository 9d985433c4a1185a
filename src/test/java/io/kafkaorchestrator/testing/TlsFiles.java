package io.kafkaorchestrator.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throwaway TLS material as PEM files: a CA, a broker certificate for {@code localhost} and {@code 127.0.0.1}, and a
 * client certificate for mutual TLS. Private keys are unencrypted PKCS#8.
 *
 * @param caCertificate     the CA certificate: the trust store of both sides
 * @param brokerKeyStore    the broker's key, certificate and the CA certificate in one file (Kafka's PEM key store)
 * @param clientCertificate the client certificate, signed by the CA
 * @param clientKey         the client certificate's private key
 */
public record TlsFiles(Path caCertificate, Path brokerKeyStore, Path clientCertificate, Path clientKey) {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** Generates fresh keys and certificates (EC P-256, valid for a day) into {@code dir}. */
    public static TlsFiles generate(Path dir) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        KeyPair caKeys = newKeyPair();
        X500Name caName = new X500Name("CN=Kafka Orchestrator Test CA");
        X509CertificateHolder ca = sign(
                certificate(caName, caName, caKeys)
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                caKeys.getPrivate());

        KeyPair brokerKeys = newKeyPair();
        X509CertificateHolder broker = sign(
                certificate(caName, new X500Name("CN=localhost"), brokerKeys)
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                        }))
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
                caKeys.getPrivate());

        KeyPair clientKeys = newKeyPair();
        X509CertificateHolder client = sign(
                certificate(caName, new X500Name("CN=orchestrator-client"), clientKeys)
                        .addExtension(
                                Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)),
                caKeys.getPrivate());

        TlsFiles files = new TlsFiles(
                dir.resolve("ca.pem"),
                dir.resolve("broker-keystore.pem"),
                dir.resolve("client-cert.pem"),
                dir.resolve("client-key.pem"));
        Files.writeString(files.caCertificate(), pem("CERTIFICATE", ca.getEncoded()));
        Files.writeString(
                files.brokerKeyStore(),
                pem("PRIVATE KEY", brokerKeys.getPrivate().getEncoded())
                        + pem("CERTIFICATE", broker.getEncoded())
                        + pem("CERTIFICATE", ca.getEncoded()));
        Files.writeString(files.clientCertificate(), pem("CERTIFICATE", client.getEncoded()));
        Files.writeString(
                files.clientKey(), pem("PRIVATE KEY", clientKeys.getPrivate().getEncoded()));
        return files;
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509v3CertificateBuilder certificate(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                subject,
                keys.getPublic());
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder certificate, PrivateKey issuerKey) {
        try {
            return certificate.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    /** The bytes a one-object PEM file holds, without its armour. */
    public static byte[] der(Path pemFile) throws IOException {
        String text = Files.readString(pemFile);
        String base64 = text.substring(text.indexOf('\n') + 1, text.indexOf("-----END"));
        return Base64.getMimeDecoder().decode(base64);
    }

    /** {@code der} as PEM text of the given type. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

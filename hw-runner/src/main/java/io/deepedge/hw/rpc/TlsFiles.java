package io.deepedge.hw.rpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the PEM files of TLS options before anything starts, so a wrong file is reported as
 * {@code OPTION: FILE: what is wrong, expected ...} instead of failing the first handshake. Certificates are
 * X.509 in PEM; private keys are unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY}: what {@code openssl req
 * -newkey} and {@code openssl genpkey} write), which is what gRPC's Netty transport reads without BouncyCastle.
 * A key must belong to the first certificate of its chain.
 */
final class TlsFiles {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final String KEY_EXPECTED = "an unencrypted PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)";
    private static final String CERT_EXPECTED = "X.509 certificates in PEM (-----BEGIN CERTIFICATE-----)";

    private TlsFiles() {
    }

    /** The file's bytes when it exists and is a readable regular file; else a problem line. */
    static Optional<byte[]> read(String option, Path file, List<String> problems) {
        String expected = "an existing, readable PEM file";
        if (!Files.exists(file)) {
            problems.add(option + ": " + file + ": file not found, expected " + expected);
        } else if (!Files.isRegularFile(file)) {
            problems.add(option + ": " + file + ": not a regular file, expected " + expected);
        } else {
            try {
                return Optional.of(Files.readAllBytes(file));
            } catch (IOException e) {
                problems.add(option + ": " + file + ": cannot be read (" + e.getClass().getSimpleName() + "), expected "
                        + expected);
            }
        }
        return Optional.empty();
    }

    /** The certificates in {@code pem} (at least one), or a problem line. */
    static List<X509Certificate> certificates(String option, Path file, byte[] pem, List<String> problems) {
        if (!new String(pem, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            problems.add(option + ": " + file + ": no certificate found, expected " + CERT_EXPECTED
                    + describeKeyInstead(pem));
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                out.add((X509Certificate) c);
            }
            return out;
        } catch (CertificateException | RuntimeException e) {
            problems.add(option + ": " + file + ": not a readable certificate (" + e.getMessage() + "), expected "
                    + CERT_EXPECTED);
            return List.of();
        }
    }

    /** The private key in {@code pem}, or a problem line. */
    static Optional<PrivateKey> privateKey(String option, Path file, byte[] pem, List<String> problems) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        Matcher m = PKCS8.matcher(text);
        if (!m.find()) {
            String what = text.contains("ENCRYPTED PRIVATE KEY") ? "an encrypted key"
                    : text.contains("RSA PRIVATE KEY") || text.contains("EC PRIVATE KEY")
                    ? "a PKCS#1/SEC1 key (convert: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW)"
                    : text.contains("BEGIN CERTIFICATE") ? "a certificate, not a key" : "no private key found";
            problems.add(option + ": " + file + ": " + what + ", expected " + KEY_EXPECTED);
            return Optional.empty();
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            problems.add(option + ": " + file + ": the key's base64 is corrupt, expected " + KEY_EXPECTED);
            return Optional.empty();
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return Optional.of(KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der)));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        problems.add(option + ": " + file + ": not an RSA, EC or EdDSA key, expected " + KEY_EXPECTED);
        return Optional.empty();
    }

    /** A problem line unless {@code key} signs what the certificate's public key verifies. */
    static void checkPair(String certOption, Path certFile, X509Certificate cert, String keyOption, Path keyFile,
                          PrivateKey key, List<String> problems) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "deepedge-tls-key-check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            matches = false;
        }
        if (!matches) {
            problems.add(keyOption + ": " + keyFile + ": does not belong to the certificate of " + certOption + " "
                    + certFile + " (" + cert.getSubjectX500Principal().getName() + "), expected the private key that "
                    + "certificate was issued for");
        }
    }

    private static String describeKeyInstead(byte[] pem) {
        return new String(pem, StandardCharsets.US_ASCII).contains("PRIVATE KEY") ? " (this is a private key)" : "";
    }
}

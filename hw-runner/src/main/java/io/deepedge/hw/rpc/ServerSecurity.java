package io.deepedge.hw.rpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * How an agent's server talks to its clients: plaintext (the token alone authenticates; loopback and trusted
 * networks), TLS with the agent's certificate, or mutual TLS when a client CA is given (a client must present a
 * certificate that CA issued). The token is required in every mode.
 */
public final class ServerSecurity {
    private final ServerCredentials credentials;
    private final String description;

    private ServerSecurity(ServerCredentials credentials, String description) {
        this.credentials = credentials;
        this.description = description;
    }

    public static ServerSecurity plaintext() {
        return new ServerSecurity(InsecureServerCredentials.create(), "plaintext");
    }

    /**
     * TLS from {@code --tls-cert} (the agent's certificate chain, PEM) and {@code --tls-key} (its PKCS#8 key), and
     * mutual TLS with {@code --tls-client-ca}; empty with every problem added to {@code problems} when a file is
     * missing, unreadable, not what it should be, or the key does not belong to the certificate.
     */
    public static Optional<ServerSecurity> tls(Path certFile, Path keyFile, Optional<Path> clientCaFile,
                                               List<String> problems) {
        int before = problems.size();
        Optional<byte[]> cert = TlsFiles.read("--tls-cert", certFile, problems);
        Optional<byte[]> key = TlsFiles.read("--tls-key", keyFile, problems);
        Optional<byte[]> ca = clientCaFile.flatMap(f -> TlsFiles.read("--tls-client-ca", f, problems));
        List<X509Certificate> chain = cert.map(b -> TlsFiles.certificates("--tls-cert", certFile, b, problems))
                .orElse(List.of());
        Optional<PrivateKey> privateKey = key.flatMap(b -> TlsFiles.privateKey("--tls-key", keyFile, b, problems));
        ca.ifPresent(b -> TlsFiles.certificates("--tls-client-ca", clientCaFile.get(), b, problems));
        if (!chain.isEmpty() && privateKey.isPresent()) {
            TlsFiles.checkPair("--tls-cert", certFile, chain.get(0), "--tls-key", keyFile, privateKey.get(), problems);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            TlsServerCredentials.Builder b = TlsServerCredentials.newBuilder()
                    .keyManager(new ByteArrayInputStream(cert.get()), new ByteArrayInputStream(key.get()));
            if (ca.isPresent()) {
                b.trustManager(new ByteArrayInputStream(ca.get())).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
            }
            return Optional.of(new ServerSecurity(b.build(), ca.isPresent() ? "mutual TLS" : "TLS"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading PEM bytes already in memory", e);
        }
    }

    public ServerCredentials credentials() {
        return credentials;
    }

    /** {@code plaintext}, {@code TLS} or {@code mutual TLS}. */
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}

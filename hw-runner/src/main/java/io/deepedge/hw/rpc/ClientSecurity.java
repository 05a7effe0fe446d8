package io.deepedge.hw.rpc;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * How the coordinator's channels reach agents: plaintext, or TLS trusting the CA of {@code --tls-ca} (the agent's
 * certificate must name the host of {@code --agent HOST:PORT} in its subjectAltName), optionally presenting the
 * coordinator's own certificate for agents that require mutual TLS. The token is sent in every mode.
 */
public final class ClientSecurity {
    private final ChannelCredentials credentials;
    private final String description;

    private ClientSecurity(ChannelCredentials credentials, String description) {
        this.credentials = credentials;
        this.description = description;
    }

    public static ClientSecurity plaintext() {
        return new ClientSecurity(InsecureChannelCredentials.create(), "plaintext");
    }

    /**
     * TLS trusting {@code --tls-ca}; with {@code --tls-cert} and {@code --tls-key} (both or neither) the client's
     * certificate for mutual TLS. Empty with every problem added to {@code problems} otherwise.
     */
    public static Optional<ClientSecurity> tls(Path caFile, Optional<Path> certFile, Optional<Path> keyFile,
                                               List<String> problems) {
        int before = problems.size();
        if (certFile.isPresent() != keyFile.isPresent()) {
            problems.add((certFile.isPresent() ? "--tls-key" : "--tls-cert") + ": missing, expected --tls-cert and "
                    + "--tls-key together (the coordinator's certificate and key for agents that require mutual TLS)");
        }
        Optional<byte[]> ca = TlsFiles.read("--tls-ca", caFile, problems);
        Optional<byte[]> cert = certFile.flatMap(f -> TlsFiles.read("--tls-cert", f, problems));
        Optional<byte[]> key = keyFile.flatMap(f -> TlsFiles.read("--tls-key", f, problems));
        ca.ifPresent(b -> TlsFiles.certificates("--tls-ca", caFile, b, problems));
        List<X509Certificate> chain = cert.map(b -> TlsFiles.certificates("--tls-cert", certFile.get(), b, problems))
                .orElse(List.of());
        Optional<PrivateKey> privateKey = key.flatMap(b -> TlsFiles.privateKey("--tls-key", keyFile.get(), b, problems));
        if (!chain.isEmpty() && privateKey.isPresent()) {
            TlsFiles.checkPair("--tls-cert", certFile.get(), chain.get(0), "--tls-key", keyFile.get(), privateKey.get(),
                    problems);
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        try {
            TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder()
                    .trustManager(new ByteArrayInputStream(ca.get()));
            if (cert.isPresent()) {
                b.keyManager(new ByteArrayInputStream(cert.get()), new ByteArrayInputStream(key.get()));
            }
            return Optional.of(new ClientSecurity(b.build(), cert.isPresent() ? "mutual TLS" : "TLS"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading PEM bytes already in memory", e);
        }
    }

    public ChannelCredentials credentials() {
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

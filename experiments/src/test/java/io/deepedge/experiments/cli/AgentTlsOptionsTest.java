package io.deepedge.experiments.cli;

import io.deepedge.hw.rpc.TokenFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.deepedge.experiments.cli.CliTest.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code agent}'s TLS options: bad files and incomplete pairs are named with their option, exit 2, nothing served. */
class AgentTlsOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void badTlsFilesAreNamedWithTheirOptionAndNothingStarts() throws Exception {
        Path token = TokenFile.generate(tmp);
        Path garbage = Files.writeString(tmp.resolve("agent.crt"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        Path missing = tmp.resolve("agent.key");
        Path ca = Files.writeString(tmp.resolve("ca.crt"), "hello\n");
        CliTest.Outcome o = cli("agent", "--port", "0", "--token-file", token.toString(), "--tls-cert", garbage.toString(),
                "--tls-key", missing.toString(), "--tls-client-ca", ca.toString());
        assertEquals(2, o.code(), o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(3, lines.size(), o.err());
        assertEquals("--tls-key: " + missing + ": file not found, expected an existing, readable PEM file", lines.get(0));
        assertEquals(true, lines.get(1).startsWith("--tls-cert: " + garbage + ": not a readable certificate ("), lines.get(1));
        assertEquals("--tls-client-ca: " + ca + ": no certificate found, expected X.509 certificates in PEM "
                + "(-----BEGIN CERTIFICATE-----)", lines.get(2));

        o = cli("agent", "--port", "0", "--token-file", token.toString(), "--tls-key", missing.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals(List.of("--tls-cert: missing, expected --tls-cert and --tls-key together (the agent's certificate "
                + "and its private key)"), o.err().lines().toList());

        o = cli("agent", "--port", "0", "--token-file", token.toString(), "--tls-client-ca", ca.toString());
        assertEquals(2, o.code(), o.err());
        assertEquals(List.of("--tls-client-ca: given without --tls-cert and --tls-key (" + ca + "), expected the agent's "
                + "own certificate and key too (mutual TLS is TLS plus client certificates)"), o.err().lines().toList());
    }
}

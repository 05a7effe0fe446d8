package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.ClientSecurity;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ServerSecurity;
import io.deepedge.hw.rpc.TestCertificates;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS and mutual TLS on a real agent on a free 127.0.0.1 port, with certificates made by the README's openssl
 * commands: only a client that trusts the agent's CA (and, for mutual TLS, presents a certificate of the client
 * CA) gets an answer; plaintext, another CA, no client certificate or one of another CA are refused before any
 * handler runs; the token is still checked. Bad TLS files are reported naming the option and the file.
 */
class AgentTlsTest {
    private static final Token TOKEN = Token.of("0123456789abcdef0123456789abcdef-tls-test");
    /** Held so the level sticks: refused handshakes are logged by Netty. */
    private static final Logger NETTY_LOG = Logger.getLogger("io.grpc.netty.shaded");

    @TempDir
    static Path dir;
    private static TestCertificates certs;

    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(TestCertificates.opensslAvailable(), "openssl is needed to make the test certificates");
        NETTY_LOG.setLevel(Level.SEVERE);
        certs = new TestCertificates(dir);
        certs.ca("ca");
        certs.ca("other-ca");
        certs.issue("ca", "agent", "IP:127.0.0.1,DNS:localhost", "serverAuth");
        certs.issue("ca", "coordinator", "", "clientAuth");
        certs.issue("other-ca", "intruder", "", "clientAuth");
        certs.issue("other-ca", "impostor", "IP:127.0.0.1", "serverAuth");
    }

    @Test
    void onlyAClientTrustingTheAgentsCaIsAnswered() throws Exception {
        try (AgentServer server = start("agent", Optional.empty())) {
            assertEquals("tls-agent", hello(server, client(Optional.empty())).getName());
            assertRefused(server, ClientSecurity.plaintext(), "a plaintext client");
            assertRefused(server, clientTrusting("other-ca", Optional.empty()), "a client trusting another CA");
        }
        try (AgentServer impostor = start("impostor", Optional.empty())) {
            assertRefused(impostor, client(Optional.empty()), "an agent whose certificate another CA issued");
        }
    }

    @Test
    void theTokenIsStillRequiredOverTls() throws Exception {
        try (AgentServer server = start("agent", Optional.empty());
             AgentClient c = AgentClient.connect("127.0.0.1", server.port(), Token.of("a-wrong-token-of-enough-length"),
                     CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES, client(Optional.empty()))) {
            RemoteCallException e = assertThrows(RemoteCallException.class, () -> c.hello("test"));
            assertEquals(Status.Code.UNAUTHENTICATED, e.code());
        }
    }

    @Test
    void mutualTlsAnswersOnlyAClientCertificateOfTheClientCa() throws Exception {
        try (AgentServer server = start("agent", Optional.of(certs.cert("ca")))) {
            assertEquals("tls-agent", hello(server, client(Optional.of("coordinator"))).getName());
            assertRefused(server, client(Optional.empty()), "a client without a certificate");
            assertRefused(server, clientTrusting("ca", Optional.of("intruder")), "a client certificate of another CA");
        }
    }

    @Test
    void badTlsFilesAreNamedWithTheirOptionAllAtOnce() throws Exception {
        Path garbage = dir.resolve("garbage.pem");
        Files.writeString(garbage, "not a certificate\n");
        Path missing = dir.resolve("missing.pem");
        List<String> problems = new ArrayList<>();
        assertTrue(ServerSecurity.tls(garbage, missing, Optional.of(certs.key("ca")), problems).isEmpty());
        assertEquals(List.of(
                "--tls-key: " + missing + ": file not found, expected an existing, readable PEM file",
                "--tls-cert: " + garbage + ": no certificate found, expected X.509 certificates in PEM "
                        + "(-----BEGIN CERTIFICATE-----)",
                "--tls-client-ca: " + certs.key("ca") + ": no certificate found, expected X.509 certificates in PEM "
                        + "(-----BEGIN CERTIFICATE-----) (this is a private key)"), problems);

        problems.clear();
        assertTrue(ServerSecurity.tls(certs.cert("agent"), certs.key("intruder"), Optional.empty(), problems).isEmpty());
        assertEquals(List.of("--tls-key: " + certs.key("intruder") + ": does not belong to the certificate of --tls-cert "
                + certs.cert("agent") + " (CN=agent), expected the private key that certificate was issued for"), problems);

        certs.run("openssl", "pkey", "-in", "agent.key", "-traditional", "-out", "agent-sec1.key");
        problems.clear();
        assertTrue(ClientSecurity.tls(certs.cert("ca"), Optional.of(certs.cert("agent")),
                Optional.of(dir.resolve("agent-sec1.key")), problems).isEmpty());
        assertEquals(List.of("--tls-key: " + dir.resolve("agent-sec1.key") + ": a PKCS#1/SEC1 key (convert: openssl pkcs8"
                + " -topk8 -nocrypt -in OLD -out NEW), expected an unencrypted PKCS#8 PEM private key "
                + "(-----BEGIN PRIVATE KEY-----)"), problems);

        problems.clear();
        assertTrue(ClientSecurity.tls(certs.cert("ca"), Optional.of(certs.cert("agent")), Optional.empty(), problems)
                .isEmpty());
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("--tls-key: missing, expected --tls-cert and --tls-key together"),
                problems.get(0));
    }

    private static AgentServer start(String certName, Optional<Path> clientCa) throws Exception {
        List<String> problems = new ArrayList<>();
        ServerSecurity security = ServerSecurity.tls(certs.cert(certName), certs.key(certName), clientCa, problems)
                .orElseThrow(() -> new AssertionError(problems));
        return AgentServer.start(AgentServerConfig.loopback("tls-agent", 0), TOKEN,
                DeviceInfo.newBuilder().setName("tls-agent").setCores(1).build(), LinearRegressionWorker::load,
                InferenceHost.none(), security);
    }

    /** A client trusting the agents' CA, with the named client certificate or none. */
    private static ClientSecurity client(Optional<String> clientCert) {
        return clientTrusting("ca", clientCert);
    }

    private static ClientSecurity clientTrusting(String ca, Optional<String> clientCert) {
        List<String> problems = new ArrayList<>();
        return ClientSecurity.tls(certs.cert(ca), clientCert.map(certs::cert), clientCert.map(certs::key), problems)
                .orElseThrow(() -> new AssertionError(problems));
    }

    private static DeviceInfo hello(AgentServer server, ClientSecurity security) throws RemoteCallException {
        try (AgentClient c = AgentClient.connect("127.0.0.1", server.port(), TOKEN, CallDeadlines.defaults(),
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES, security)) {
            return c.hello("test").getDevice();
        }
    }

    private static void assertRefused(AgentServer server, ClientSecurity security, String who) {
        RemoteCallException e = assertThrows(RemoteCallException.class, () -> hello(server, security), who);
        assertEquals(Status.Code.UNAVAILABLE, e.code(), who + ": " + e.getMessage());
    }
}

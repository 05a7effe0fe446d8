package io.deepedge.hw.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenCredentials;
import io.deepedge.hw.rpc.v1.AgentServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls without the shared token are refused before any handler runs, logged, and the token is never shown. */
class AgentAuthTest {
    private static final String WRONG = "not-the-token-but-long-enough-0123456789";
    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(format.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private AgentFixture agent;

    @BeforeEach
    void start() throws Exception {
        Logger.getLogger("").addHandler(capture);
        agent = AgentFixture.linear();
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void callWithoutTokenIsUnauthenticatedAndLogged() {
        var stub = AgentServiceGrpc.newBlockingStub(agent.channel());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.hello(AgentFixture.hello()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("missing token"), e.getStatus().getDescription());
        assertTrue(logged("refused deepedge.agent.v1.AgentService/Hello from /127.0.0.1:"), String.join("", logLines));
    }

    @Test
    void callWithWrongTokenIsUnauthenticatedAndNeitherTokenAppears() {
        AgentClient intruder = AgentClient.connect("127.0.0.1", agent.server.port(), Token.of(WRONG),
                CallDeadlines.defaults(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
        try {
            RemoteCallException e = assertThrows(RemoteCallException.class, () -> intruder.hello("intruder"));
            assertEquals(Status.Code.UNAUTHENTICATED, e.code());
            assertTrue(e.getMessage().contains("invalid token"), e.getMessage());
            assertFalse(e.getMessage().contains(WRONG) || e.getMessage().contains(AgentFixture.TOKEN_TEXT), e.getMessage());
        } finally {
            intruder.close();
        }
        assertTrue(logged("invalid token"));
        synchronized (logLines) {
            for (String line : logLines) {
                assertFalse(line.contains(WRONG) || line.contains(AgentFixture.TOKEN_TEXT), line);
            }
        }
    }

    @Test
    void everyCallIsCheckedNotOnlyHello() {
        var stub = AgentServiceGrpc.newBlockingStub(agent.channel())
                .withCallCredentials(new TokenCredentials(Token.of(WRONG)));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stub.shutdown(io.deepedge.hw.rpc.v1.ShutdownRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertFalse(agent.server.isTerminated());
    }

    @Test
    void tokenWithoutBearerPrefixIsRefused() {
        var stub = AgentServiceGrpc.newBlockingStub(agent.channel()).withInterceptors(
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(rawAuthorization(AgentFixture.TOKEN_TEXT)));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub.hello(AgentFixture.hello()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    @Test
    void rightTokenIsAccepted() throws Exception {
        assertEquals(AgentFixture.NAME, agent.client().hello("test").getDevice().getName());
    }

    private static io.grpc.Metadata rawAuthorization(String value) {
        io.grpc.Metadata headers = new io.grpc.Metadata();
        headers.put(io.deepedge.hw.rpc.TokenAuthInterceptor.AUTHORIZATION, value);
        return headers;
    }

    private boolean logged(String fragment) {
        synchronized (logLines) {
            return logLines.stream().anyMatch(l -> l.contains(fragment));
        }
    }
}

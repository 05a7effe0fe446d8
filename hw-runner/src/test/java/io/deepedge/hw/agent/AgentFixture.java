package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.CallDeadlines;
import io.deepedge.hw.rpc.Channels;
import io.deepedge.hw.rpc.ProtocolVersions;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.Token;
import io.deepedge.hw.rpc.TokenCredentials;
import io.deepedge.hw.rpc.v1.AgentServiceGrpc;
import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.HelloRequest;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One agent on a free 127.0.0.1 port with the linear-regression test worker, and the clients and channels a
 * test opens on it; {@link #close} stops every one of them.
 */
final class AgentFixture implements AutoCloseable {
    /** The token's text, kept here only so tests can search logs and messages for it. */
    static final String TOKEN_TEXT = "0123456789abcdef0123456789abcdef-fixture-token";
    static final Token TOKEN = Token.of(TOKEN_TEXT);
    static final String NAME = "test-agent";
    /** Samples (x, y): 3 rows of 1 feature. */
    static final float[][] ROWS = {{1, 2}, {2, 3}, {3, 5}};
    static final ShardSpec SPEC = new ShardSpec("shard-0", LinearRegressionWorker.FORMAT, ROWS.length, "linear",
            "1".getBytes(StandardCharsets.US_ASCII));

    final AgentServer server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    AgentFixture(AgentServerConfig config, ShardLoader loader, InferenceHost host) throws IOException {
        DeviceInfo device = DeviceInfo.newBuilder().setName(config.name()).setCores(2).build();
        server = AgentServer.start(config, TOKEN, device, loader, host);
    }

    static AgentFixture linear() throws IOException {
        return new AgentFixture(AgentServerConfig.loopback(NAME, 0), LinearRegressionWorker::load,
                InferenceHost.none());
    }

    static AgentFixture withLoader(ShardLoader loader) throws IOException {
        return new AgentFixture(AgentServerConfig.loopback(NAME, 0), loader, InferenceHost.none());
    }

    AgentClient client() {
        return client(CallDeadlines.defaults());
    }

    AgentClient client(CallDeadlines deadlines) {
        AgentClient client = AgentClient.connect("127.0.0.1", server.port(), TOKEN, deadlines,
                RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
        opened.add(client);
        return client;
    }

    /** A client that opened a session and loaded the 3-row shard. */
    AgentClient readyClient() throws Exception {
        AgentClient client = client();
        client.hello("test");
        client.loadShard(SPEC, LinearRegressionWorker.encode(ROWS));
        return client;
    }

    ManagedChannel channel() {
        ManagedChannel channel = Channels.plaintext("127.0.0.1", server.port(), RpcLimits.DEFAULT_MAX_INBOUND_BYTES);
        opened.add(() -> Channels.close(channel));
        return channel;
    }

    /** A raw stub carrying the token, for messages the client class would never send. */
    AgentServiceGrpc.AgentServiceBlockingStub rawBlocking() {
        return AgentServiceGrpc.newBlockingStub(channel()).withCallCredentials(new TokenCredentials(TOKEN));
    }

    AgentServiceGrpc.AgentServiceStub rawAsync() {
        return AgentServiceGrpc.newStub(channel()).withCallCredentials(new TokenCredentials(TOKEN));
    }

    static HelloRequest hello() {
        return HelloRequest.newBuilder().setVersion(ProtocolVersions.current()).setCoordinatorId("test").build();
    }

    @Override
    public void close() {
        // the server first: a channel with a refused oversize message in flight otherwise waits for its close timeout
        server.kill();
        try {
            server.awaitTermination();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing a test client failed", e);
            }
        }
    }
}

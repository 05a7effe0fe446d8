package io.deepedge.hw.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.v1.ShardChunk;
import io.deepedge.hw.rpc.v1.ShardData;
import io.deepedge.hw.rpc.v1.ShardHeader;
import io.deepedge.hw.rpc.v1.ShardLoaded;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Shards travel in 1 MiB chunks and arrive byte-exact; every malformed stream is refused with a description. */
class ShardTransferTest {
    private static final byte[] SMALL = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private final AtomicReference<byte[]> received = new AtomicReference<>();
    private AgentFixture agent;

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    /** A loader that keeps the bytes it was given and serves a one-parameter model over one sample per byte. */
    private GradientWorker recordingLoader(ShardSpec spec, byte[] data) throws InvalidShardException {
        if (!spec.format().equals("bytes")) {
            throw new InvalidShardException("format " + spec.format() + ", expected bytes");
        }
        received.set(data.clone());
        return new GradientWorker() {
            @Override
            public int parameterCount() {
                return 1;
            }

            @Override
            public int sampleCount() {
                return spec.sampleCount();
            }

            @Override
            public BatchGradient gradient(float[] params, int fromSample, int count) {
                return new BatchGradient(new float[] {count}, 0);
            }
        };
    }

    @Test
    void chunkedShardIsReassembledByteExact() throws Exception {
        agent = AgentFixture.withLoader(this::recordingLoader);
        // 3.5 MiB + 17 bytes: three full chunks, a half chunk and a ragged end
        byte[] data = new byte[3 * RpcLimits.MAX_CHUNK_BYTES + RpcLimits.MAX_CHUNK_BYTES / 2 + 17];
        new Random(9).nextBytes(data);
        byte[] original = data.clone();
        AgentClient client = agent.client();
        client.hello("test");
        ShardLoaded loaded = client.loadShard(spec(data.length), data);
        assertArrayEquals(original, received.get());
        assertEquals(data.length, loaded.getBytesReceived());
        assertEquals("s", loaded.getShardId());
        assertEquals(1, loaded.getParameterCount());
        assertEquals(3, client.gradient(1, 1, new float[] {0}, 10, 3).gradientSum()[0]);
    }

    @Test
    void shardBeforeHelloFailsPrecondition() throws Exception {
        agent = AgentFixture.withLoader(this::recordingLoader);
        RemoteCallException e = assertThrows(RemoteCallException.class,
                () -> agent.client().loadShard(spec(SMALL.length), SMALL));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    }

    @Test
    void malformedStreamsAreRefusedAndTheAgentServesOn() throws Exception {
        agent = AgentFixture.withLoader(this::recordingLoader);
        agent.client().hello("test");
        ShardHeader header = header(SMALL, SMALL.length);
        ShardChunk first = data(0, 0, 0, 4);
        ShardChunk second = data(1, 4, 4, 10);
        expect(Status.Code.INVALID_ARGUMENT, "first message: DATA, expected a ShardHeader", first);
        expect(Status.Code.INVALID_ARGUMENT, "data.index: 1, expected 0 (chunks in order)", of(header), second, first);
        expect(Status.Code.INVALID_ARGUMENT, "data.offset: 5 in chunk 1, expected 4",
                of(header), first, data(1, 5, 4, 10));
        expect(Status.Code.INVALID_ARGUMENT, "message 2: HEADER, expected ShardData", of(header), first, of(header));
        expect(Status.Code.INVALID_ARGUMENT, "stream ended after 4 of header.total_bytes = 10 bytes", of(header), first);
        expect(Status.Code.INVALID_ARGUMENT, "empty stream");
        expect(Status.Code.INVALID_ARGUMENT, "data: chunk 1 ends at byte 10, expected at most header.total_bytes = 8",
                of(header(SMALL, 8)), first, second);
        byte[] tampered = SMALL.clone();
        tampered[3] ^= 1;
        expect(Status.Code.INVALID_ARGUMENT, "header.sha256: ", of(header(tampered, SMALL.length)), first, second);
        expect(Status.Code.INVALID_ARGUMENT, "data.data: 0 bytes in chunk 0", of(header), data(0, 0, 0, 0));
        byte[] big = new byte[RpcLimits.MAX_CHUNK_BYTES + 1];
        expect(Status.Code.INVALID_ARGUMENT, "data.data: 1048577 bytes in chunk 0, expected 1 .. 1048576",
                of(header(big, big.length)), ShardChunk.newBuilder().setData(ShardData.newBuilder()
                        .setData(ByteString.copyFrom(big))).build());
        expect(Status.Code.RESOURCE_EXHAUSTED, "header.total_bytes: 2147483648, expected at most",
                of(header(SMALL, 1L << 31)));
        expect(Status.Code.INVALID_ARGUMENT, "shard s rejected: ", of(header(SMALL, SMALL.length).toBuilder()
                .setFormat("unknown").build()), first, second);
        // after all that, a good transfer goes through
        expect(Status.Code.OK, "", of(header), first, second);
        assertArrayEquals(SMALL, received.get());
    }

    private void expect(Status.Code code, String descriptionStart, ShardChunk... messages) throws Exception {
        CompletableFuture<Status> outcome = new CompletableFuture<>();
        StreamObserver<ShardChunk> out = agent.rawAsync().withDeadlineAfter(10, TimeUnit.SECONDS)
                .loadShard(new StreamObserver<>() {
                    @Override
                    public void onNext(ShardLoaded value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        outcome.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        outcome.complete(Status.OK);
                    }
                });
        for (ShardChunk m : messages) {
            out.onNext(m);
        }
        out.onCompleted();
        Status status = outcome.get(10, TimeUnit.SECONDS);
        assertEquals(code, status.getCode(), status.toString());
        String description = status.getDescription() == null ? "" : status.getDescription();
        assertTrue(description.startsWith(descriptionStart), description);
    }

    private static ShardSpec spec(int samples) {
        return new ShardSpec("s", "bytes", samples, "m", new byte[0]);
    }

    private ShardHeader header(byte[] content, long totalBytes) throws Exception {
        return ShardHeader.newBuilder().setShardId("s")
                .setFormat("bytes").setSampleCount(SMALL.length).setTotalBytes(totalBytes)
                .setSha256(ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(content))).build();
    }

    private static ShardChunk of(ShardHeader header) {
        return ShardChunk.newBuilder().setHeader(header).build();
    }

    private static ShardChunk data(int index, long offset, int from, int to) {
        return ShardChunk.newBuilder().setData(ShardData.newBuilder().setIndex(index).setOffset(offset)
                .setData(ByteString.copyFrom(SMALL, from, to - from))).build();
    }
}

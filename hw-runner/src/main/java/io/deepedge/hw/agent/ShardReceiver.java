package io.deepedge.hw.agent;

import io.deepedge.hw.rpc.Refusals;
import io.deepedge.hw.rpc.RpcLimits;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.rpc.v1.ShardChunk;
import io.deepedge.hw.rpc.v1.ShardData;
import io.deepedge.hw.rpc.v1.ShardHeader;
import io.deepedge.hw.rpc.v1.ShardLoaded;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One LoadShard stream: a header, then chunks in order, reassembled into one array whose SHA-256 must match the
 * header's. The first problem ends the call with a status; later messages of that stream are ignored.
 */
final class ShardReceiver implements StreamObserver<ShardChunk> {
    private static final System.Logger LOG = System.getLogger(ShardReceiver.class.getName());
    private static final int SHA256_BYTES = 32;

    private final TrainingSession session;
    private final long maxShardBytes;
    private final StreamObserver<ShardLoaded> reply;
    private final MessageDigest digest = sha256();
    private long epoch;
    private ShardHeader header;
    private byte[] data;
    private long received;
    private int nextIndex;
    private boolean finished;

    ShardReceiver(TrainingSession session, long maxShardBytes, StreamObserver<ShardLoaded> reply) {
        this.session = session;
        this.maxShardBytes = maxShardBytes;
        this.reply = reply;
    }

    @Override
    public void onNext(ShardChunk chunk) {
        if (finished) {
            return;
        }
        try {
            if (header == null) {
                acceptHeader(chunk);
            } else {
                acceptData(chunk);
            }
        } catch (StatusException e) {
            fail(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        // the coordinator cancelled or went away: drop what arrived
        LOG.log(System.Logger.Level.INFO, "shard transfer abandoned by the caller after {0} bytes: {1}", received,
                Status.fromThrowable(t).getCode());
        finished = true;
        data = null;
    }

    @Override
    public void onCompleted() {
        if (finished) {
            return;
        }
        try {
            reply.onNext(complete());
            reply.onCompleted();
            finished = true;
        } catch (StatusException e) {
            fail(e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "shard loader failed", e);
            fail(Status.INTERNAL.withDescription("shard loader failed: " + e).asException());
        } finally {
            data = null;
        }
    }

    private void acceptHeader(ShardChunk chunk) throws StatusException {
        if (!chunk.hasHeader()) {
            throw Refusals.invalid("first message: " + chunk.getPartCase() + ", expected a ShardHeader");
        }
        epoch = session.requireOpen("LoadShard");
        ShardHeader h = chunk.getHeader();
        if (h.getShardId().isEmpty() || h.getFormat().isEmpty()) {
            throw Refusals.invalid("header.shard_id and header.format: must not be empty");
        }
        if (h.getSampleCount() < 1) {
            throw Refusals.invalid("header.sample_count: " + Integer.toUnsignedLong(h.getSampleCount())
                    + ", expected 1 .. " + Integer.MAX_VALUE);
        }
        if (h.getTotalBytes() < 1) {
            throw Refusals.invalid("header.total_bytes: " + Long.toUnsignedString(h.getTotalBytes())
                    + ", expected >= 1");
        }
        if (Long.compareUnsigned(h.getTotalBytes(), maxShardBytes) > 0) {
            throw Refusals.tooLarge("header.total_bytes: " + Long.toUnsignedString(h.getTotalBytes())
                    + ", expected at most " + maxShardBytes + " (this agent's shard limit)");
        }
        if (h.getSha256().size() != SHA256_BYTES) {
            throw Refusals.invalid("header.sha256: " + h.getSha256().size() + " bytes, expected " + SHA256_BYTES);
        }
        data = allocate(h.getTotalBytes());
        header = h;
    }

    /** The shard's array, or RESOURCE_EXHAUSTED when the heap cannot hold it (the agent must survive that). */
    private static byte[] allocate(long bytes) throws StatusException {
        Runtime rt = Runtime.getRuntime();
        long headroom = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        String refusal = "header.total_bytes: " + bytes + ", expected at most about " + headroom
                + " (the agent's free heap; start it with a larger -Xmx)";
        if (bytes > headroom) {
            throw Refusals.tooLarge(refusal);
        }
        try {
            return new byte[(int) bytes];
        } catch (OutOfMemoryError e) {
            throw Refusals.tooLarge(refusal);
        }
    }

    private void acceptData(ShardChunk chunk) throws StatusException {
        if (!chunk.hasData()) {
            throw Refusals.invalid("message " + (nextIndex + 1) + ": " + chunk.getPartCase()
                    + ", expected ShardData (the header comes once, first)");
        }
        ShardData d = chunk.getData();
        if (d.getIndex() != nextIndex) {
            throw Refusals.invalid("data.index: " + Integer.toUnsignedLong(d.getIndex()) + ", expected " + nextIndex
                    + " (chunks in order)");
        }
        if (d.getOffset() != received) {
            throw Refusals.invalid("data.offset: " + Long.toUnsignedString(d.getOffset()) + " in chunk " + nextIndex
                    + ", expected " + received + " (the bytes received before it)");
        }
        int size = d.getData().size();
        if (size < 1 || size > RpcLimits.MAX_CHUNK_BYTES) {
            throw Refusals.invalid("data.data: " + size + " bytes in chunk " + nextIndex + ", expected 1 .. "
                    + RpcLimits.MAX_CHUNK_BYTES);
        }
        if (received + size > data.length) {
            throw Refusals.invalid("data: chunk " + nextIndex + " ends at byte " + (received + size)
                    + ", expected at most header.total_bytes = " + data.length);
        }
        d.getData().copyTo(data, (int) received);
        digest.update(data, (int) received, size);
        received += size;
        nextIndex++;
    }

    private ShardLoaded complete() throws StatusException {
        if (header == null) {
            throw Refusals.invalid("empty stream, expected a ShardHeader and data chunks");
        }
        if (received != data.length) {
            throw Refusals.invalid("stream ended after " + received + " of header.total_bytes = " + data.length
                    + " bytes");
        }
        byte[] actual = digest.digest();
        if (!MessageDigest.isEqual(actual, header.getSha256().toByteArray())) {
            throw Refusals.invalid("header.sha256: " + HexFormat.of().formatHex(header.getSha256().toByteArray())
                    + ", but the data received hash to " + HexFormat.of().formatHex(actual));
        }
        ShardSpec spec = new ShardSpec(header.getShardId(), header.getFormat(), header.getSampleCount(),
                header.getModelId(), header.getModelConfig().toByteArray());
        return session.install(epoch, spec, data);
    }

    private void fail(StatusException e) {
        finished = true;
        data = null;
        LOG.log(System.Logger.Level.WARNING, "LoadShard refused: {0}", e.getStatus());
        reply.onError(e);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.deepedge.hw.rpc;

import com.google.protobuf.UnsafeByteOperations;
import io.deepedge.hw.rpc.v1.ShardChunk;
import io.deepedge.hw.rpc.v1.ShardData;
import io.deepedge.hw.rpc.v1.ShardHeader;
import io.deepedge.hw.rpc.v1.ShardLoaded;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.CompletableFuture;

/**
 * Streams one shard: the header, then chunks, each sent only while the transport is ready (flow control keeps
 * at most a few chunks buffered, whatever the shard's size).
 */
final class ShardSender implements ClientResponseObserver<ShardChunk, ShardLoaded> {
    private final ShardHeader header;
    private final byte[] data;
    private final int chunkBytes;
    private final CompletableFuture<ShardLoaded> result = new CompletableFuture<>();
    private ClientCallStreamObserver<ShardChunk> out;
    private boolean headerSent;
    private int index;
    private int offset;
    private boolean allSent;

    ShardSender(ShardHeader header, byte[] data, int chunkBytes) {
        this.header = header;
        this.data = data;
        this.chunkBytes = chunkBytes;
    }

    CompletableFuture<ShardLoaded> result() {
        return result;
    }

    /** Cancels the transfer (the caller was interrupted); the agent drops what it received. */
    synchronized void cancel(String reason, Throwable cause) {
        if (out != null && !result.isDone()) {
            out.cancel(reason, cause);
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<ShardChunk> requestStream) {
        out = requestStream;
        out.setOnReadyHandler(this::sendWhileReady);
    }

    private synchronized void sendWhileReady() {
        while (!allSent && !result.isDone() && out.isReady()) {
            if (!headerSent) {
                out.onNext(ShardChunk.newBuilder().setHeader(header).build());
                headerSent = true;
                continue;
            }
            int size = Math.min(chunkBytes, data.length - offset);
            // the caller's array is not modified during the call, so chunks may view it without copying
            out.onNext(ShardChunk.newBuilder().setData(ShardData.newBuilder().setIndex(index).setOffset(offset)
                    .setData(UnsafeByteOperations.unsafeWrap(data, offset, size))).build());
            index++;
            offset += size;
            if (offset == data.length) {
                allSent = true;
                out.onCompleted();
            }
        }
    }

    @Override
    public void onNext(ShardLoaded value) {
        result.complete(value);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onCompleted() {
        result.completeExceptionally(new IllegalStateException("LoadShard completed without a reply"));
    }
}

package io.deepedge.hw.inference;

/** The work of one LC request, run by an {@link FcfsWorker}'s single thread. */
public interface RequestHandler {
    /** Serves request number {@code index}; returns when the response is ready. */
    void serve(long index);

    /** What this handler does, for manifests. */
    String describe();
}

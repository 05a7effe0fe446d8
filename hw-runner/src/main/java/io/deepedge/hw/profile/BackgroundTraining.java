package io.deepedge.hw.profile;

import io.deepedge.hw.rpc.RemoteCallException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Co-located training as the testbed runs it: a thread of this process making {@link GradientCalls} at one batch
 * back to back until closed, so the agent computes gradients (and receives parameters) while its services serve.
 */
final class BackgroundTraining implements AutoCloseable {
    private final GradientCalls calls;
    private final int batch;
    private final Thread thread;
    /** Guarded by {@code this}. */
    private final List<GradientCalls.Call> done = new ArrayList<>();
    private RemoteCallException failure;
    private volatile boolean stopping;

    private BackgroundTraining(GradientCalls calls, int batch) {
        this.calls = calls;
        this.batch = batch;
        this.thread = new Thread(this::loop, "profile-training");
        thread.setDaemon(true);
    }

    static BackgroundTraining start(GradientCalls calls, int batch) {
        BackgroundTraining t = new BackgroundTraining(calls, batch);
        t.thread.start();
        return t;
    }

    /** Waits until one call has been answered: training is then under way, its first call's costs paid. */
    synchronized void awaitFirst() throws IOException, InterruptedException {
        while (done.isEmpty()) {
            check();
            wait(50);
        }
    }

    /** Calls sent at or after {@code fromNanos} and answered; IOException when a call failed. */
    synchronized int answeredSince(long fromNanos) throws IOException {
        check();
        return (int) done.stream().filter(c -> c.startNanos() >= fromNanos).count();
    }

    /** The calls sent at or after {@code fromNanos} and answered by {@code toNanos}. */
    synchronized List<GradientCalls.Call> within(long fromNanos, long toNanos) throws IOException {
        check();
        return done.stream().filter(c -> c.startNanos() >= fromNanos && c.endNanos() <= toNanos).toList();
    }

    /** Stops after the call in flight (the agent is idle again when this returns). */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join();
    }

    private void check() throws IOException {
        if (failure != null) {
            throw new IOException("training beside the services failed: " + failure.getMessage(), failure);
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                GradientCalls.Call c = calls.call(batch);
                synchronized (this) {
                    done.add(c);
                    notifyAll();
                }
            } catch (RemoteCallException e) {
                synchronized (this) {
                    failure = e;
                    notifyAll();
                }
                return;
            }
        }
    }
}

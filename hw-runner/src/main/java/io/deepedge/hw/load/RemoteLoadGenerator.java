package io.deepedge.hw.load;

import io.deepedge.hw.agent.ServiceWindowStats;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.rpc.InferClient;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.v1.InferReply;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The open-loop client of one LC service instance on one agent: sends the requests of an {@link ArrivalSchedule}
 * to the agent's {@code Infer} call at their scheduled times, from the coordinator's (or launcher's) process,
 * i.e. OUTSIDE the agent's CPU quota, as real clients are. It never waits for a reply before the next send,
 * and each request's time is computed from the schedule, so a late wake-up delays one send without shifting
 * the schedule.
 *
 * <p><b>Where latency is measured</b>: from the request's scheduled arrival to the arrival of its reply at this
 * generator, both on this process's monotonic clock (the {@link RunClock}). It includes any lag of the
 * generator, the trip to the agent, queueing behind earlier requests in the service's FCFS queue, the service
 * itself, and the trip back: the client's view, free of coordinated omission. The agent records the same
 * requests without the trip back (its metrics windows); README "Hardware runner" gives the measured difference.
 */
public final class RemoteLoadGenerator {
    /** How long one request may take before it counts as failed (DEADLINE_EXCEEDED). */
    public static final Duration DEFAULT_CALL_DEADLINE = Duration.ofSeconds(60);

    /** Replaced when the agent restarted on another port ({@link #retarget}); requests in flight keep theirs. */
    private volatile InferClient client;
    private final String serviceId;
    private final double deadlineMs;
    private final ArrivalSchedule schedule;
    private final double untilSec;
    private final RunClock clock;
    private final RequestInputs inputs;
    private final Duration callDeadline;
    private final Thread thread;
    /** Guarded by {@code this}: every request sent, by index, and the current window. */
    private final List<RemoteRequest> requests = new ArrayList<>();
    private final LoadWindow window = new LoadWindow();
    private long answered;
    private long correct;
    private long labelled;
    private volatile long maxLagNanos;
    private volatile boolean cancelled;
    /** The scheduled arrival of the next request not yet sent (infinite once the schedule is exhausted). */
    private volatile double nextArrivalSec = Double.NEGATIVE_INFINITY;

    /**
     * @param serviceId the service instance on the agent ({@code StartServices} started it)
     * @param deadlineMs the service's deadline, for the miss counts of {@link #drainWindow} (0: none)
     * @param untilSec requests scheduled at or after this many seconds since the clock's origin are not sent
     */
    public RemoteLoadGenerator(InferClient client, String serviceId, double deadlineMs, ArrivalSchedule schedule,
                               double untilSec, RunClock clock, RequestInputs inputs, Duration callDeadline) {
        this.client = Objects.requireNonNull(client, "client");
        this.serviceId = Objects.requireNonNull(serviceId, "serviceId");
        this.deadlineMs = deadlineMs;
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.untilSec = untilSec;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.callDeadline = Objects.requireNonNull(callDeadline, "callDeadline");
        this.thread = new Thread(this::sendLoop, "lc-load-" + serviceId + "@" + client.peer());
        thread.setDaemon(true);
    }

    public RemoteLoadGenerator start() {
        thread.start();
        return this;
    }

    /** Waits until every request scheduled before the time limit was sent (or the generator was cancelled). */
    public void join() throws InterruptedException {
        thread.join();
    }

    /** Stops sending; requests already sent still get their replies recorded. */
    public void cancel() throws InterruptedException {
        cancelled = true;
        LockSupport.unpark(thread);
        thread.join();
    }

    /** Waits up to {@code timeout} until every request sent has its reply or failure; true when none is left. */
    public boolean awaitReplies(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (answered < requests.size() || thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
            return true;
        }
    }

    /**
     * The client-side window since the previous call: requests sent, replies (with their latencies in reply
     * order), misses of the service's deadline (late replies; failures are counted as unfinished), and requests
     * sent but not answered at this moment.
     */
    public synchronized ServiceWindowStats drainWindow() {
        return window.drain(serviceId, requests.size() - answered);
    }

    /** Every request sent so far, by index (unanswered ones have NaN end). */
    public synchronized List<RemoteRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized long sent() {
        return requests.size();
    }

    /** The largest delay between a request's scheduled arrival and its send (the generator's own lag). */
    public double maxLagSec() {
        return maxLagNanos / 1e9;
    }

    /**
     * Fraction of answered requests whose predicted class was the image's label (NaN without labelled input or
     * when the service answers without probabilities).
     */
    public synchronized double servedAccuracy() {
        return labelled == 0 ? Double.NaN : (double) correct / labelled;
    }

    /**
     * Sends the next requests to {@code next} (the agent restarted and serves the service again there); the old
     * client is the caller's to close.
     */
    public void retarget(InferClient next) {
        client = Objects.requireNonNull(next, "next");
    }

    /**
     * True once every request scheduled before {@code sec} has been sent (or the generator stopped), so that
     * {@link #requests()} then holds all of them: a monitor counting arrivals per interval waits for this.
     */
    public boolean sentAllBefore(double sec) {
        return nextArrivalSec >= sec || cancelled;
    }

    public String serviceId() {
        return serviceId;
    }

    private void sendLoop() {
        long index = 0;
        for (double at = schedule.nextSec(); at < untilSec && !cancelled; at = schedule.nextSec()) {
            nextArrivalSec = at;
            long due = clock.nanosAt(at);
            for (long wait = due - System.nanoTime(); wait > 0 && !cancelled; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (cancelled) {
                break;
            }
            send(index++, due);
        }
        nextArrivalSec = Double.POSITIVE_INFINITY;
        synchronized (this) {
            notifyAll();
        }
    }

    private void send(long index, long dueNanos) {
        byte[] input = inputs.input(index);
        int label = inputs.label(index);
        long sentNanos = System.nanoTime();
        Instant sentWall = Instant.now();
        // the scheduled arrival as Unix time, from a wall-clock reading taken now: a clock slewed by NTP since the
        // run began cannot shift it (the agent converts it back with its own reading at receipt)
        long scheduledUnixNanos = sentWall.getEpochSecond() * 1_000_000_000L + sentWall.getNano() - (sentNanos - dueNanos);
        maxLagNanos = Math.max(maxLagNanos, sentNanos - dueNanos);
        synchronized (this) {
            requests.add(new RemoteRequest(index, clock.sec(dueNanos), clock.sec(sentNanos), Double.NaN, null));
            window.arrived();
        }
        client.infer(serviceId, index, scheduledUnixNanos, input, callDeadline)
                .whenComplete((reply, failure) -> replied(index, dueNanos, label, reply, failure));
    }

    /** On the transport thread: the clock is read first, so the recorded end is the reply's arrival. */
    private void replied(long index, long dueNanos, int label, InferReply reply, Throwable failure) {
        long endNanos = System.nanoTime();
        String why = failure == null ? null : failure instanceof RemoteCallException r
                ? r.code() + ": " + r.status().getDescription() : failure.toString();
        synchronized (this) {
            RemoteRequest sent = requests.get((int) index);
            requests.set((int) index, new RemoteRequest(index, sent.arrivalSec(), sent.sentSec(), clock.sec(endNanos), why));
            answered++;
            if (why == null) {
                double latencyMs = (endNanos - dueNanos) / 1e6;
                window.completed(latencyMs, deadlineMs > 0 && latencyMs > deadlineMs);
                int predicted = predicted(reply);
                if (label >= 0 && predicted >= 0) {
                    labelled++;
                    correct += predicted == label ? 1 : 0;
                }
            }
            notifyAll();
        }
    }

    /** The class with the largest probability in a reply's little-endian floats (-1 for an empty reply). */
    static int predicted(InferReply reply) {
        ByteBuffer b = reply.getOutput().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int best = -1;
        float bestP = Float.NEGATIVE_INFINITY;
        for (int c = 0; b.remaining() >= 4; c++) {
            float p = b.getFloat();
            if (p > bestP) {
                bestP = p;
                best = c;
            }
        }
        return best;
    }

    /** The counts of one client-side metrics window (guarded by the generator). */
    private static final class LoadWindow {
        private long arrivals;
        private long misses;
        private float[] latencyMs = new float[256];
        private int completed;

        void arrived() {
            arrivals++;
        }

        void completed(double latency, boolean miss) {
            if (completed == latencyMs.length) {
                latencyMs = Arrays.copyOf(latencyMs, completed * 2);
            }
            latencyMs[completed++] = (float) latency;
            misses += miss ? 1 : 0;
        }

        ServiceWindowStats drain(String serviceId, long unfinished) {
            ServiceWindowStats w = new ServiceWindowStats(serviceId, arrivals, completed, misses, unfinished,
                    Arrays.copyOf(latencyMs, completed));
            arrivals = 0;
            misses = 0;
            completed = 0;
            return w;
        }
    }
}

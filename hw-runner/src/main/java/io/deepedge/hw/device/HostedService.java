package io.deepedge.hw.device;

import io.deepedge.hw.agent.ServiceWindowStats;
import io.deepedge.hw.inference.FcfsWorker;
import io.deepedge.hw.inference.RequestHandler;
import io.deepedge.hw.rpc.ServiceSpec;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One LC service instance on an agent: its own model ({@link ServedModel}: a copy of the network) behind one
 * {@link FcfsWorker}, fed by remote requests. A request's arrival is its SCHEDULED arrival (the generator's
 * wall-clock time, converted to this JVM's monotonic clock), so the latency recorded here runs from the
 * scheduled arrival to the end of the model's {@code output} call: queueing and the trip to the agent are in
 * it, the trip back to the client is not (the generator measures that one, README "Hardware runner").
 */
final class HostedService {
    /** One request from arrival to reply; its output and failure are written and read on the worker thread. */
    private static final class Pending {
        final long requestId;
        final byte[] input;
        final CompletableFuture<byte[]> reply = new CompletableFuture<>();
        byte[] output;
        RuntimeException failure;
        /** The worker thread's CPU time for the model call. */
        long cpuNanos;
        /** When the agent's RPC threads handed the request to this service (monotonic clock): its queue starts. */
        final long receivedNanos;

        Pending(long requestId, byte[] input, long receivedNanos) {
            this.requestId = requestId;
            this.input = input;
            this.receivedNanos = receivedNanos;
        }
    }

    private final ServiceSpec spec;
    private final ServedModel model;
    private final FcfsWorker worker;
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    /** Guarded by {@code this}: the next request's index, the current window and the running totals. */
    private long nextIndex;
    private long arrivals;
    private long completed;
    private long misses;
    private float[] latencyMs = new float[256];
    private float[] serviceMs = new float[256];
    private float[] serviceCpuMs = new float[256];
    private float[] queueMs = new float[256];
    private long receivedTotal;
    private long completedTotal;
    private volatile boolean stopped;

    /** @param model this instance's own model (never shared with another instance or with training) */
    HostedService(ServiceSpec spec, ServedModel model) {
        this.spec = spec;
        this.model = model;
        this.worker = new FcfsWorker("lc-" + spec.serviceId(), new Handler(), System.nanoTime(), this::completed);
    }

    HostedService start() {
        worker.start();
        return this;
    }

    ServiceSpec spec() {
        return spec;
    }

    /** Queues one request; IllegalArgumentException for an input the model does not take. */
    CompletableFuture<byte[]> submit(long requestId, long scheduledArrivalUnixNanos, byte[] input) {
        long nowNanos = System.nanoTime();
        long nowUnixNanos = unixNanos(Instant.now());
        model.check(input);
        // the scheduled arrival, on this JVM's monotonic clock; one in the future (clock skew) counts as now
        long ageNanos = scheduledArrivalUnixNanos == 0 ? 0 : Math.max(0, nowUnixNanos - scheduledArrivalUnixNanos);
        Pending p = new Pending(requestId, input, nowNanos);
        synchronized (this) {
            // under the lock: once stop() has set the flag, no request can slip in that nobody would fail
            if (stopped) {
                throw new IllegalStateException("service " + spec.serviceId() + " is stopped");
            }
            arrivals++;
            receivedTotal++;
            long index = nextIndex++;
            pending.put(index, p);
            worker.submit(index, nowNanos - ageNanos);
        }
        return p.reply;
    }

    /** This service's window since the previous call, then a new window. */
    synchronized ServiceWindowStats drain() {
        ServiceWindowStats w = new ServiceWindowStats(spec.serviceId(), arrivals, completed, misses,
                receivedTotal - completedTotal, Arrays.copyOf(latencyMs, (int) completed),
                Arrays.copyOf(serviceMs, (int) completed),
                ThreadCpu.SUPPORTED ? Arrays.copyOf(serviceCpuMs, (int) completed) : new float[0],
                Arrays.copyOf(queueMs, (int) completed));
        arrivals = 0;
        completed = 0;
        misses = 0;
        return w;
    }

    /** Stops serving: the request in service completes, queued ones fail (FAILED_PRECONDITION at the caller). */
    void stop() throws InterruptedException {
        synchronized (this) {
            stopped = true;
        }
        worker.stop();
        for (Long index : pending.keySet()) {
            Pending p = pending.remove(index);
            if (p != null) {
                p.reply.completeExceptionally(new IllegalStateException("service " + spec.serviceId()
                        + " stopped before request " + Long.toUnsignedString(p.requestId) + " was served"));
            }
        }
    }

    /** On the worker thread, after the service returned: the start and end times are the FCFS worker's. */
    private void completed(long index, long arrivalNanos, long startNanos, long endNanos) {
        Pending p = pending.remove(index);
        float latency = (float) ((endNanos - arrivalNanos) / 1e6);
        float service = (float) ((endNanos - startNanos) / 1e6);
        float cpu = p == null ? 0f : (float) (p.cpuNanos / 1e6);
        // a request stop() failed meanwhile has lost its receipt time: all its time before the worker counts as queued
        float queue = (float) ((startNanos - (p == null ? arrivalNanos : p.receivedNanos)) / 1e6);
        synchronized (this) {
            if (completed == latencyMs.length) {
                latencyMs = Arrays.copyOf(latencyMs, latencyMs.length * 2);
                serviceMs = Arrays.copyOf(serviceMs, serviceMs.length * 2);
                serviceCpuMs = Arrays.copyOf(serviceCpuMs, serviceCpuMs.length * 2);
                queueMs = Arrays.copyOf(queueMs, queueMs.length * 2);
            }
            queueMs[(int) completed] = queue;
            serviceMs[(int) completed] = service;
            serviceCpuMs[(int) completed] = cpu;
            latencyMs[(int) completed++] = latency;
            completedTotal++;
            if (spec.deadlineMs() > 0 && latency > spec.deadlineMs()) {
                misses++;
            }
        }
        if (p == null) {
            return; // failed by stop() meanwhile
        }
        if (p.failure != null) {
            p.reply.completeExceptionally(p.failure);
        } else {
            p.reply.complete(p.output);
        }
    }

    static long unixNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Runs the model for one request; never throws (a failure goes to the request's caller). */
    private final class Handler implements RequestHandler {
        @Override
        public void serve(long index) {
            Pending p = pending.get(index);
            if (p == null) {
                return;
            }
            long cpuStart = ThreadCpu.nanos();
            try {
                p.output = model.answer(p.requestId, p.input);
            } catch (RuntimeException e) {
                p.failure = e;
            }
            p.cpuNanos = Math.max(0, ThreadCpu.nanos() - cpuStart);
        }

        @Override
        public String describe() {
            return model.describe();
        }
    }
}

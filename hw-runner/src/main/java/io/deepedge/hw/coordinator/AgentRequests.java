package io.deepedge.hw.coordinator;

/**
 * What an agent recorded of one service's requests completed in a window, in completion order: each one's latency
 * (scheduled arrival to the end of its model call), its service time (from the FCFS worker taking it up to that
 * end), empty when the agent does not report service times (protocol before 1.3), and its wait in the service's
 * queue (from the agent's RPC threads handing it to the service to the worker taking it up), empty from agents before
 * protocol 1.8.
 */
record AgentRequests(float[] latencyMs, float[] serviceMs, float[] queueMs) {
    AgentRequests {
        if (serviceMs.length != 0 && serviceMs.length != latencyMs.length) {
            throw new IllegalArgumentException("service times for " + serviceMs.length + " of " + latencyMs.length
                    + " requests");
        }
        if (queueMs.length != 0 && queueMs.length != serviceMs.length) {
            throw new IllegalArgumentException("queue times for " + queueMs.length + " of " + serviceMs.length
                    + " service times");
        }
    }

    /** Without queue times (an agent before protocol 1.8). */
    AgentRequests(float[] latencyMs, float[] serviceMs) {
        this(latencyMs, serviceMs, new float[0]);
    }

    /** Each request's time before its worker took it up (the way there, the hand-over, the queue): latency - service. */
    float[] beforeWorkerMs() {
        return serviceMs.length == 0 ? new float[0] : latencyLess(serviceMs);
    }

    /**
     * Each request's way in, before it reached the service's queue (the generator's lag, the trip, the agent's RPC
     * threads): latency - queue - service; empty without queue times.
     */
    float[] wayInMs() {
        return queueMs.length == 0 ? new float[0] : latencyLess(queueMs, serviceMs);
    }

    /** Each request's latency less its figures in {@code parts} (each one a request, as the constructor checks). */
    private float[] latencyLess(float[]... parts) {
        float[] rest = latencyMs.clone();
        for (float[] part : parts) {
            for (int i = 0; i < rest.length; i++) {
                rest[i] -= part[i];
            }
        }
        return rest;
    }
}

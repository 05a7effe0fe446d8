package io.deepedge.hw.coordinator;

/**
 * What an agent recorded of one service's requests completed in a window, in completion order: each one's latency
 * (scheduled arrival to the end of its model call) and its service time (from the FCFS worker taking it up to that
 * end), empty when the agent does not report service times (protocol before 1.3).
 */
record AgentRequests(float[] latencyMs, float[] serviceMs) {
    AgentRequests {
        if (serviceMs.length != 0 && serviceMs.length != latencyMs.length) {
            throw new IllegalArgumentException("service times for " + serviceMs.length + " of " + latencyMs.length
                    + " requests");
        }
    }

    /** Each request's time before its worker took it up (the way there, the hand-over, the queue): latency - service. */
    float[] beforeWorkerMs() {
        if (serviceMs.length == 0) {
            return new float[0];
        }
        float[] before = new float[latencyMs.length];
        for (int i = 0; i < before.length; i++) {
            before[i] = latencyMs[i] - serviceMs[i];
        }
        return before;
    }
}

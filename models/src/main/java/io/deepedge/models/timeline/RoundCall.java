package io.deepedge.models.timeline;

/**
 * One row of rounds.csv: one device's gradient call in one synchronous round of a testbed run, split into its parts,
 * in milliseconds. {@code callMs} runs from the round's start (the calls go out together) to the gradient decoded at
 * the coordinator; the coordinator's part is {@code paramsEncodeMs} (0 when the call resent no parameters) and
 * {@code gradientDecodeMs}; the agent's is its handler, {@code paramsDecodeMs + computeMs + gradientEncodeMs} and the
 * checks around them; what is left is the transport (gRPC's framing, parsing and sending at both ends, and waiting to
 * be scheduled). The agent's parts are NaN (empty cells) from an agent that does not report them (protocol before 1.6).
 * {@code computeCpuMs} is the CPU time of the agent's thread over the compute, {@code agentHandlerCpuMs} its whole
 * process's over the handler (NaN before protocol 1.7): a call whose process CPU is near its quota times the handler's
 * wall time waited for its budget; one well below waited for something else (other processes, the host).
 */
public record RoundCall(long round, String device, int samples, double callMs, double paramsEncodeMs,
                        double paramsDecodeMs, double computeMs, double gradientEncodeMs, double agentHandlerMs,
                        double gradientDecodeMs, double computeCpuMs, double agentHandlerCpuMs) {
    /** The call's time outside both processes' own work: its wall time less the coordinator's parts and the handler. */
    public double transportMs() {
        return callMs - paramsEncodeMs - agentHandlerMs - gradientDecodeMs;
    }
}

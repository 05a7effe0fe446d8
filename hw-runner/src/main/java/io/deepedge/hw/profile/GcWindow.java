package io.deepedge.hw.profile;

import io.deepedge.hw.rpc.v1.MetricsSnapshot;
import io.deepedge.hw.rpc.v1.ServiceWindow;

/**
 * An agent's stop-the-world collections over one metrics window of the design, beside the work done in it: what
 * {@link ProfileMeasurements#gcPauses} fits the pauses per request and per trained sample from.
 *
 * @param gcPauses collections in the window ({@code gc_pauses})
 * @param gcPauseCpuMs the CPU time of the JVM's stop-the-world threads ({@code gc_pause_cpu_ms}; negative: the agent
 *        could not measure it)
 * @param gcPauseMs their wall time ({@code gc_pause_ms})
 * @param gcCleanupCpuMs the CPU time of the threads that finish the collections' work after them
 *        ({@code gc_cleanup_cpu_ms}; negative: not measured)
 * @param requests LC requests completed in the window, over all services
 * @param samples training samples computed in it
 * @param windowSec the window's length
 */
record GcWindow(long gcPauses, double gcPauseCpuMs, double gcPauseMs, double gcCleanupCpuMs, long requests,
                long samples, double windowSec) {
    static GcWindow of(MetricsSnapshot m) {
        long requests = 0;
        for (ServiceWindow s : m.getServicesList()) {
            requests += s.getCompleted();
        }
        return new GcWindow(m.getGcPauses(), m.getGcPauseCpuMs(), m.getGcPauseMs(), m.getGcCleanupCpuMs(), requests,
                m.getSamplesComputed(),
                (m.getWindowEndUnixMs() - m.getWindowStartUnixMs()) / 1000.0);
    }
}

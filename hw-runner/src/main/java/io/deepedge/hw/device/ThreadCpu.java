package io.deepedge.hw.device;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** The current thread's CPU time, where the JVM measures it (HotSpot on Linux does: the thread's own clock). */
public final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final boolean SUPPORTED = enable();

    private ThreadCpu() {
    }

    private static boolean enable() {
        try {
            if (!THREADS.isCurrentThreadCpuTimeSupported()) {
                return false;
            }
            if (!THREADS.isThreadCpuTimeEnabled()) {
                THREADS.setThreadCpuTimeEnabled(true);
            }
            return true;
        } catch (UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** CPU nanoseconds the calling thread has used, or 0 when the JVM cannot say (then every difference is 0). */
    public static long nanos() {
        return SUPPORTED ? THREADS.getCurrentThreadCpuTime() : 0;
    }
}

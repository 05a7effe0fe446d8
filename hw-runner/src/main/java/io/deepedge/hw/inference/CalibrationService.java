package io.deepedge.hw.inference;

import java.util.Locale;

/**
 * CALIBRATION ONLY, not a model: a service of known, deterministic duration that busy-spins the CPU for
 * {@code serviceMs} from the moment it starts. It checks the serving and load-generation machinery against
 * queueing theory (D/D/1, M/D/1) and calibrates interference; a spin that is preempted ends late, never early.
 */
public final class CalibrationService implements RequestHandler {
    private final long serviceNanos;

    public CalibrationService(double serviceMs) {
        if (!(serviceMs > 0) || Double.isInfinite(serviceMs)) {
            throw new IllegalArgumentException("serviceMs must be positive (" + serviceMs + ")");
        }
        this.serviceNanos = Math.round(serviceMs * 1e6);
    }

    @Override
    public void serve(long index) {
        long end = System.nanoTime() + serviceNanos;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "calibration busy-spin %.3f ms", serviceNanos / 1e6);
    }
}

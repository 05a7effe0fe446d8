package io.deepedge.policies;

import io.deepedge.models.DeviceProfile;

import java.util.Locale;

/** Whether a device's memory holds its co-located services plus training at the local batch a share implies. */
public final class MemoryFit {
    private MemoryFit() {
    }

    /** The largest local batch of a share: its samples spread over the epoch's iterations, rounded up. */
    public static long maxLocalBatch(PlanningRequest request, long share) {
        long iterations = request.job().iterationsPerEpoch();
        return (share + iterations - 1) / iterations;
    }

    /** Memory held by the LC services of each device that has any. */
    public static java.util.Map<String, Double> serviceMemoryMiB(PlanningRequest request) {
        java.util.Map<String, Double> held = new java.util.HashMap<>();
        for (ServiceLoad s : request.services()) {
            held.merge(s.instance().device(), s.instance().memoryMiB(), Double::sum);
        }
        return held;
    }

    /** MiB by which training at the share's batch plus the services overflow the device (<= 0 when it fits). */
    public static double excessMiB(PlanningRequest request, DeviceState device, long share, double servicesMiB) {
        if (share == 0) {
            return 0;
        }
        DeviceProfile p = device.device().profile();
        return p.trainMemoryMiBAt(maxLocalBatch(request, share)) + servicesMiB - p.memoryMiB();
    }

    /** Whether the device alone can train the whole global batch next to its services. */
    public static boolean fitsAlone(PlanningRequest request, DeviceState device, double servicesMiB) {
        return excessMiB(request, device, request.job().samples(), servicesMiB) <= 0;
    }

    /** Null when the share fits next to {@code servicesMiB} of service memory, else the named reason. */
    public static String check(PlanningRequest request, DeviceState device, long share, double servicesMiB) {
        if (share == 0) {
            return null;
        }
        DeviceProfile p = device.device().profile();
        double services = servicesMiB;
        long batch = maxLocalBatch(request, share);
        double need = p.trainMemoryMiBAt(batch) + services;
        return need <= p.memoryMiB() ? null
                : String.format(Locale.ROOT, "memory:batch %d needs %.0f MiB > %.0f MiB", batch, need, p.memoryMiB());
    }
}

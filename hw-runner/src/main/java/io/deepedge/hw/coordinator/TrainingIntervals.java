package io.deepedge.hw.coordinator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When training ran on each device, for the co-location view (and on any device, for the job view): from the
 * first round of a plan (after its shard transfer) until that plan ends (a re-plan, a rollback, a postponement,
 * the job's end), as the simulator counts a device "part of the running plan". Thread-safe: the job writes, the LC
 * summary reads at the end.
 */
final class TrainingIntervals {
    private final Map<String, List<double[]>> byDevice = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private double openSinceSec;

    synchronized void start(List<String> devices, double nowSec) {
        stop(nowSec);
        open.addAll(devices);
        openSinceSec = nowSec;
    }

    synchronized void stop(double nowSec) {
        for (String d : open) {
            byDevice.computeIfAbsent(d, k -> new ArrayList<>()).add(new double[] {openSinceSec, nowSec});
        }
        open.clear();
    }

    /** Whether training ran on {@code device} at {@code sec} ({@code [from, to)} of a closed interval). */
    synchronized boolean during(String device, double sec) {
        for (double[] i : byDevice.getOrDefault(device, List.of())) {
            if (sec >= i[0] && sec < i[1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether training ran on any device at {@code sec}: the job view. */
    synchronized boolean duringAny(double sec) {
        for (String device : byDevice.keySet()) {
            if (during(device, sec)) {
                return true;
            }
        }
        return false;
    }

    synchronized boolean trainedOn(String device) {
        return byDevice.containsKey(device) || open.contains(device);
    }
}

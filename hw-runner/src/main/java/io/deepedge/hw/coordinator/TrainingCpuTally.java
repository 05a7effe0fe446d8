package io.deepedge.hw.coordinator;

import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.models.TrainingCpu;

import java.util.Map;
import java.util.TreeMap;

/**
 * Each device's training CPU over a run's finished gradient calls, as its agent reported it ({@code compute_cpu_ms},
 * protocol 1.7): runs.csv's {@code train_cpu_ms_per_sample}, every round of every replication (rounds.csv keeps
 * replication 0's calls only). A device any of whose calls came without the figure (an older agent) is left out:
 * a share of its calls would not be its CPU per sample.
 */
final class TrainingCpuTally implements Rounds.RoundListener {
    private final Map<String, TrainingCpu> cpu = new TreeMap<>();
    private final java.util.Set<String> unreported = new java.util.HashSet<>();

    @Override
    public void round(Rounds.RoundTiming timing) {
        timing.agents().forEach((device, a) -> add(device, a.samples(), a.parts()));
    }

    private void add(String device, int samples, GradientResult.CallParts parts) {
        if (Double.isNaN(parts.agentComputeCpuMs())) {
            unreported.add(device);
        } else {
            cpu.put(device, cpu.getOrDefault(device, TrainingCpu.NONE).plus(parts.agentComputeCpuMs(), samples));
        }
    }

    /** The devices' tallies so far, without those with an unreported call. */
    Map<String, TrainingCpu> byDevice() {
        Map<String, TrainingCpu> out = new TreeMap<>(cpu);
        out.keySet().removeAll(unreported);
        return out;
    }
}

package io.deepedge.policies.deepedge;

import io.deepedge.models.DeviceProfile;
import io.deepedge.models.LcLoad;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.barrier.BarrierTime;
import io.deepedge.models.queueing.LatencyPredictor;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.ServiceLoad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Step 1 of Deep-Edge: a device's largest local batch that keeps every co-located SLO (queueing
 * prediction at the planning rate, service time inflated by the training slowdown at that batch) and
 * fits memory. A device with no such batch is ineligible, with the named reason of the first failure.
 */
final class Eligibility {
    /** Either a candidate or the reason the device is left out. */
    record Assessment(Candidate candidate, String rejection) {
    }

    private Eligibility() {
    }

    static Assessment assess(DeviceState state, List<ServiceLoad> loads, ToDoubleFunction<ServiceLoad> planningRate,
                             TrainingJob job, Options options, boolean explain) {
        DeviceProfile p = withoutServiceMemory(state.device().profile(), loads);
        String failure = null;
        double maxBatch = 0;
        if (p.batchDependent()) {
            for (int batch : p.batchSizes()) {
                String why = check(p, batch, loads, planningRate, options, explain);
                if (why != null) {
                    failure = why;
                    break;
                }
                maxBatch = batch;
            }
        } else {
            failure = check(p, 1, loads, planningRate, options, explain);
            maxBatch = failure == null ? memoryBoundBatch(p) : 0;
            if (failure == null && maxBatch < 1) {
                failure = !explain ? "memory" : String.format(Locale.ROOT, "memory:training needs %.0f MiB > %.0f MiB", p.trainMemoryMiBAt(1),
                        p.memoryMiB());
            }
        }
        if (maxBatch < 1) {
            return new Assessment(null, failure);
        }
        double psi = trainingFactor(p, maxBatch, loads, planningRate);
        double cap = Math.min(job.samples(), Math.floor(maxBatch * job.iterationsPerEpoch()));
        List<LcLoad> lcLoads = new ArrayList<>(loads.size());
        for (ServiceLoad load : loads) {
            lcLoads.add(new LcLoad(planningRate.applyAsDouble(load), load.instance().serviceTime()));
        }
        // no local batch exceeds the global batch, whatever the set
        double batchLimit = Math.min(maxBatch, job.batchSize());
        double boundRate = fastestUpTo(p, batchLimit) * BarrierTime.speedBound(lcLoads, p, batchLimit);
        return new Assessment(new Candidate(state.name(), p, state.device().link(), maxBatch, psi, cap, lcLoads,
                boundRate), null);
    }

    /** The largest standalone throughput at any local batch up to {@code limit} (profiles are piecewise linear). */
    private static double fastestUpTo(DeviceProfile p, double limit) {
        double fastest = p.trainSamplesPerSecAt(limit);
        if (!p.batchDependent()) {
            return fastest;
        }
        for (int batch : p.batchSizes()) {
            if (batch <= limit) {
                fastest = Math.max(fastest, p.trainSamplesPerSecAt(batch));
            }
        }
        return fastest;
    }

    /** Null when training at {@code batch} keeps every SLO and fits memory, else the named reason. */
    private static String check(DeviceProfile p, double batch, List<ServiceLoad> loads,
                                ToDoubleFunction<ServiceLoad> planningRate, Options options, boolean explain) {
        if (p.trainMemoryMiBAt(batch) > p.memoryMiB()) {
            return !explain ? "memory" : String.format(Locale.ROOT, "memory:batch %.0f needs %.0f MiB > %.0f MiB", batch,
                    p.trainMemoryMiBAt(batch), p.memoryMiB());
        }
        double inflation = options.interferenceAware() ? p.serviceSlowdownAt(batch) : 1.0;
        for (ServiceLoad load : loads) {
            ServiceInstance s = load.instance();
            double rate = planningRate.applyAsDouble(load);
            if (!LatencyPredictor.meetsDeadline(s.serviceTime(), inflation, rate, s.sloQuantile(), s.deadlineMs())) {
                if (!explain) {
                    return "slo";
                }
                double predicted = LatencyPredictor.quantileMs(s.serviceTime(), inflation, rate, s.sloQuantile(), 1e-3);
                if (Double.isInfinite(predicted)) {
                    return String.format(Locale.ROOT, "slo:%s unstable, utilisation %.2f >= 1", s.service(),
                            LatencyPredictor.utilisation(s.serviceTime(), inflation, rate));
                }
                // plain concatenation: planning explains thousands of devices and String.format costs microseconds
                return "slo:" + s.service() + " p" + quantileLabel(s.sloQuantile()) + " " + Math.round(predicted)
                        + " ms > " + Math.round(s.deadlineMs()) + " ms";
            }
        }
        return null;
    }

    /** The profile with the memory the co-located services hold taken out of the device's memory. */
    private static DeviceProfile withoutServiceMemory(DeviceProfile p, List<ServiceLoad> loads) {
        double held = 0;
        for (ServiceLoad l : loads) {
            held += l.instance().memoryMiB();
        }
        if (held == 0) {
            return p;
        }
        return p.withMemoryMiB(Math.max(1e-9, p.memoryMiB() - held));
    }

    /** Largest batch the linear memory model allows ({@code +inf} without a per-sample cost). */
    private static double memoryBoundBatch(DeviceProfile p) {
        double free = p.memoryMiB() - p.trainingMemory().baseMiB();
        if (p.trainingMemory().perSampleMiB() == 0) {
            return free >= 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return Math.floor(free / p.trainingMemory().perSampleMiB());
    }

    /**
     * psi: training runs {@code trainingSlowdown} times slower while any LC request is in service; with
     * independent services the busy fraction is {@code 1 - prod(1 - rho_a)}, rho_a at inflated service times.
     */
    static double trainingFactor(DeviceProfile p, double batch, List<ServiceLoad> loads,
                                 ToDoubleFunction<ServiceLoad> planningRate) {
        double idle = 1;
        for (ServiceLoad load : loads) {
            double rho = LatencyPredictor.utilisation(load.instance().serviceTime(), p.serviceSlowdownAt(batch),
                    planningRate.applyAsDouble(load));
            idle *= 1 - Math.min(1, rho);
        }
        double busy = 1 - idle;
        return 1 - busy * (1 - 1 / p.interference().trainingSlowdown());
    }

    static String quantileLabel(double q) {
        long hundredths = Math.round(q * 10_000);
        return hundredths % 100 == 0 ? Long.toString(hundredths / 100)
                : new java.math.BigDecimal(hundredths).movePointLeft(2).stripTrailingZeros().toPlainString();
    }
}

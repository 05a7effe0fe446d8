package io.deepedge.models.monitoring;

import io.deepedge.models.Device;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.forecast.ForecastSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load monitor's memory and decision, fed one interval at a time by whichever mechanism counts the
 * arrivals: per LC instance the monitored rate of every past interval (what policies forecast from), and at
 * each interval's end whether to re-plan, for two reasons:
 * <ul>
 *   <li>a <b>load shift</b> ({@link ShiftDetector}): an instance's count left its reference by more than noise
 *       and the band, false alarms controlled over all instances together;</li>
 *   <li>an <b>SLO at risk</b> ({@link SloRisk}): the running plan breaks a co-located SLO at the forecast peak
 *       over the rest of the job.</li>
 * </ul>
 */
public final class LoadWatch {
    private final List<ServiceInstance> instances;
    private final ForecastSpec spec;
    private final ShiftDetector shifts;
    private final SloRisk sloRisk;
    private final List<List<Double>> history = new ArrayList<>();
    private final double[] current;

    /**
     * @param instances the monitored LC instances, in the order the mechanism reports their counts
     * @param devices every device an instance or a plan may name
     */
    public LoadWatch(List<ServiceInstance> instances, List<Device> devices, ForecastSpec spec) {
        this.instances = List.copyOf(instances);
        this.spec = spec;
        this.shifts = new ShiftDetector(instances.size(), spec.bandFraction(), spec.falseAlarmProbability());
        Map<String, Device> byName = new HashMap<>();
        devices.forEach(d -> byName.put(d.name(), d));
        this.sloRisk = new SloRisk(this.instances, byName, spec.toForecaster(), spec.intervalSec());
        this.current = new double[instances.size()];
        for (int i = 0; i < current.length; i++) {
            history.add(new ArrayList<>());
            current[i] = instances.get(i).arrivals().meanRatePerSec();
        }
    }

    /**
     * One monitoring interval ended.
     *
     * @param arrivals each instance's arrival count during the interval, in instance order
     * @param training the running job, empty when no plan is being carried out
     */
    public Verdict intervalEnded(long[] arrivals, Optional<TrainingProgress> training) {
        if (arrivals.length != instances.size()) {
            throw new IllegalArgumentException("expected " + instances.size() + " counts, got " + arrivals.length);
        }
        List<String> shifted = new ArrayList<>();
        for (int i = 0; i < arrivals.length; i++) {
            if (shifts.observe(i, arrivals[i])) {
                shifted.add(instances.get(i).id());
            }
            current[i] = arrivals[i] / spec.intervalSec();
            history.get(i).add(current[i]);
        }
        List<String> atRisk = new ArrayList<>();
        training.ifPresent(p -> sloRisk.newlyAtRisk(p, history, current)
                .forEach(i -> atRisk.add(instances.get(i).id())));
        return new Verdict(shifted, atRisk);
    }

    /** Instance {@code i}'s rate in the last interval; its configured mean before the first interval ends. */
    public double currentRatePerSec(int i) {
        return current[i];
    }

    /** Instance {@code i}'s monitored rates, oldest first (a copy). */
    public List<Double> historyPerSec(int i) {
        return List.copyOf(history.get(i));
    }

    /** Threshold of the shift test on the square-root scale, after the correction for the number of instances. */
    public double shiftThreshold() {
        return shifts.threshold();
    }
}

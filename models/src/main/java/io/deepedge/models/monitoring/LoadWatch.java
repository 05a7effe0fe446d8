package io.deepedge.models.monitoring;

import io.deepedge.models.Device;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.forecast.ForecastSpec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load monitor's memory and decision, fed one interval at a time by whichever mechanism counts the
 * arrivals: per LC instance its monitored rates (what policies forecast from), and at each interval's end
 * whether to re-plan, for two reasons:
 * <ul>
 *   <li>a <b>load shift</b> ({@link ShiftDetector}): an instance's count left its recent level by more than
 *       noise and the band, false alarms controlled over all instances together. A shift starts a new regime:
 *       forecasts are made from the rates since the interval that shifted (before it the load was another one:
 *       a smoothed level would lag the step for several intervals, a trend would read the step as a ramp and a
 *       season fitted across it would be an artefact). Minimum dwell: the shift is reported one interval
 *       later, when the next interval confirms the new level (a change in the middle of an interval shifts
 *       again at the next one, which then waits in turn), so the policy sees the new load, once;</li>
 *   <li>an <b>SLO at risk</b> ({@link SloRisk}): the running plan breaks a co-located SLO at the forecast peak
 *       over the rest of the job. Risk does not wait for confirmation; a re-plan for it also serves every
 *       shift waiting to be reported, since the policy then sees the new regimes.</li>
 * </ul>
 */
public final class LoadWatch {
    private final List<ServiceInstance> instances;
    private final ForecastSpec spec;
    private final ShiftDetector shifts;
    private final SloRisk sloRisk;
    private final List<List<Double>> history = new ArrayList<>();
    /** Per instance, the index in its history of the interval that started its regime (its last shift). */
    private final int[] regimeStart;
    /** Instances whose last shift waits for the next interval to confirm it. */
    private final BitSet unconfirmed = new BitSet();
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
        this.regimeStart = new int[instances.size()];
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
        List<String> confirmed = new ArrayList<>();
        for (int i = 0; i < arrivals.length; i++) {
            boolean shifted = shifts.observe(i, arrivals[i]);
            if (shifted) {
                regimeStart[i] = history.get(i).size();
            } else if (unconfirmed.get(i)) {
                confirmed.add(instances.get(i).id());
            }
            unconfirmed.set(i, shifted);
            current[i] = arrivals[i] / spec.intervalSec();
            history.get(i).add(current[i]);
        }
        List<String> atRisk = new ArrayList<>();
        training.ifPresent(p -> sloRisk.newlyAtRisk(p, this::regime, current)
                .forEach(i -> atRisk.add(instances.get(i).id())));
        if (!atRisk.isEmpty()) {
            unconfirmed.clear();
        }
        return new Verdict(confirmed, atRisk);
    }

    /** Instance {@code i}'s rates since its last shift, oldest first: a view, valid until the next interval. */
    private List<Double> regime(int i) {
        List<Double> all = history.get(i);
        return all.subList(regimeStart[i], all.size());
    }

    /** Instance {@code i}'s rate in the last interval; its configured mean before the first interval ends. */
    public double currentRatePerSec(int i) {
        return current[i];
    }

    /** Instance {@code i}'s monitored rates since its last load shift, oldest first (a copy): what forecasts use. */
    public List<Double> historyPerSec(int i) {
        return List.copyOf(regime(i));
    }
}

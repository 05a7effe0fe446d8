package io.deepedge.models.monitoring;

import io.deepedge.models.Arrivals;
import io.deepedge.models.Assignment;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Link;
import io.deepedge.models.Plan;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;
import io.deepedge.models.Topology;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.forecast.ForecastSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The monitor's decision as a mechanism sees it: counts in, re-plan or not out. */
class LoadWatchTest {
    private static final Link LINK = new Link(1000, 1);
    /** M/M/1, 50 ms service, 1.5x slower while training: mu' = 1 / 0.075 s = 13.33/s. */
    private static final ServiceInstance CRITICAL = new ServiceInstance("critical", "fast", new Arrivals.Poisson(2),
            new ServiceTime.Exponential(50), 1000, 0.99);
    private static final List<Device> DEVICES = List.of(
            new Device("fast", "", new DeviceProfile(100, 8192, new Interference(1.5, 1)), LINK),
            new Device("slow", "", new DeviceProfile(100, 8192, Interference.NONE), LINK));
    /** 60,000 samples at 100 samples/s on the one training device: 600 s, ten 60-s intervals. */
    private static final TrainingJob JOB = new TrainingJob("t", 60_000, 1, 60, 0, 0, Topology.RING_ALLREDUCE, 0, 0);

    private static TrainingProgress onFast(Plan plan, double nowSec) {
        return new TrainingProgress(plan, JOB, 0, nowSec);
    }

    @Test
    void aRampIsCaughtWhenItsForecastOverTheRestOfTheJobCrossesTheSlo() {
        // M/M/1 p99 = ln(100) / (mu' - lambda) <= 1 s  <=>  lambda <= 13.33 - 4.61 = 8.73/s
        double maxRate = 1 / 0.075 - Math.log(100);
        LoadWatch watch = new LoadWatch(List.of(CRITICAL), DEVICES, ForecastSpec.DEFAULT);
        Plan plan = new Plan(List.of(new Assignment("fast", 60_000)));
        List<Integer> atRiskAt = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            long count = 360 + 12L * t;                 // 6 req/s, +0.2 req/s every interval, no noise
            Verdict v = watch.intervalEnded(new long[] {count}, Optional.of(onFast(plan, 60.0 * (t + 1))));
            assertEquals(List.of(), v.shifted(), "a ramp this gentle is no step, t " + t);
            if (!v.atRisk().isEmpty()) {
                atRiskAt.add(t);
            }
        }
        // Expected, independently: no trend before 6 intervals, so at t < 5 the check is at the current rate
        // (<= 6.8 req/s, safe, although 6.8 + 0.2 x 10 would not be); at t = 5 the exact line 7 + 0.2 h over
        // the 10 remaining intervals peaks at 9 req/s > 8.73: reported once, not again for the same plan.
        assertTrue(6.8 < maxRate && 6.8 + 0.2 * 10 > maxRate && 7.0 + 0.2 * 10 > maxRate);
        assertEquals(List.of(5), atRiskAt);
    }

    @Test
    void aNewPlanIsCheckedAfresh() {
        LoadWatch watch = new LoadWatch(List.of(CRITICAL), DEVICES, ForecastSpec.DEFAULT);
        Plan first = new Plan(List.of(new Assignment("fast", 60_000)));
        assertEquals(List.of("critical@fast"), watch.intervalEnded(new long[] {600}, Optional.of(onFast(first, 60)))
                .atRisk(), "10 req/s > 8.73 at the current rate");
        assertEquals(List.of(), watch.intervalEnded(new long[] {600}, Optional.of(onFast(first, 120))).atRisk());
        Plan second = new Plan(List.of(new Assignment("fast", 30_000), new Assignment("slow", 30_000)));
        assertEquals(List.of("critical@fast"), watch.intervalEnded(new long[] {600}, Optional.of(onFast(second, 180)))
                .atRisk());
        Plan away = new Plan(List.of(new Assignment("slow", 60_000)));
        assertEquals(List.of(), watch.intervalEnded(new long[] {600}, Optional.of(onFast(away, 240))).atRisk(),
                "no training on its device: nothing at risk");
    }

    @Test
    void aSteadyLoadBelowTheSloNeverTriggers() {
        LoadWatch watch = new LoadWatch(List.of(CRITICAL), DEVICES, ForecastSpec.DEFAULT);
        Plan plan = new Plan(List.of(new Assignment("fast", 60_000)));
        for (int t = 0; t < 50; t++) {
            Verdict v = watch.intervalEnded(new long[] {480}, Optional.of(onFast(plan, 60.0 * (t + 1))));
            assertTrue(!v.replan(), "8 req/s steady, t " + t + ": " + v);
        }
    }

    @Test
    void historyAndCurrentRateAreWhatPoliciesSee() {
        LoadWatch watch = new LoadWatch(List.of(CRITICAL), DEVICES, ForecastSpec.DEFAULT);
        assertEquals(2.0, watch.currentRatePerSec(0), "the configured mean before any interval");
        watch.intervalEnded(new long[] {300}, Optional.empty());
        watch.intervalEnded(new long[] {330}, Optional.empty());
        assertEquals(5.5, watch.currentRatePerSec(0));
        assertEquals(List.of(5.0, 5.5), watch.historyPerSec(0));
    }

    @Test
    void aShiftStartsANewRegimeAndIsReportedOnceTheNextIntervalConfirmsIt() {
        LoadWatch watch = new LoadWatch(List.of(CRITICAL), DEVICES, ForecastSpec.DEFAULT);
        watch.intervalEnded(new long[] {300}, Optional.empty());
        watch.intervalEnded(new long[] {330}, Optional.empty());
        assertEquals(Verdict.NONE, watch.intervalEnded(new long[] {1200}, Optional.empty()), "5.5 -> 20 req/s");
        assertEquals(List.of(20.0), watch.historyPerSec(0), "forecasts start from the interval that shifted");
        assertEquals(List.of("critical@fast"), watch.intervalEnded(new long[] {1190}, Optional.empty()).shifted());
        assertEquals(List.of(20.0, 1190 / 60.0), watch.historyPerSec(0));
        for (int t = 0; t < 20; t++) {
            assertEquals(Verdict.NONE, watch.intervalEnded(new long[] {1195}, Optional.empty()), "t " + t);
        }
    }

    @Test
    void aChangeInTheMiddleOfAnIntervalIsReportedOnceAtItsFullLevel() {
        LoadWatch watch = new LoadWatch(List.of(CRITICAL), DEVICES, ForecastSpec.DEFAULT);
        List<String> reported = new ArrayList<>();
        long[] counts = {300, 300, 300, 750, 1200, 1200, 1200, 1200, 1200};
        for (long count : counts) {
            reported.addAll(watch.intervalEnded(new long[] {count}, Optional.empty()).shifted());
        }
        assertEquals(List.of("critical@fast"), reported);
        assertEquals(List.of(20.0, 20.0, 20.0, 20.0, 20.0), watch.historyPerSec(0));
    }

    @Test
    void aShiftThatBreaksAnSloOfTheRunningPlanIsReportedAtOnceAndOnlyThen() {
        LoadWatch watch = new LoadWatch(List.of(CRITICAL), DEVICES, ForecastSpec.DEFAULT);
        Plan plan = new Plan(List.of(new Assignment("fast", 60_000)));
        watch.intervalEnded(new long[] {120}, Optional.of(onFast(plan, 60)));
        watch.intervalEnded(new long[] {120}, Optional.of(onFast(plan, 120)));
        Verdict v = watch.intervalEnded(new long[] {720}, Optional.of(onFast(plan, 180)));
        assertEquals(List.of("critical@fast"), v.atRisk(), "12 req/s > 8.73 on a training device");
        assertEquals(Verdict.NONE, watch.intervalEnded(new long[] {720}, Optional.of(onFast(plan, 240))),
                "the re-plan for the risk served the shift too");
    }
}

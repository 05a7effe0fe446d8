package io.deepedge.models.profile;

import io.deepedge.models.HostProbe;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A design read at one host: each phase of a measurement taken by its own host-speed probe steps to one reference
 * step. The expected figures are worked out by hand in the comments; the fit's truth is {@link InterferenceFitTest}'s
 * formulas, measured on hosts whose speed changes from phase to phase.
 */
class HostNormalisedTest {
    private static final DesignPoint A = new DesignPoint(16, 40);

    private static PhaseHosts hosts(double trainAloneMs, double servicesAloneMs, double togetherMs) {
        return new PhaseHosts(new HostProbe(10, trainAloneMs), new HostProbe(10, servicesAloneMs),
                new HostProbe(10, togetherMs));
    }

    @Test
    void eachPhaseIsTakenToTheReferenceByItsOwnProbe() {
        // training alone on a host whose step took 50 ms: at 40 ms it trains 50/40 as fast, 100 -> 125 samples/s;
        // the services alone at 32 ms: their 4 ms take 40/32 as long, 5 ms; together at 40 ms: unchanged
        Measurement m = new Measurement(A, 100, 60, 4, 10).withHosts(hosts(50, 32, 40));
        Measurement at = m.atHost(40);
        assertEquals(125, at.trainAloneSamplesPerSec(), 1e-12);
        assertEquals(60, at.trainColocatedSamplesPerSec(), 1e-12);
        assertEquals(5, at.serviceAloneMeanMs(), 1e-12);
        assertEquals(10, at.serviceColocatedMeanMs(), 1e-12);
        // the slowdowns now compare one host: 10 / 5 = 2 (2.5 as measured), 125 / 60 (100 / 60)
        assertEquals(2, at.serviceSlowdown(), 1e-12);
        assertEquals(125.0 / 60, at.trainingSlowdown(), 1e-12);
        assertEquals(m.hosts(), at.hosts());
        assertThrows(IllegalArgumentException.class, () -> m.atHost(0));
    }

    @Test
    void aMeasurementWithAnUnprobedPhaseIsLeftAsMeasured() {
        Measurement none = new Measurement(A, 100, 60, 4, 10);
        assertSame(none, none.atHost(40));
        Measurement partly = none.withHosts(new PhaseHosts(new HostProbe(3, 50), HostProbe.NONE, new HostProbe(3, 40)));
        assertSame(partly, partly.atHost(40));
        assertFalse(partly.hosts().measured());
        assertEquals(Optional.empty(), HostNormalised.reference(List.of(new ProfiledDevice.MeasuredPoint(partly,
                false))));
    }

    @Test
    void theReferenceIsTheMeanStepOverEveryPhaseOfEveryMeasurement() {
        // first: 10 steps each of 50, 32, 40 ms; its repeat: 10 each of 44 ms; the other point: 20 steps of 30 ms in
        // each phase: (10 x (50 + 32 + 40) + 30 x 44 + 60 x 30) / 120 = (1220 + 1320 + 1800) / 120 = 36.1666...
        ProfiledDevice.MeasuredPoint a = new ProfiledDevice.MeasuredPoint(
                new Measurement(A, 100, 60, 4, 10).withHosts(hosts(50, 32, 40)), true,
                List.of(new Measurement(A, 100, 60, 4, 10).withHosts(hosts(44, 44, 44))));
        PhaseHosts twenty = new PhaseHosts(new HostProbe(20, 30), new HostProbe(20, 30), new HostProbe(20, 30));
        ProfiledDevice.MeasuredPoint b = new ProfiledDevice.MeasuredPoint(
                new Measurement(new DesignPoint(32, 10), 200, 150, 4, 6).withHosts(twenty), false);
        HostProbe ref = HostNormalised.reference(List.of(a, b)).orElseThrow();
        assertEquals(120, ref.probes());
        assertEquals(4340.0 / 120, ref.cpuMsMean(), 1e-12);
    }

    @Test
    void theMeanOfProbedMeasurementsPoolsEachPhasesSteps() {
        Measurement mean = Measurement.mean(List.of(new Measurement(A, 100, 60, 4, 10).withHosts(hosts(50, 32, 40)),
                new Measurement(A, 100, 60, 4, 10).withHosts(
                        new PhaseHosts(new HostProbe(30, 30), new HostProbe(10, 36), new HostProbe(10, 40)))));
        // training alone: (10 x 50 + 30 x 30) / 40 = 35 over 40 steps; services: 34 over 20; together 40 over 20
        assertEquals(new PhaseHosts(new HostProbe(40, 35), new HostProbe(20, 34), new HostProbe(20, 40)),
                mean.hosts());
    }

    /** The host's step in ms for phase {@code k} of point {@code i}: from 30 to 54 ms, a different one each. */
    private static double stepMs(int i, int k) {
        return 30 + (7 * i + 11 * k) % 25;
    }

    /**
     * {@link InterferenceFitTest}'s truth measured on a host whose step takes 40 ms, each phase of each point then
     * on a host of its own ({@link #stepMs}): a phase's throughput times 40 / its step, its service time times its
     * step / 40, and its probe steps recording that.
     */
    private static List<ProfiledDevice.MeasuredPoint> designOnMovingHosts() {
        List<ProfiledDevice.MeasuredPoint> design = new ArrayList<>();
        List<DesignPoint> points = DesignPlan.factorial(InterferenceFitTest.BATCHES, InterferenceFitTest.RATES, 0, 1)
                .points();
        for (int i = 0; i < points.size(); i++) {
            Measurement truth = InterferenceFitTest.measured(points.get(i), new double[3]);
            double trainAlone = stepMs(i, 0);
            double servicesAlone = stepMs(i, 1);
            double together = stepMs(i, 2);
            Measurement onHosts = new Measurement(truth.point(), truth.trainAloneSamplesPerSec() * 40 / trainAlone,
                    truth.trainColocatedSamplesPerSec() * 40 / together,
                    truth.serviceAloneMeanMs() * servicesAlone / 40, truth.serviceColocatedMeanMs() * together / 40)
                    .withHosts(hosts(trainAlone, servicesAlone, together));
            design.add(new ProfiledDevice.MeasuredPoint(onHosts, i % 4 == 3));
        }
        return design;
    }

    @Test
    void theFitAtOneHostRecoversTheTruthThatTheMovingHostsHid() {
        List<ProfiledDevice.MeasuredPoint> design = designOnMovingHosts();
        double ref = HostNormalised.reference(design).orElseThrow().cpuMsMean();
        HeldOutErrors.Fitted fitted = HostNormalised.fit(HostNormalised.design(design).orElseThrow()).orElseThrow();
        InterferenceModel m = fitted.model();
        // the slowdowns are ratios of one host's figures: the truth's, with the utilisations (rate x a service time)
        // on the reference host, ref / 40 of the truth's: phi's slope on them 40 / ref of the truth's, and 1 - 1/s,
        // the slope of 1 - 1/S on the busy share, too
        assertEquals(InterferenceFitTest.A0, m.serviceIntercept(), 1e-9);
        assertEquals(InterferenceFitTest.A1, m.servicePerBatch(), 1e-11);
        assertEquals(InterferenceFitTest.A2 * 40 / ref, m.servicePerUtilisation(), 1e-9);
        assertEquals(1 / (1 - 40 / ref * (1 - 1 / InterferenceFitTest.S)), m.trainingSlowdownWhileServing(), 1e-9);
        // the iteration at the reference host: the truth's at 40 ms times ref / 40
        assertEquals(InterferenceFitTest.BASE * ref / 40, m.iterationBaseSec(), 1e-12);
        assertEquals(InterferenceFitTest.PER_SAMPLE * ref / 40, m.iterationPerSampleSec(), 1e-12);
        HeldOutErrors e = HeldOutErrors.pooled(List.of(fitted));
        assertEquals(5, e.trainSamplesPerSec().points());
        assertEquals(0, e.trainSamplesPerSec().max(), 1e-9);
        assertEquals(0, e.serviceSlowdown().max(), 1e-9);
        assertEquals(0, e.trainingSlowdown().max(), 1e-9);
        // as measured, the same design's held-out errors are not small: the hosts moved by up to 54 / 30
        List<Measurement> fittedRaw = design.stream().filter(p -> !p.heldOut()).map(p -> p.measurement()).toList();
        HeldOutErrors raw = HeldOutErrors.of(InterferenceFit.fit(fittedRaw), HeldOutErrors.heldOutPoints(design));
        assertTrue(raw.serviceSlowdown().max() > 0.05, raw.toString());
        assertTrue(raw.trainSamplesPerSec().max() > 0.05, raw.toString());
    }

    @Test
    void theRepeatsOfAPointAtOneHostDifferByWhatTheHostDidNotExplain() {
        // measured twice: the second time every phase ran on a host 1.25x slower (50 against 40 ms) and its figures
        // moved by exactly that, except the services alone, which also took 10 % longer of their own
        Measurement first = new Measurement(A, 100, 60, 4, 10).withHosts(hosts(40, 40, 40));
        Measurement again = new Measurement(A, 80, 48, 5.5, 12.5).withHosts(hosts(50, 50, 50));
        List<ProfiledDevice.MeasuredPoint> design = List.of(
                new ProfiledDevice.MeasuredPoint(first, true, List.of(again)));
        RepeatSpread raw = RepeatSpread.of(design);
        RepeatSpread atHost = RepeatSpread.of(HostNormalised.design(design).orElseThrow());
        assertEquals(0.2, raw.trainSamplesPerSec().max(), 1e-12);          // 80 against 100
        assertEquals(0, atHost.trainSamplesPerSec().max(), 1e-12);         // 80 x 50/40 = 100
        assertEquals(0, atHost.trainColocatedSamplesPerSec().max(), 1e-12); // 48 x 50/40 = 60
        assertEquals(0, atHost.serviceColocatedMeanMs().max(), 1e-12);     // 12.5 x 40/50 = 10
        // service slowdown: 2.5 first; again 10 / 4.4 = 2.2727 at one host (12.5 / 5.5 as measured, the same ratio)
        assertEquals(1 - (10 / 4.4) / 2.5, atHost.serviceSlowdown().max(), 1e-12);
    }
}

package io.deepedge.experiments.cli;

import io.deepedge.models.ColocationTerms;
import io.deepedge.models.HostProbe;
import io.deepedge.models.Link;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ComputeCpu;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.PhaseHosts;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.models.profile.ServiceProfile;
import io.deepedge.sim.ColocationPrediction;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quota model's errors on a profile's co-located design points, against figures worked out on paper. */
class QuotaModelCheckTest {
    private static final ErrorSummary NO_ERRORS = new ErrorSummary(0, 0, 0);

    /**
     * A device measured at 0.5 CPU training 1,000 samples/s at every batch, whose service's worker spends 10 ms of CPU
     * per request (capacity 20 ms at 0.5 CPU: one core while serving). At 1,000 req/s the service is always busy,
     * so training and the service share each period's 50 ms: training runs at 500 samples/s and the service's
     * times add up to the elapsed time, 100 ms per 2.5 requests, 40 ms each. The "measured" figures below are
     * 400 samples/s and 50 ms at one point (errors 20 %, 25 %), 450 samples/s and 42 ms at the other (10 %, 5 %).
     */
    private static ProfiledDevice device(double periodMs, int hostCores) {
        InterferenceModel model = new InterferenceModel(0, 0.001, 2, 0, 0, 2);
        List<ProfiledDevice.MeasuredPoint> design = List.of(
                new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(32, 1000), 1000, 400, 10, 50), false),
                new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(64, 1000), 1000, 450, 10, 42), true));
        ProfiledDevice d = new ProfiledDevice("d", 0.5, 4096, 0, 0, 0, List.of(32, 64), model,
                new HeldOutErrors(NO_ERRORS, NO_ERRORS, NO_ERRORS),
                List.of(new ServiceProfile("lc", "spin:10", 12, 0.5, 100, 20, 10, 0)), design);
        return periodMs > 0 ? d.underCpuQuota(periodMs, hostCores) : d;
    }

    @Test
    void everyCoLocatedPointIsPredictedFromTheStandaloneFiguresAndTheQuota() {
        QuotaModelErrors e = QuotaModelCheck.checked(device(100, 2), false, Map.of("lc", 1.0), TrainingMemory.NONE,
                new Link(1000, 0), 7).errors();
        // training: |500 - 400| / 400 = 0.25, |500 - 450| / 450 = 0.111; service: |40 - 50| / 50 = 0.2, 2 / 42 = 0.048
        assertEquals(2, e.trainColocatedSamplesPerSec().points());
        assertEquals((0.25 + 50.0 / 450) / 2, e.trainColocatedSamplesPerSec().median(), 0.01);
        assertEquals(0.25, e.trainColocatedSamplesPerSec().max(), 0.01);
        assertEquals((0.2 + 2.0 / 42) / 2, e.serviceColocatedMeanMs().median(), 0.01);
        assertEquals(0.2, e.serviceColocatedMeanMs().max(), 0.01);
        // neither point measured training's CPU a sample: nothing to compare
        assertFalse(e.cpuRatioEvaluated());
    }

    @Test
    void theCheckComparesTrainingsCpuASampleBesideOverAloneWhereAPointMeasuredIt() {
        // the first point measured 0.5 ms a sample alone and 0.6 beside the service: x1.2. The twin without terms
        // spends 0.5 ms a sample alone (0.5 CPU seconds a second over its 1,000 samples) and beside a request alike
        // (training at full speed while serving): x1.0, |1.0 - 1.2| / 1.2 = 1/6. The second point did not measure it
        ProfiledDevice d = device(100, 2);
        Measurement first = d.design().get(0).measurement();
        ProfiledDevice measured = withFirst(d, first.withComputeCpu(new ComputeCpu(0.5, 0.6)), true);
        QuotaModelErrors e = QuotaModelCheck.checked(measured, false, SHARES, TrainingMemory.NONE, LINK, 7).errors();
        assertEquals(1, e.trainCpuRatio().points());
        assertEquals(1.0 / 6, e.trainCpuRatio().median(), 1e-6);
        assertEquals(2, e.trainColocatedSamplesPerSec().points());
    }

    /** Eight design points from a mostly idle to an always busy service, the last two held out. */
    private static final int[] BATCHES = {32, 64, 32, 64, 32, 64, 32, 64};
    private static final double[] RATES = {5, 15, 25, 35, 45, 60, 20, 40};
    private static final Map<String, Double> SHARES = Map.of("lc", 1.0);
    private static final Link LINK = new Link(1000, 0);

    /** The device above at {@link #BATCHES} and {@link #RATES} (figures yet to be predicted), with {@code known}. */
    private static ProfiledDevice truth(ColocationTerms known) {
        List<ProfiledDevice.MeasuredPoint> design = new java.util.ArrayList<>();
        for (int i = 0; i < RATES.length; i++) {
            design.add(new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(BATCHES[i], RATES[i]), 1000,
                    1000, 10, 10), i >= 6));
        }
        return withDesign(device(100, 2), design).withColocation(known);
    }

    @Test
    void theCoLocationTermsAreRecoveredFromPointsTheTwinMeasuredWithThem() {
        // synthetic measurements: each design point's co-located figures as the twin gives them with known terms
        // (0.7, 0.8), at rates from a mostly idle to an always busy service; the fit on the six points not held out
        // finds exactly those terms (a grid point, the same seeds), and the check then covers the two held out
        ColocationTerms known = new ColocationTerms(0.7, 0.8);
        Map<String, Double> shares = Map.of("lc", 1.0);
        Link link = new Link(1000, 0);
        ProfiledDevice truth = truth(known);
        List<ProfiledDevice.MeasuredPoint> measured = new java.util.ArrayList<>();
        for (int i = 0; i < RATES.length; i++) {
            ColocationPrediction p = QuotaModelCheck.predict(truth, i, shares, TrainingMemory.NONE, link, 7);
            measured.add(new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(BATCHES[i], RATES[i]), 1000,
                    p.trainSamplesPerSec(), 10, p.serviceMeanMs()), i >= 6));
        }
        ProfiledDevice d = withDesign(device(100, 2), measured);
        assertEquals(known, QuotaModelCheck.fit(d, shares, TrainingMemory.NONE, link, 7));
        // without terms the model misses the held-out points (training runs faster than measured); with them they fit
        assertTrue(QuotaModelCheck.checked(d, true, shares, TrainingMemory.NONE, link, 7).errors()
                .trainColocatedSamplesPerSec().median() > 0.01);
        QuotaModelErrors fitted = QuotaModelCheck.checked(d.withColocation(known), true, shares, TrainingMemory.NONE,
                link, 7).errors();
        assertEquals(2, fitted.trainColocatedSamplesPerSec().points());
        assertEquals(0, fitted.trainColocatedSamplesPerSec().max(), 1e-12);
        // fewer than two points to fit: no terms
        assertEquals(ColocationTerms.NONE, QuotaModelCheck.fit(device(100, 2), shares, TrainingMemory.NONE, link, 7));
    }

    @Test
    void trainingsSpeedBesideARequestIsFittedOnItsComputeCpuASampleNotOnItsThroughput() {
        // synthetic measurements as above with the terms (0.8, 0.85), each point also with training's compute CPU a
        // sample alone and beside the service as the twin spends it (beside: 1 / 0.85 of alone's while a request is in
        // service). The fit finds both terms exactly (grid values, the same seeds)
        ColocationTerms known = new ColocationTerms(0.8, 0.85);
        ProfiledDevice truth = truth(known);
        List<ProfiledDevice.MeasuredPoint> measured = new java.util.ArrayList<>();
        List<ProfiledDevice.MeasuredPoint> lessShare = new java.util.ArrayList<>();
        List<ProfiledDevice.MeasuredPoint> lessShareNoCpu = new java.util.ArrayList<>();
        for (int i = 0; i < RATES.length; i++) {
            double aloneMs = QuotaModelCheck.predictAlone(truth, i, TrainingMemory.NONE, LINK, 7).trainCpuMsPerSample();
            assertEquals(0.5, aloneMs, 1e-6); // 0.5 CPU seconds a second over 1,000 samples
            ColocationPrediction p = QuotaModelCheck.predict(truth, i, SHARES, TrainingMemory.NONE, LINK, 7);
            DesignPoint point = new DesignPoint(BATCHES[i], RATES[i]);
            ComputeCpu cpu = new ComputeCpu(aloneMs, p.trainCpuMsPerSample());
            measured.add(new ProfiledDevice.MeasuredPoint(new Measurement(point, 1000, p.trainSamplesPerSec(), 10,
                    p.serviceMeanMs()).withComputeCpu(cpu), i >= 6));
            // training given 0.9 of the throughput beside the service, as if it got less of the budget than the
            // quota model says (what trainingCoresWhileServing holds), its CPU a sample as before
            Measurement less = new Measurement(point, 1000, 0.9 * p.trainSamplesPerSec(), 10, p.serviceMeanMs());
            lessShare.add(new ProfiledDevice.MeasuredPoint(less.withComputeCpu(cpu), i >= 6));
            lessShareNoCpu.add(new ProfiledDevice.MeasuredPoint(less, i >= 6));
        }
        assertTrue(measured.get(5).measurement().computeCpu().colocatedOverAlone() > 1.05, measured.toString());
        assertEquals(known, QuotaModelCheck.fit(withDesign(device(100, 2), measured), SHARES, TrainingMemory.NONE,
                LINK, 7));
        // the share does not move the speed the CPU a sample gives; fitted on the throughput alone (points without
        // it, files written before), the speed makes up for the share: below the truth
        assertEquals(known, QuotaModelCheck.fit(withDesign(device(100, 2), lessShare), SHARES, TrainingMemory.NONE,
                LINK, 7));
        assertTrue(QuotaModelCheck.fit(withDesign(device(100, 2), lessShareNoCpu), SHARES, TrainingMemory.NONE, LINK,
                7).trainingSpeedWhileServing() < known.trainingSpeedWhileServing());
        // the held-out check: the CPU ratio of both held-out points exactly as measured with the known terms, and off
        // without them (the twin's training at full speed beside a request: x1.0 against the measured x1.05 and more)
        QuotaModelErrors check = QuotaModelCheck.checked(withDesign(device(100, 2), measured).withColocation(known),
                true, SHARES, TrainingMemory.NONE, LINK, 7).errors();
        assertEquals(2, check.trainCpuRatio().points());
        assertEquals(0, check.trainCpuRatio().max(), 1e-12);
        assertTrue(QuotaModelCheck.checked(withDesign(device(100, 2), measured), true, SHARES, TrainingMemory.NONE,
                LINK, 7).errors().trainCpuRatio().median() > 0.01);
    }

    @Test
    void theLossAddsEachFiguresSquaredLogRatiosAndTheCpuRatioWhereMeasured() {
        // throughput ln(500/400)^2 = 0.049793; service ln(40/50)^2 = 0.049793; CPU ratio ln(1.2/1.1)^2 = 0.0075705
        QuotaModelCheck.Comparison c = new QuotaModelCheck.Comparison(List.of(500.0), List.of(400.0), List.of(40.0),
                List.of(50.0), List.of(1.2), List.of(1.1));
        double throughput = Math.pow(Math.log(1.25), 2);
        double service = Math.pow(Math.log(0.8), 2);
        double cpu = Math.pow(Math.log(1.2 / 1.1), 2);
        assertEquals(throughput + service + cpu, c.squaredLogLoss(), 1e-12);
        assertEquals(service + cpu, c.squaredLogLossWithoutThroughput(), 1e-12);
        assertTrue(c.cpuMeasured());
        assertFalse(QuotaModelCheck.Comparison.empty().cpuMeasured());
    }

    @Test
    void theTwinsLatencyBesideTrainingIsComparedOnThePointsThatMeasuredOne() {
        // The device above at 1,000 req/s: the service gets 2.5 requests per 100 ms period beside training, 25/s,
        // against 1,000 arriving for a 10 s phase. The twin follows the phase for 30 s: the first 750 requests are
        // answered (the k-th after k/25 - k/1000 s), the other 9,250 counted at 30 s - their arrival (after 0.75 s).
        // The share above x s: (29.25 - x)/10 + (750 - x/0.039)/10,000, which is 0.5 at x = 24.38 s and 0.01 at
        // x = 29.15 s. The point measured without a latency (the second) is left out.
        ProfiledDevice d = device(100, 2);
        Measurement first = d.design().get(0).measurement();
        ProfiledDevice measured = withFirst(d, new Measurement(first.point(), 1000, 400, 10, 50,
                new ColocatedLatency(10, 20_000, 29_000)), true);
        QuotaModelCheck.LatencyComparison c = QuotaModelCheck.latency(measured, Map.of("lc", 1.0),
                TrainingMemory.NONE, new Link(1000, 0), 7);
        QuotaModelCheck.PointLatency p = onlyCheck(c, first, new ColocatedLatency(10, 20_000, 29_000));
        assertEquals(24_375, p.predicted().medianMs(), 24_375 * 0.01);
        assertEquals(29_153, p.predicted().p99Ms(), 29_153 * 0.005);
        assertEquals(Math.abs(p.predicted().medianMs() - 20_000) / 20_000, c.medianErrors().median(), 1e-12);
        assertEquals(1, c.p99Errors().points());
        // without a quota there is nothing to check, as for the means
        assertTrue(QuotaModelCheck.latency(withDesign(device(0, 0), measured.design()), Map.of("lc", 1.0),
                TrainingMemory.NONE, new Link(1000, 0), 7).isEmpty());
    }

    @Test
    void theTwinsLatencyWithTheServicesAloneIsComparedOnEveryPointThatMeasuredOne() {
        // The device above at 1,000 req/s with no training: the service has the whole 50 ms budget of each period at
        // one core, 5 requests of 10 ms, 50/s, against 1,000 arriving for a 10 s phase. The twin follows the phase
        // for 30 s: the first 1,500 requests are answered (the k-th after k/50 - k/1000 s), the other 8,500 counted
        // at 30 s - their arrival (20-28.5 s). The share above x s: (1,500 - x/0.019 + 28,500 - 1,000 x)/10,000,
        // which is 0.5 at x = 23.75 s and 0.01 at x = 28.40 s (beside training, half the budget: 24.4 and 29.2 s,
        // the test above). Every point that measured the latency counts, held out or not: no fit uses it.
        ProfiledDevice d = device(100, 2);
        Measurement first = d.design().get(0).measurement();
        ProfiledDevice measured = withFirst(d, first.withLatencyAlone(new ColocatedLatency(10, 20_000, 25_000)), false);
        QuotaModelCheck.LatencyComparison c = QuotaModelCheck.latencyAlone(measured, Map.of("lc", 1.0),
                TrainingMemory.NONE, new Link(1000, 0), 7);
        QuotaModelCheck.PointLatency p = onlyCheck(c, first, new ColocatedLatency(10, 20_000, 25_000));
        assertEquals(23_750, p.predicted().medianMs(), 23_750 * 0.01);
        assertEquals(28_405, p.predicted().p99Ms(), 28_405 * 0.005);
        assertEquals(Math.abs(p.predicted().p99Ms() - 25_000) / 25_000, c.p99Errors().median(), 1e-12);
        // the co-located check has no point here (none measured beside training), and without a quota neither has
        assertTrue(QuotaModelCheck.latency(measured, Map.of("lc", 1.0), TrainingMemory.NONE,
                new Link(1000, 0), 7).isEmpty());
        assertTrue(QuotaModelCheck.latencyAlone(withDesign(device(0, 0), measured.design()), Map.of("lc", 1.0),
                TrainingMemory.NONE, new Link(1000, 0), 7).isEmpty());
    }

    @Test
    void eachPhaseIsPredictedOnTheHostItRanOn() {
        // The device above at 1,000 req/s, its first point's services-alone and co-located phases measured on a host
        // twice as fast as the design's mean (probe steps of 10 ms against 20: that point's phases 40, 10 and 10 ms,
        // the second point's 20 each). A CPU second there does twice the work: beside training each still gets 25 ms
        // of the 50 ms budget a period, but a request needs 5 ms of it and a sample half its CPU, so training runs at
        // 1,000 samples/s and the service does 5 requests a period, 20 ms each (500 and 40 ms on the mean host); at 50
        // requests/s it answers the 10 s phase as the lone service did on the mean host above (median 23.75 s, p99
        // 28.40 s). Alone it has the whole budget at 5 ms a request, 100/s: the first 3,000 requests answered (the
        // k-th after 0.009 k s), the other 7,000 at 30 s - their arrival (20-27 s); the share above x,
        // (3,000 - x/0.009 + 27,000 - 1,000 x)/10,000, is 0.5 at x = 22.50 s and 0.01 at 26.91 s.
        ProfiledDevice d = device(100, 2);
        ColocatedLatency measured = new ColocatedLatency(10, 20_000, 25_000);
        Measurement first = d.design().get(0).measurement();
        ProfiledDevice probed = withDesign(d, List.of(
                new ProfiledDevice.MeasuredPoint(new Measurement(first.point(), 1000, 400, 10, 50, measured,
                        phases(40, 10, 10), measured), true),
                new ProfiledDevice.MeasuredPoint(d.design().get(1).measurement().withHosts(phases(20, 20, 20)), true)));
        Map<String, Double> shares = Map.of("lc", 1.0);
        Link link = new Link(1000, 0);
        assertEquals(2, QuotaModelCheck.phaseHostSpeed(probed,
                probed.design().get(0).measurement().hosts().together()));
        ColocationPrediction p = QuotaModelCheck.predict(probed, 0, shares, TrainingMemory.NONE, link, 7);
        assertEquals(1000, p.trainSamplesPerSec(), 1000 * 0.01);
        assertEquals(20, p.serviceMeanMs(), 20 * 0.01);
        ColocationPrediction atMean = QuotaModelCheck.predict(probed, 1, shares, TrainingMemory.NONE, link, 7);
        assertEquals(500, atMean.trainSamplesPerSec(), 500 * 0.01);
        assertEquals(40, atMean.serviceMeanMs(), 40 * 0.01);
        ColocatedLatency beside = QuotaModelCheck.predictLatency(probed, 0, shares, TrainingMemory.NONE, link, 7);
        assertEquals(23_750, beside.medianMs(), 23_750 * 0.01);
        assertEquals(28_405, beside.p99Ms(), 28_405 * 0.005);
        ColocatedLatency alone = onlyCheck(QuotaModelCheck.latencyAlone(probed, shares, TrainingMemory.NONE, link, 7),
                first, measured).predicted();
        assertEquals(22_500, alone.medianMs(), 22_500 * 0.01);
        assertEquals(26_910, alone.p99Ms(), 26_910 * 0.005);
        // a design with a point not probed has no mean host to refer to: every point at the profile's own figures,
        // the probed one too
        ProfiledDevice unprobed = withDesign(probed, List.of(d.design().get(0), probed.design().get(0)));
        assertTrue(Double.isNaN(QuotaModelCheck.phaseHostSpeed(unprobed,
                unprobed.design().get(1).measurement().hosts().together())));
        assertEquals(500, QuotaModelCheck.predict(unprobed, 1, shares, TrainingMemory.NONE, link, 7)
                .trainSamplesPerSec(), 500 * 0.01);
    }

    /** One probe step in each phase: {@code trainAloneMs}, {@code servicesAloneMs}, {@code togetherMs}. */
    private static PhaseHosts phases(double trainAloneMs, double servicesAloneMs, double togetherMs) {
        return new PhaseHosts(new HostProbe(1, trainAloneMs), new HostProbe(1, servicesAloneMs),
                new HostProbe(1, togetherMs));
    }

    /** {@code d} with its first point measured as {@code first} ({@code heldOut} or not), its second as it is. */
    private static ProfiledDevice withFirst(ProfiledDevice d, Measurement first, boolean heldOut) {
        return withDesign(d, List.of(new ProfiledDevice.MeasuredPoint(first, heldOut), d.design().get(1)));
    }

    /** {@code c}'s one point, checked to be {@code first}'s, counted as a check and measured as {@code measured}. */
    private static QuotaModelCheck.PointLatency onlyCheck(QuotaModelCheck.LatencyComparison c, Measurement first,
                                                          ColocatedLatency measured) {
        assertEquals(1, c.points().size());
        QuotaModelCheck.PointLatency p = c.points().get(0);
        assertEquals(first.point(), p.point());
        assertTrue(p.heldOut());
        assertEquals(measured, p.measured());
        return p;
    }

    @Test
    void trainingsShareOfACoreBesideARequestIsRecoveredFromTheLatencyTheTwinMeasuredWithIt() {
        // synthetic measurements as the twin gives them with training on 0.65 of a core beside a request (the other
        // terms 1): means and median latency over 10 s phases at rates from mostly idle to near what the service
        // keeps up with beside training. Given the other terms, the grid over the fitted points finds 0.65 (and the
        // cold request's speed at 1) exactly (grid values, the same seeds); without the latencies (a file written
        // before they were measured) it is left at 1, and the means alone would not say
        ColocationTerms known = new ColocationTerms(1, 1, 0.65);
        Map<String, Double> shares = Map.of("lc", 1.0);
        Link link = new Link(1000, 0);
        List<ProfiledDevice.MeasuredPoint> measured = measuredWith(known, true);
        List<ProfiledDevice.MeasuredPoint> untimed = measuredWith(known, false);
        List<Integer> fitted = List.of(0, 1, 2, 3);
        assertEquals(known, QuotaModelCheck.withLatencyTerms(withDesign(device(100, 2), measured),
                new ColocationTerms(1, 1), fitted, shares, TrainingMemory.NONE, link, 7));
        assertEquals(new ColocationTerms(1, 1), QuotaModelCheck.withLatencyTerms(withDesign(device(100, 2), untimed),
                new ColocationTerms(1, 1), fitted, shares, TrainingMemory.NONE, link, 7));
        // the held-out points' latency is then the check's: the twin with the recovered terms gives it back exactly
        ProfiledDevice fit = withDesign(device(100, 2), measured).withColocation(known);
        QuotaModelCheck.LatencyComparison c = QuotaModelCheck.latency(fit, shares, TrainingMemory.NONE, link, 7);
        assertEquals(6, c.points().size());
        assertEquals(2, c.medianErrors().points());
        assertEquals(0, c.medianErrors().max(), 1e-12);
    }

    @Test
    void aColdRequestsSpeedAndTrainingsShareOfACoreAreRecoveredTogether() {
        // as above, with the twin's requests that find the service idle beside training at 0.7 of their speed (10 ms
        // of work become 14.3): at the low rates nearly every request starts cold, at the high ones few do, so the
        // means and latencies of points from mostly idle to busy tell the two terms apart. The grid of both finds
        // them exactly (grid values, the same seeds); scanned one after the other they stopped at (0.75, 0.8)
        ColocationTerms known = new ColocationTerms(1, 1, 0.65, 1, 0.7);
        Map<String, Double> shares = Map.of("lc", 1.0);
        Link link = new Link(1000, 0);
        List<ProfiledDevice.MeasuredPoint> measured = measuredWith(known, true);
        ProfiledDevice d = withDesign(device(100, 2), measured);
        assertEquals(known, QuotaModelCheck.withLatencyTerms(d, new ColocationTerms(1, 1), List.of(0, 1, 2, 3), shares,
                TrainingMemory.NONE, link, 7));
        // at the lowest rate the cold requests make the measured mean service over 1.2 times the twin's without them
        ColocationPrediction warm = QuotaModelCheck.predict(d.withColocation(known.withColdRequestSpeed(1)), 0, shares,
                TrainingMemory.NONE, link, 7);
        assertTrue(measured.get(0).measurement().serviceColocatedMeanMs() > 1.2 * warm.serviceMeanMs());
    }

    /**
     * Six design points, rates 5-22 req/s from a mostly idle service to near what it keeps up with beside training,
     * the last two held out, each with the co-located means (and, when {@code timed}, the median latency over 10 s
     * phases) the twin gives with the terms {@code known}: synthetic measurements of known truth.
     */
    private static List<ProfiledDevice.MeasuredPoint> measuredWith(ColocationTerms known, boolean timed) {
        int[] batches = {32, 64, 32, 64, 32, 64};
        double[] rates = {5, 12, 18, 22, 8, 16};
        List<ProfiledDevice.MeasuredPoint> design = new java.util.ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            design.add(new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(batches[i], rates[i]), 1000,
                    1000, 10, 10, new ColocatedLatency(10, 1, 1)), i >= 4));
        }
        ProfiledDevice truth = withDesign(device(100, 2), design).withColocation(known);
        Map<String, Double> shares = Map.of("lc", 1.0);
        Link link = new Link(1000, 0);
        List<ProfiledDevice.MeasuredPoint> measured = new java.util.ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            ColocationPrediction p = QuotaModelCheck.predict(truth, i, shares, TrainingMemory.NONE, link, 7);
            DesignPoint point = new DesignPoint(batches[i], rates[i]);
            Measurement m = timed ? new Measurement(point, 1000, p.trainSamplesPerSec(), 10, p.serviceMeanMs(),
                    QuotaModelCheck.predictLatency(truth, i, shares, TrainingMemory.NONE, link, 7))
                    : new Measurement(point, 1000, p.trainSamplesPerSec(), 10, p.serviceMeanMs());
            measured.add(new ProfiledDevice.MeasuredPoint(m, i >= 4));
        }
        return measured;
    }

    private static ProfiledDevice withDesign(ProfiledDevice d, List<ProfiledDevice.MeasuredPoint> design) {
        return new ProfiledDevice(d.name(), d.cpus(), d.memoryMiB(), d.lcHopMs(), d.roundOverheadMs(),
                d.shardLoadMsPerSample(), d.batches(), d.model(), d.heldOutErrors(), d.services(), design,
                d.cfsPeriodMs(), d.hostCores());
    }

    @Test
    void theDevicesPointsPoolIntoOneMedianOverAllOfThem() {
        // the same device's two points as above (training errors 0.25 and 0.111, service 0.2 and 0.048), and a second
        // one's two, measured at 550 and 520 samples/s (|500 - 550| / 550 = 0.0909, 20 / 520 = 0.0385) and 20 and 25
        // ms (20 / 20 = 1.0, 15 / 25 = 0.6) where the model gives 500 samples/s and 40 ms at every point
        Map<String, Double> shares = Map.of("lc", 1.0);
        Link link = new Link(1000, 0);
        ProfiledDevice second = withDesign(device(100, 2), List.of(
                new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(32, 1000), 1000, 550, 10, 20), true),
                new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(64, 1000), 1000, 520, 10, 25), true)));
        QuotaModelCheck.Comparison a = QuotaModelCheck.checked(device(100, 2), false, shares, TrainingMemory.NONE,
                link, 7);
        QuotaModelCheck.Comparison b = QuotaModelCheck.checked(second, true, shares, TrainingMemory.NONE, link, 7);
        QuotaModelErrors pooled = QuotaModelCheck.Comparison.pooled(List.of(a, b)).errors();
        // training {0.0385, 0.0909, 0.111, 0.25}: median (0.0909 + 0.111) / 2 = 0.101, where the devices' own
        // medians are 0.181 and 0.065 (their mean 0.123); service {0.048, 0.2, 0.6, 1.0}: median 0.4, the devices'
        // 0.124 and 0.8 (mean 0.462)
        assertEquals(4, pooled.trainColocatedSamplesPerSec().points());
        assertEquals((50.0 / 550 + 50.0 / 450) / 2, pooled.trainColocatedSamplesPerSec().median(), 0.01);
        assertEquals(0.25, pooled.trainColocatedSamplesPerSec().max(), 0.01);
        assertEquals(4, pooled.serviceColocatedMeanMs().points());
        assertEquals((0.2 + 0.6) / 2, pooled.serviceColocatedMeanMs().median(), 0.01);
        assertEquals(1.0, pooled.serviceColocatedMeanMs().max(), 0.01);
        // a device without a quota adds nothing
        assertEquals(pooled, QuotaModelCheck.Comparison.pooled(List.of(a, b, QuotaModelCheck.checked(device(0, 0),
                false, shares, TrainingMemory.NONE, link, 7))).errors());
    }

    @Test
    void aDeviceMeasuredWithoutAQuotaIsNotChecked() {
        assertFalse(QuotaModelCheck.checked(device(0, 0), false, Map.of("lc", 1.0), TrainingMemory.NONE,
                new Link(1000, 0), 7).errors().evaluated());
    }
}

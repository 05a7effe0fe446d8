package io.deepedge.experiments.cli;

import io.deepedge.models.CfsCounts;
import io.deepedge.models.Link;
import io.deepedge.models.TrainingMemory;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.HeldOutErrors;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.ServiceProfile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The usable share of a CFS budget fitted to throttled periods: on counts that the twin itself produces at a known
 * share (0.8), the fit recovers it; counts the twin already exceeds at the whole budget leave the budget whole.
 */
class CfsFitTest {
    private static final ErrorSummary NO_ERRORS = new ErrorSummary(0, 0, 0);
    private static final Link LINK = new Link(1000, 0);
    private static final Map<String, Double> SHARES = Map.of("lc", 1.0);
    private static final long SEED = 11;

    /**
     * 0.5 CPU in 100 ms periods; the service's worker spends 10 ms of CPU per request (capacity 20 ms at 0.5 CPU: one
     * core while serving), Poisson at 20, 30, 35 and 40 req/s alone: 40-80 % of the budget, so some periods are
     * throttled at every rate. The 35 req/s point is held out.
     */
    private static ProfiledDevice device(List<CfsCounts> counts) {
        double[] rates = {20, 30, 35, 40};
        List<ProfiledDevice.MeasuredPoint> design = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            design.add(new ProfiledDevice.MeasuredPoint(new Measurement(new DesignPoint(32, rates[i]), 1000, 500, 10,
                    40), i == 2, counts.get(i)));
        }
        return new ProfiledDevice("d", 0.5, 4096, 0, 0, 0, List.of(32, 64), new InterferenceModel(0, 0.001, 2, 0, 0, 2),
                new HeldOutErrors(NO_ERRORS, NO_ERRORS, NO_ERRORS),
                List.of(new ServiceProfile("lc", "spin:10", 12, 0.5, 100, 20, 10, 0)), design).underCpuQuota(100, 2);
    }

    /** What the twin counts at {@code share} in each point's services-alone phase (the fit's own seeds). */
    private static List<CfsCounts> twinCounts(double share) {
        ProfiledDevice uncounted = device(List.of(none(), none(), none(), none()));
        List<CfsCounts> counts = new ArrayList<>();
        for (ProfiledDevice.MeasuredPoint p : uncounted.design()) {
            counts.add(CfsFit.twin(uncounted, share, List.of(p), SHARES, TrainingMemory.NONE, LINK, SEED));
        }
        return counts;
    }

    private static CfsCounts none() {
        return new CfsCounts(0, 0);
    }

    @Test
    void recoversTheShareTheCountsWereMadeWith() {
        List<CfsCounts> atEighty = twinCounts(0.8);
        CfsFit.Result fit = CfsFit.fit(device(atEighty), SHARES, TrainingMemory.NONE, LINK, SEED).orElseThrow();
        assertEquals(0.8, fit.usableShare(), 0.01, fit.toString());
        // the whole budget throttles less often than 0.8 of it: the fit had something to find
        assertTrue(fit.twinWhole().throttledShare() < fit.measured().throttledShare(), fit.toString());
        assertEquals(1, fit.heldOutErrors().size());
        assertTrue(fit.heldOutErrors().get(0) < 0.01, fit.toString());
    }

    @Test
    void countsTheWholeBudgetAlreadyExceedsLeaveItWhole() {
        List<CfsCounts> fewer = new ArrayList<>();
        for (CfsCounts c : twinCounts(1.0)) {
            fewer.add(new CfsCounts(c.periods(), c.throttled() / 2));
        }
        assertEquals(1.0, CfsFit.fit(device(fewer), SHARES, TrainingMemory.NONE, LINK, SEED).orElseThrow().usableShare());
    }

    @Test
    void withoutTheKernelsCountsThereIsNothingToFit() {
        assertTrue(CfsFit.fit(device(List.of(none(), none(), none(), none())), SHARES, TrainingMemory.NONE, LINK, SEED)
                .isEmpty());
    }
}

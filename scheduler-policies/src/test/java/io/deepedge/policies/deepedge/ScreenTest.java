package io.deepedge.policies.deepedge;

import io.deepedge.policies.Clusters;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.ServiceLoad;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A screen reused over a decision's passes answers every pass as a fresh screen would: the same candidates in
 * the same order and the same rejections, with reasons spelled out whenever asked (when not asked, a reason
 * spelled out before may stand for the bare kind), whatever it assessed before.
 */
class ScreenTest {
    @Test
    void reusedScreenAnswersEveryPassAsAFreshOne() {
        int compared = 0;
        for (long seed = 1; seed <= 150; seed++) {
            PlanningRequest request = Clusters.generate(seed, 12, seed % 3 == 0, seed % 2 == 0);
            for (Options options : List.of(Options.FULL, new Options(false, true))) {
                Screen reused = new Screen(request, options);
                PlanningRates.Peaks peaks = new PlanningRates.Peaks(request);
                List<ToDoubleFunction<ServiceLoad>> passes = List.of(PlanningRates.current(), peaks.over(600),
                        peaks.over(6_000), peaks.over(6_000), peaks.over(60_000), PlanningRates.current());
                boolean explain = false;
                for (ToDoubleFunction<ServiceLoad> rates : passes) {
                    for (boolean asked : new boolean[] {explain, true}) {
                        Candidates fresh = new Screen(request, options).at(rates, asked);
                        Candidates again = reused.at(rates, asked);
                        if (asked) {
                            assertEquals(fresh, again, "seed " + seed);
                        } else {
                            // a reason spelled out before may be kept where a bare kind would do
                            assertEquals(fresh.ranked(), again.ranked(), "seed " + seed);
                            assertEquals(kinds(fresh), kinds(again), "seed " + seed);
                        }
                        compared++;
                    }
                    explain = !explain;
                }
            }
        }
        assertEquals(150 * 2 * 6 * 2, compared);
    }

    private static List<String> kinds(Candidates c) {
        return c.rejections().stream().map(r -> r.device() + "=" + r.reason().split(":", 2)[0]).toList();
    }

    @Test
    void peaksOverAWindowAreTheForecastPeaksOfThatWindow() {
        for (long seed = 1; seed <= 100; seed++) {
            PlanningRequest request = Clusters.generate(seed, 12, false, false);
            PlanningRates.Peaks peaks = new PlanningRates.Peaks(request);
            for (double windowSec : new double[] {30, 600, 6_000, 600_000}) {
                ToDoubleFunction<ServiceLoad> once = peaks.over(windowSec);
                var forecaster = request.forecast().toForecaster();
                for (ServiceLoad load : request.services()) {
                    double expected = io.deepedge.models.forecast.PeakRate.over(forecaster, load.history(),
                            load.currentRatePerSec(), windowSec, load.intervalSec());
                    assertEquals(expected, once.applyAsDouble(load), "seed " + seed + " window " + windowSec);
                }
            }
        }
    }
}

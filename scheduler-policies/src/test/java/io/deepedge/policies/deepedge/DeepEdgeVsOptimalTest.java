package io.deepedge.policies.deepedge;

import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.TrainingJob;
import io.deepedge.models.TrainingMemory;
import io.deepedge.policies.Clusters;
import io.deepedge.policies.DeviceState;
import io.deepedge.policies.PlanningRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The prefix heuristic against the exhaustive optimum of the same model. */
class DeepEdgeVsOptimalTest {
    /**
     * The conditions under which the prefix search is exactly optimal: batch-independent throughput and
     * interference (so caps are all or nothing), no memory cap, data already local, and a synchronisation
     * cost that depends only on the set's size.
     */
    private static PlanningRequest withoutCaps(PlanningRequest r) {
        List<DeviceState> devices = r.devices().stream().map(d -> {
            DeviceProfile p = d.device().profile();
            DeviceProfile flat = new DeviceProfile(p.trainSamplesPerSec(), p.memoryMiB(), p.interference(),
                    TrainingMemory.NONE, List.of());
            return new DeviceState(new Device(d.name(), "", flat, d.device().link()), d.available());
        }).toList();
        TrainingJob j = r.job();
        TrainingJob local = new TrainingJob(j.model(), j.samples(), j.epochs(), j.batchSize(), j.parameterBytes(), 0,
                j.topology(), j.checkpointEverySec(), j.submitAtSec());
        return new PlanningRequest(0, devices, r.services(), local, r.serverLink(), r.trigger(), r.seed(), r.forecast());
    }

    private static double[] times(PlanningRequest request) {
        List<Candidate> ranked = Candidates.of(request, PlanningRates.current(), Options.FULL).ranked();
        double heuristic = DeepEdgePolicy.choose(ranked, request.job(), request.serverLink()).best().totalSec();
        double optimum = OptimalPolicy.bestSubset(ranked, request).totalSec();
        return new double[] {heuristic, optimum};
    }

    /** How the heuristic compared with the optimum over generated clusters with a feasible optimum. */
    private record Gaps(int compared, int optimal, double meanGap, double maxGap) {
        static Gaps over(java.util.function.LongFunction<PlanningRequest> requests) {
            int compared = 0;
            int optimal = 0;
            double sumGap = 0;
            double maxGap = 0;
            for (long seed = 1; seed <= 400; seed++) {
                double[] t = times(requests.apply(seed));
                if (!Double.isFinite(t[1])) {
                    continue;
                }
                assertTrue(t[0] >= t[1] * (1 - 1e-9), "heuristic below the optimum, seed " + seed);
                double gap = Double.isFinite(t[0]) ? t[0] / t[1] - 1 : Double.POSITIVE_INFINITY;
                compared++;
                optimal += gap < 1e-9 ? 1 : 0;
                sumGap += Math.min(gap, 10);
                maxGap = Math.max(maxGap, gap);
            }
            return new Gaps(compared, optimal, sumGap / compared, maxGap);
        }

        void print(String what) {
            System.out.printf(Locale.ROOT, "deep-edge vs optimal, %s: %d clusters, optimal in %d (%.1f %%),"
                    + " mean gap %.3f %%, max gap %.2f %%%n", what, compared, optimal, 100.0 * optimal / compared,
                    100 * meanGap, 100 * maxGap);
        }
    }

    /**
     * With uniform links and no caps the prefix search was exactly optimal for a model whose set cost
     * depended on the rates alone; the barrier term also depends on each device's LC variability, so the
     * optimum need not be a prefix of the throughput ranking. Figures quoted in README ("When it is optimal").
     */
    @Test
    void nearOptimalWithUniformLinksOnGeneratedClusters() {
        Gaps g = Gaps.over(seed -> withoutCaps(Clusters.generate(seed, 12, true, false)));
        g.print("uniform links");
        assertTrue(g.compared() > 300, "compared " + g.compared());
        assertTrue(g.optimal() >= 0.99 * g.compared(), "optimal in " + g.optimal());
        assertTrue(g.meanGap() <= 0.0001, "mean gap " + g.meanGap());
        assertTrue(g.maxGap() <= 0.0175, "max gap " + g.maxGap());
    }

    /** Figures quoted in README ("When it is optimal"). */
    @Test
    void neverBeatsOptimalWithHeterogeneousLinksAndCapsAndReportsTheGap() {
        Gaps g = Gaps.over(seed -> Clusters.generate(seed, 12, false, seed % 2 == 0));
        g.print("heterogeneous links");
        assertTrue(g.compared() > 300, "compared " + g.compared());
        assertTrue(g.optimal() >= 0.994 * g.compared(), "optimal in " + g.optimal());
        assertTrue(g.meanGap() <= 0.0001, "mean gap " + g.meanGap());
        assertTrue(g.maxGap() <= 0.0225, "max gap " + g.maxGap());
    }
}

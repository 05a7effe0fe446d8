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

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    @Test
    void equalsOptimalWithUniformLinksOnGeneratedClusters() {
        int compared = 0;
        for (long seed = 1; seed <= 400; seed++) {
            PlanningRequest request = withoutCaps(Clusters.generate(seed, 12, true, false));
            double[] t = times(request);
            if (Double.isFinite(t[1])) {
                assertEquals(t[1], t[0], 1e-9 * t[1], "seed " + seed);
                compared++;
            }
        }
        assertTrue(compared > 300, "compared " + compared);
    }

    @Test
    void neverBeatsOptimalWithHeterogeneousLinksAndCapsAndReportsTheGap() {
        int compared = 0;
        int optimalHits = 0;
        double sumGap = 0;
        double maxGap = 0;
        for (long seed = 1; seed <= 400; seed++) {
            PlanningRequest request = Clusters.generate(seed, 12, false, seed % 2 == 0);
            double[] t = times(request);
            if (!Double.isFinite(t[1])) {
                continue;
            }
            assertTrue(t[0] >= t[1] * (1 - 1e-9), "heuristic below the optimum, seed " + seed);
            double gap = Double.isFinite(t[0]) ? t[0] / t[1] - 1 : Double.POSITIVE_INFINITY;
            compared++;
            optimalHits += gap < 1e-9 ? 1 : 0;
            sumGap += Math.min(gap, 10);
            maxGap = Math.max(maxGap, gap);
        }
        System.out.printf(Locale.ROOT, "deep-edge vs optimal, heterogeneous links: %d clusters, optimal in %d (%.1f %%),"
                + " mean gap %.2f %%, max gap %.2f %%%n", compared, optimalHits, 100.0 * optimalHits / compared,
                100 * sumGap / compared, 100 * maxGap);
        assertTrue(compared > 300, "compared " + compared);
    }
}

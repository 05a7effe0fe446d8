package io.deepedge.plots;

import static io.deepedge.plots.ResultColumns.*;

import it.unimi.dsi.fastutil.doubles.DoubleList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report's answer, one sentence per grid point: which policy re-trains fastest without breaking any SLO, and
 * what each faster policy broke.
 *
 * <p>The rule: a policy <em>kept every SLO</em> at a grid point when no run of it broke an SLO in the co-location
 * view ({@code coloc_slo_violations} is 0 in every run of runs.csv; {@link SloBreaks} says where that comes from
 * for older files). Among those that also finished every run, the best is the one with the lowest mean
 * {@code retrain_time_sec} (ties: the first in runs.csv order). A policy with unfinished runs is never the best:
 * its mean covers only its finished runs and would flatter it; the sentence names it with its finished share
 * when it was faster. Every policy faster than the best (mean over its finished runs) is named with what it broke:
 * service, device, latency at the SLO quantile against the deadline, in how many runs. When no policy kept every
 * SLO and finished every run, the sentence says so and names the one with the fewest broken SLOs.
 */
final class Headline {
    private Headline() {
    }

    /** One policy at one grid point, as the rule sees it. */
    private record Standing(String policy, int runs, int finished, double retrainMeanSec, double breaksPerRun) {
        boolean keptEverySlo() {
            return breaksPerRun == 0;
        }

        boolean eligible() {
            return keptEverySlo() && finished == runs && Double.isFinite(retrainMeanSec);
        }
    }

    /**
     * The answer at one grid point.
     *
     * @param point sweep values; empty without a sweep
     * @param best the best policy, if one kept every SLO and finished every run
     * @param sentence the answer, led by the grid point's label with a sweep
     */
    record Answer(List<String> point, Optional<String> best, String sentence) {
    }

    /** The answers, one per grid point in runs.csv order. */
    static List<Answer> answers(ResultCsv runs, Optional<ResultCsv> services) {
        List<String> sweep = sweepColumns(runs.columns(), RUNS_REQUIRED, RUNS_OPTIONAL);
        SloBreaks breaks = SloBreaks.of(runs, services, sweep);
        Map<List<String>, List<Standing>> byPoint = new java.util.LinkedHashMap<>();
        for (Map.Entry<GroupKey, IntList> group : Summary.groups(runs, sweep).entrySet()) {
            byPoint.computeIfAbsent(group.getKey().point(), p -> new ArrayList<>())
                    .add(standing(runs, group.getKey(), group.getValue(), breaks));
        }
        List<Answer> answers = new ArrayList<>();
        byPoint.forEach((point, standings) -> {
            String lead = point.isEmpty() ? "" : GroupKey.pointLabel(sweep, point) + ": ";
            Optional<Standing> best = breaks.known() ? standings.stream().filter(Standing::eligible)
                    .min(Comparator.comparingDouble(Standing::retrainMeanSec)) : Optional.empty();
            answers.add(new Answer(point, best.map(Standing::policy),
                    lead + sentence(point, standings, best, breaks)));
        });
        return answers;
    }

    private static Standing standing(ResultCsv runs, GroupKey key, IntList rows, SloBreaks breaks) {
        IntList finished = Summary.finishedRows(runs, rows);
        DoubleList times = Summary.values(runs, finished, RETRAIN_TIME_SEC);
        return new Standing(key.policy(), rows.size(), finished.size(), MeanCi.of(times).mean(),
                breaks.perRun(key));
    }

    private static String sentence(List<String> point, List<Standing> standings, Optional<Standing> best,
                                   SloBreaks breaks) {
        if (!breaks.known()) {
            return "The result files do not say whether SLOs held (runs.csv has neither coloc_slo_violations nor"
                    + " slo_violations), so no policy can be named the best.";
        }
        if (best.isEmpty()) {
            return noneKept(point, standings, breaks);
        }
        Standing b = best.get();
        StringBuilder text = new StringBuilder(b.policy() + " is the fastest policy that kept every SLO"
                + breaks.viewText() + " and finished every run: mean re-training time " + seconds(b.retrainMeanSec())
                + " over " + b.runs() + " runs.");
        List<String> faster = new ArrayList<>();
        for (Standing s : standings) {
            if (s != b && Double.isFinite(s.retrainMeanSec()) && s.retrainMeanSec() < b.retrainMeanSec()) {
                faster.add(fasterText(point, s, b, breaks));
            }
        }
        text.append(faster.isEmpty() ? " No policy was faster." : " Faster: " + String.join("; ", faster) + ".");
        return text.toString();
    }

    private static String fasterText(List<String> point, Standing s, Standing best, SloBreaks breaks) {
        double gain = (best.retrainMeanSec() - s.retrainMeanSec()) / best.retrainMeanSec();
        String head = s.policy() + " (" + seconds(s.retrainMeanSec()) + ", " + Numbers.rounded(100 * gain)
                + " % faster" + (s.finished() < s.runs() ? ", over its " + s.finished() + " finished of " + s.runs()
                + " runs" : "") + ")";
        if (s.keptEverySlo()) {
            return head + " kept every SLO but did not finish every run";
        }
        return head + " broke " + breaks.describe(new GroupKey(point, s.policy()));
    }

    private static String noneKept(List<String> point, List<Standing> standings, SloBreaks breaks) {
        List<Standing> kept = standings.stream().filter(Standing::keptEverySlo).toList();
        if (!kept.isEmpty()) {
            List<String> names = kept.stream().map(s -> s.policy() + " (" + s.finished() + " of " + s.runs()
                    + " runs finished)").toList();
            return "No policy both kept every SLO" + breaks.viewText() + " and finished every run; "
                    + String.join(", ", names) + " kept every SLO but did not finish every run.";
        }
        Standing fewest = standings.stream().min(Comparator.comparingDouble(Standing::breaksPerRun)).orElseThrow();
        return "No policy kept every SLO" + breaks.viewText() + ". Fewest broken: " + fewest.policy() + " ("
                + Numbers.rounded(fewest.breaksPerRun()) + " per run on average), which broke "
                + breaks.describe(new GroupKey(point, fewest.policy())) + ".";
    }

    private static String seconds(double value) {
        return Numbers.rounded(value) + " s";
    }
}

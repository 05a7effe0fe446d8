package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.run.Manifest;
import io.deepedge.plots.ReportContext;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.baselines.EqualSplit;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * What simulate, testbed, merge and report share about the report: the baseline of the paired comparison
 * ({@code --baseline}, checked against the policies run, else the default) and the report's provenance texts.
 *
 * <p>The default baseline is the first policy of the run's list that is one of the registered baselines (the
 * policies of package {@code io.deepedge.policies.baselines}: equal-split, throughput-proportional,
 * fastest-single, random, the interference-blind policies Deep-Edge is compared with); when the list has none,
 * its first policy.
 */
final class ReportSetup {
    /** The manifest field that records the baseline, so merge and report compare against the same one. */
    static final String BASELINE_FIELD = "baseline";

    private ReportSetup() {
    }

    /** {@code requested} when it is one of {@code policies} (else a problem is added), or the default. */
    static String baseline(String requested, List<String> policies, List<String> problems) {
        if (requested != null) {
            if (!policies.contains(requested)) {
                problems.add(ProblemText.of("--baseline", "not one of the policies run", requested,
                        "one of " + String.join(", ", policies)));
            }
            return requested;
        }
        return defaultBaseline(policies);
    }

    /** The first registered baseline among {@code policies}, else the first policy; "" for an empty list. */
    static String defaultBaseline(List<String> policies) {
        String baselinePackage = EqualSplit.class.getPackageName();
        return policies.stream()
                .filter(id -> PolicyRegistry.find(id).map(p -> p.getClass().getPackageName().equals(baselinePackage))
                        .orElse(false))
                .findFirst().orElse(policies.isEmpty() ? "" : policies.get(0));
    }

    /** The baseline a manifest records, or the default for its policies (written before it was recorded). */
    static String recordedBaseline(Map<String, Object> manifest) {
        Object recorded = manifest.get(BASELINE_FIELD);
        if (recorded instanceof String s && !s.isEmpty()) {
            return s;
        }
        Object policies = manifest.get("policies");
        return defaultBaseline(policies instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of());
    }

    /**
     * Manifest fields the page leaves out: the config and the resolved scenarios (shown apart), and what differs
     * between invocations of one experiment (times, command lines, threads, shard folders), so that the same
     * results give the same page, as they give the same CSV files. manifest.json beside the page holds them all.
     */
    static final Set<String> NOT_ON_PAGE = Set.of("configText", "resolved", "startTime", "endTime", "commandLine",
            "threads", "mergeCommandLine", "mergedFrom");

    /** The report's context from a manifest that is (or is about to be) written beside the report. */
    static ReportContext context(String baseline, Map<String, Object> manifest) throws IOException {
        Object config = manifest.get("configText");
        Object resolved = manifest.get("resolved");
        Map<String, Object> shown = new LinkedHashMap<>(manifest);
        shown.keySet().removeAll(NOT_ON_PAGE);
        return new ReportContext(baseline.isEmpty() ? Optional.empty() : Optional.of(baseline),
                config == null ? "" : config.toString(), resolved == null ? "" : Manifest.json(resolved),
                Manifest.json(shown));
    }

    /** Warnings listed on stderr before the rest are counted (report.html lists them all). */
    static final int SHOWN_WARNINGS = 5;

    /** The comparison's warnings on stderr: the first few, then how many more the report lists. */
    static void printWarnings(PrintWriter err, List<String> warnings) {
        for (String warning : warnings.subList(0, Math.min(SHOWN_WARNINGS, warnings.size()))) {
            err.println("warning: comparison.csv: " + warning);
        }
        if (warnings.size() > SHOWN_WARNINGS) {
            err.println("warning: comparison.csv: ... and " + (warnings.size() - SHOWN_WARNINGS)
                    + " more wide CIs or refused comparisons (report.html lists them; comparison.csv: ci_wide,"
                    + " replications_needed, note)");
        }
        err.flush();
    }
}

package io.deepedge.plots;

import java.util.Objects;
import java.util.Optional;

/**
 * What the report shows beyond the result CSV files, given by the command that writes it: the baseline of the
 * paired comparison and the provenance texts (the plots module reads CSV files only, never the manifest's format).
 *
 * @param baseline the policy every other is compared with; empty: the first policy of runs.csv
 * @param configText the experiment config's text as read; empty when unknown
 * @param resolvedJson the resolved scenario of every grid point, as JSON text; empty when unknown
 * @param manifestJson the manifest fields to show (the command leaves out what differs between invocations, so
 *                     the same results give the same page), as JSON; non-empty means the command writes
 *                     manifest.json beside the report, and the page links it
 */
public record ReportContext(Optional<String> baseline, String configText, String resolvedJson, String manifestJson) {
    public ReportContext {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(configText, "configText");
        Objects.requireNonNull(resolvedJson, "resolvedJson");
        Objects.requireNonNull(manifestJson, "manifestJson");
    }

    /** No baseline chosen (the first policy), no provenance texts. */
    public static ReportContext none() {
        return new ReportContext(Optional.empty(), "", "", "");
    }
}

package io.deepedge.plots;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A group of the report's figures drawn from the result files. {@link FigureSet#SOURCES} lists every group in
 * page order; a new kind of figure is one more source there (and its file names in {@link FigureSet#CHART_NAMES},
 * so the next report replaces them).
 */
@FunctionalInterface
interface FigureSource {
    /** The charts this source can draw from {@code inputs}; none when the files hold nothing for it. */
    List<FigureSet.Drawn> draw(Inputs inputs);

    /**
     * The checked result files a source may draw from.
     *
     * @param resultDir the result directory (a source may read a further file of its own from it, checked by it)
     * @param runs runs.csv
     * @param summary summary.csv
     * @param services services.csv, when present
     */
    record Inputs(Path resultDir, ResultCsv runs, SummaryView summary, Optional<ResultCsv> services) {
    }
}

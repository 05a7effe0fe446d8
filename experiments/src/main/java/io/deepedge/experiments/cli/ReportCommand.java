package io.deepedge.experiments.cli;

import io.deepedge.plots.Report;
import io.deepedge.plots.ResultFileException;
import io.deepedge.experiments.run.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import io.deepedge.experiments.run.ResultDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code deepedge report DIR}: recompute summary.csv and redraw report.html and plots/ from the CSV files. Every
 * input file is read and checked before the first byte is written, so a malformed file changes nothing.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"(Re)compute summary.csv and comparison.csv and draw plots/ and report.html from a result directory's runs.csv and services.csv.",
                "Malformed files are reported as FILE:LINE: column: problem (value), expected ... with exit code 2, and nothing is written."})
public final class ReportCommand implements Callable<Integer> {
    private static final String EXPECTED = "a result directory written by simulate or merge";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a result directory written by simulate, testbed or merge")
    private Path dir;

    @Option(names = "--baseline", paramLabel = "POLICY", description = "compare every policy with this one in "
            + "comparison.csv and the report (default: the baseline the directory's manifest records, else the first "
            + "of its policies that is a baseline policy, else its first policy)")
    private String baseline;

    @Override
    public Integer call() throws IOException {
        List<String> problems = checkDirectory();
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        Map<String, Object> manifest = Manifest.read(dir.resolve("manifest.json"));
        String base = baseline != null ? baseline : ReportSetup.recordedBaseline(manifest);
        if (baseline != null && manifest.get("policies") instanceof List<?> run) {
            ReportSetup.baseline(baseline, run.stream().map(String::valueOf).toList(), problems);
        }
        if (!problems.isEmpty()) {
            throw new UsageError(problems);
        }
        Report.Written written;
        try {
            written = Report.redraw(dir, ReportSetup.context(base, manifest));
        } catch (ResultFileException e) {
            throw new UsageError(e.problems());
        }
        ReportSetup.printWarnings(spec.commandLine().getErr(), written.warnings());
        spec.commandLine().getOut().println("report: " + written.report());
        return Main.EXIT_OK;
    }

    /** What makes DIR unusable before any file is read: not a directory, no runs.csv, nowhere to write. */
    private List<String> checkDirectory() {
        List<String> problems = new ArrayList<>();
        if (dir.toString().isEmpty()) {
            problems.add("DIR: empty path (\"\"), expected " + EXPECTED);
        } else if (!Files.exists(dir)) {
            problems.add("DIR: no such directory (" + dir + "), expected " + EXPECTED);
        } else if (!Files.isDirectory(dir)) {
            problems.add("DIR: not a directory (" + dir + "), expected " + EXPECTED);
        } else if (io.deepedge.plots.Validation.isValidationDirectory(dir)) {
            problems.add("DIR: a validation directory (" + dir + ": written by validate, which drew its report), expected "
                    + EXPECTED + "; to redraw it run validate SIM_DIR REAL_DIR again");
        } else if (!Files.isRegularFile(dir.resolve("runs.csv"))) {
            problems.add("DIR: no runs.csv in (" + dir + "), expected " + EXPECTED);
        } else if (ResultDirectory.manifestProblem(dir).isPresent()) {
            // the report overwrites summary.csv, report.html and plots/*.png: only in a folder this tool wrote
            problems.add("DIR: not a result directory of this tool (" + dir + ": "
                    + ResultDirectory.manifestProblem(dir).get() + "), expected " + EXPECTED);
        } else if (!Files.isWritable(dir)) {
            problems.add("DIR: not writable (" + dir + "), expected a directory this user may write the report into");
        } else {
            Path plots = dir.resolve("plots");
            if (Files.exists(plots, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(plots, LinkOption.NOFOLLOW_LINKS)) {
                problems.add("DIR: plots is not a directory (a file or a link: " + plots + "), expected " + EXPECTED
                        + " (plots/ holds the report's charts)");
            }
        }
        return problems;
    }
}

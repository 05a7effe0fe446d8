package io.deepedge.experiments.cli;

import io.deepedge.plots.Report;
import io.deepedge.plots.Summary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code deepedge report DIR}: recompute summary.csv and redraw report.html and plots/ from the CSV files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "(Re)compute summary.csv and draw plots/*.png and report.html from a result directory's runs.csv and services.csv.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a result directory written by simulate, testbed or merge")
    private Path dir;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve("runs.csv"))) {
            throw new UsageError("DIR: no runs.csv in (" + dir + "), expected a result directory");
        }
        try {
            Summary.write(dir);
            Report.write(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageError("DIR: " + e.getMessage());
        }
        spec.commandLine().getOut().println("report: " + dir.resolve("report.html"));
        return Main.EXIT_OK;
    }
}

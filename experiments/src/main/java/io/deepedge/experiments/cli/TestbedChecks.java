package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.ExperimentConfig;
import io.deepedge.experiments.config.KeyLines;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.models.TrainingJob;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code testbed} needs of a valid config beyond what {@code simulate} needs, checked before any work; each
 * problem reads {@code FILE:LINE: path: ...} like the config loader's.
 */
final class TestbedChecks {
    private TestbedChecks() {
    }

    /** The architecture {@code training.model} names; null, with the problems added, when the config cannot run. */
    static NetworkSpec network(ExperimentConfig cfg, Path file, List<String> problems) {
        int before = problems.size();
        String text = cfg.text();
        if (!cfg.sweepPaths().isEmpty()) {
            problems.add(ProblemText.of(KeyLines.where(file.toString(), text, "sweep"), "not supported by testbed yet",
                    String.join(", ", cfg.sweepPaths()), "a config without a sweep"));
        }
        var scenario = cfg.gridPoints().get(0).scenario();
        Optional<TrainingJob> job = scenario.job();
        if (job.isEmpty()) {
            problems.add(ProblemText.of(file + ": training", "missing", "none", "a training block: testbed carries out its job"));
            return null;
        }
        if (!scenario.failures().isEmpty()) {
            problems.add(ProblemText.of(KeyLines.where(file.toString(), text, "failures"), "not supported by testbed yet",
                    scenario.failures().size() + " failures", "no failures block"));
        }
        NetworkSpec network = null;
        try {
            network = NetworkSpecs.parse(job.get().model());
        } catch (IllegalArgumentException e) {
            problems.add(ProblemText.of(KeyLines.where(file.toString(), text, "training.model"),
                    "not an architecture the testbed trains", job.get().model(),
                    "lenet, mlp, cnn(conv5x5:A,pool2,conv5x5:B,pool2,dense:C) or mlp(dense:N)"));
        }
        checkSamples(job.get().samples(), file, text, problems);
        return problems.size() == before ? network : null;
    }

    /** {@code training.samples} at most the training images available (counted from the IDX header alone). */
    private static void checkSamples(long samples, Path file, String text, List<String> problems) {
        FashionMnist.Available available;
        try {
            available = FashionMnist.availableTrainImages();
        } catch (IOException e) {
            problems.add("training images: cannot be read (" + e.getMessage() + "), expected the shipped subset or an"
                    + " installed full set (apt-get install dataset-fashion-mnist)");
            return;
        }
        if (samples > available.trainImages()) {
            problems.add(ProblemText.of(KeyLines.where(file.toString(), text, "training.samples"),
                    "more than the training images available (" + available.trainImages() + " in "
                            + available.source() + ")", String.valueOf(samples), "at most " + available.trainImages()));
        }
    }
}

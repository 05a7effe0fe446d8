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
        // a sweep runs every grid point on the same agents: it may change the load and the job, not the machines
        List<String> machinePaths = cfg.sweepPaths().stream()
                .filter(p -> p.startsWith("devices") || p.contains("testbed")).toList();
        if (!machinePaths.isEmpty()) {
            problems.add(ProblemText.of(KeyLines.where(file.toString(), text, "sweep"),
                    "sweeps over devices or testbed settings are not supported by testbed (the agents are started once)",
                    String.join(", ", machinePaths), "a sweep over services, training or other settings"));
        }
        var scenario = cfg.gridPoints().get(0).scenario();
        Optional<TrainingJob> job = scenario.job();
        if (job.isEmpty()) {
            problems.add(ProblemText.of(file + ": training", "missing", "none", "a training block: testbed carries out its job"));
            return null;
        }
        List<String> stochastic = scenario.devices().stream().filter(d -> d.reliability().fails())
                .map(io.deepedge.models.Device::name).toList();
        if (!stochastic.isEmpty()) {
            // the simulator draws these times from its own random streams; a testbed run needs them fixed in advance
            problems.add(ProblemText.of(KeyLines.where(file.toString(), text, "reliability"), "stochastic failures "
                    + "(mtbfSec/mttrSec) are not supported by testbed", String.join(", ", stochastic),
                    "explicit failures entries ({ device, atSec, downSec }) or an availability trace"));
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

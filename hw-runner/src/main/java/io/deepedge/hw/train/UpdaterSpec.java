package io.deepedge.hw.train;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Locale;

/**
 * The optimiser of a training job. Its state (none for SGD, one array the size of the parameters for Nesterov
 * momentum, two for Adam) exists only at the parameter server.
 *
 * @param kind the update rule
 * @param learningRate step size (> 0)
 * @param momentum Nesterov momentum in [0, 1); ignored by the other rules
 */
public record UpdaterSpec(Kind kind, double learningRate, double momentum) {
    /** The update rules the runner offers. */
    public enum Kind { SGD, NESTEROVS, ADAM }

    public UpdaterSpec {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be positive (" + learningRate + ")");
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1) (" + momentum + ")");
        }
    }

    /** The runner's updater: Adam, learning rate 0.001, DL4J's default betas. */
    public static UpdaterSpec runnerDefault() {
        return adam(1e-3);
    }

    public static UpdaterSpec adam(double learningRate) {
        return new UpdaterSpec(Kind.ADAM, learningRate, 0);
    }

    public static UpdaterSpec nesterovs(double learningRate, double momentum) {
        return new UpdaterSpec(Kind.NESTEROVS, learningRate, momentum);
    }

    public static UpdaterSpec sgd(double learningRate) {
        return new UpdaterSpec(Kind.SGD, learningRate, 0);
    }

    IUpdater toDl4j() {
        return switch (kind) {
            case SGD -> new Sgd(learningRate);
            case NESTEROVS -> new Nesterovs(learningRate, momentum);
            case ADAM -> new Adam(learningRate);
        };
    }

    /** Canonical text, part of the base model's cache key. */
    public String describe() {
        return switch (kind) {
            case SGD -> String.format(Locale.ROOT, "sgd(lr=%s)", learningRate);
            case NESTEROVS -> String.format(Locale.ROOT, "nesterovs(lr=%s,momentum=%s)", learningRate, momentum);
            case ADAM -> String.format(Locale.ROOT, "adam(lr=%s)", learningRate);
        };
    }
}

package io.deepedge.hw.train;

/**
 * What an agent returns for its slice of a global batch.
 *
 * @param sum gradient of the loss SUMMED over the slice's examples (DL4J's convention: the updater divides by
 *            the global batch size), one float per parameter
 * @param examples the slice's number of examples (> 0)
 * @param meanLoss the slice's mean loss, for progress reports
 */
public record LocalGradient(float[] sum, int examples, double meanLoss) {
    public LocalGradient {
        if (sum == null || sum.length == 0) {
            throw new IllegalArgumentException("a gradient needs at least one parameter");
        }
        if (examples <= 0) {
            throw new IllegalArgumentException("examples must be positive (" + examples + ")");
        }
    }
}

package io.deepedge.models.catalog;

/**
 * A catalog DL model: size on the wire, sample size and a training memory model.
 *
 * @param id config key, e.g. {@code mobilenet-v2}
 * @param parameters number of parameters
 * @param parameterBytes FP32 parameters on the wire
 * @param sampleBytes one training sample, for shard transfers
 * @param trainBaseMiB training memory independent of the batch (estimate)
 * @param trainPerSampleMiB training memory per sample of local batch (estimate)
 * @param source where the parameter count comes from
 * @param derivation how the other figures were derived
 */
public record CatalogModel(String id, long parameters, long parameterBytes, long sampleBytes, double trainBaseMiB,
                           double trainPerSampleMiB, String source, String derivation) {
    /** Training memory at a local batch. */
    public double trainMemoryMiB(double localBatch) {
        return trainBaseMiB + trainPerSampleMiB * localBatch;
    }
}

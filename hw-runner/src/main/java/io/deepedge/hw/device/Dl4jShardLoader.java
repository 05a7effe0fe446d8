package io.deepedge.hw.device;

import io.deepedge.hw.agent.GradientWorker;
import io.deepedge.hw.agent.InvalidShardException;
import io.deepedge.hw.agent.ShardLoader;
import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;
import io.deepedge.hw.train.UpdaterSpec;

/**
 * The DL4J shard loader: reads a shard in {@link ImageShard#FORMAT}, builds the network its header's
 * {@code model_config} names ({@link NetworkSpecs}) for the shard's image shape and classes, and returns a
 * {@link Dl4jGradientWorker} over them. The network's initial weights do not matter (every gradient request
 * carries or names the parameters), nor does its updater (the parameter server owns it).
 */
public final class Dl4jShardLoader implements ShardLoader {
    /** Seed of the throw-away initial weights. */
    static final long INIT_SEED = 1;

    @Override
    public GradientWorker load(ShardSpec spec, byte[] data) throws InvalidShardException {
        if (!spec.format().equals(ImageShard.FORMAT)) {
            throw new InvalidShardException("format: " + spec.format() + ", expected " + ImageShard.FORMAT);
        }
        NetworkSpec architecture;
        try {
            architecture = NetworkSpecs.parse(spec.modelConfig());
        } catch (IllegalArgumentException e) {
            throw new InvalidShardException("model_config: " + e.getMessage());
        }
        LabelledImages images;
        try {
            images = ImageShard.decode(data, "shard " + spec.shardId());
        } catch (ImageShard.MalformedShardException e) {
            throw new InvalidShardException(e.getMessage());
        }
        try {
            NetworkSpecs.parameterCount(architecture, images.rows(), images.cols(), images.classes());
        } catch (IllegalArgumentException e) {
            throw new InvalidShardException("model_config: " + e.getMessage());
        }
        return new Dl4jGradientWorker(images, architecture.build(images.rows(), images.cols(), images.classes(),
                INIT_SEED, UpdaterSpec.sgd(1)));
    }
}

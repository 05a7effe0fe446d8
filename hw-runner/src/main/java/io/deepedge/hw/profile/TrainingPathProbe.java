package io.deepedge.hw.profile;

import io.deepedge.hw.data.ImageShard;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.rpc.AgentClient;
import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.hw.rpc.RemoteCallException;
import io.deepedge.hw.rpc.ShardSpec;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.NetworkSpecs;

/**
 * What a device spends on the training job besides computing gradients, measured through the same calls the
 * testbed's coordinator makes (so the profile's figures are the ones a run pays):
 * <ul>
 *   <li>{@code roundOverheadMs}: per synchronous round, the time of a gradient call beyond the compute the agent
 *       reports: encoding and sending the parameters, the agent loading them into its network (inside its CPU
 *       quota), and encoding and returning its gradient. On this machine's loopback that is the whole of the
 *       round's synchronisation apart from the parameter server's step; the simulator adds it to the round's
 *       network cost (a twin config gives its devices a link that costs next to nothing for that reason).</li>
 *   <li>{@code shardLoadMsPerSample}: a shard transfer's time (encoding, sending, the agent's decoding) per sample.</li>
 * </ul>
 * Each is timed after one untimed repetition (the JIT's first pass). A round's overhead is the MEAN over
 * {@link #REPETITIONS} calls: under a CPU quota some calls wait out a throttled period and others do not (measured
 * 32-73 ms medians on one 0.6-CPU agent across runs), and a job's time is the sum of its rounds, so the mean is the
 * figure that predicts it.
 */
final class TrainingPathProbe {
    /** As many as the round probe's rounds ({@link RoundProbe#ROUNDS}), whose figure is taken against this one. */
    static final int REPETITIONS = RoundProbe.ROUNDS;
    static final int SHARD_SAMPLES = 1024;

    /** The two figures, in milliseconds. */
    record Figures(double roundOverheadMs, double shardLoadMsPerSample) {
    }

    private TrainingPathProbe() {
    }

    /**
     * Leaves the agent holding {@code params} and a shard of the first {@link #SHARD_SAMPLES} images (the caller
     * loads the shard it needs next).
     *
     * @param batch the local batch of the timed gradient calls (the overhead does not depend on it; small is quick)
     */
    static Figures measure(AgentClient agent, String device, LabelledImages images, NetworkSpec network,
                           float[] params, int batch) throws RemoteCallException {
        LabelledImages shard = images.slice(0, Math.min(images.count(), SHARD_SAMPLES));
        double[] loadMs = new double[3];
        for (int i = -1; i < loadMs.length; i++) {
            long start = System.nanoTime();
            agent.loadShard(new ShardSpec("profile-load-" + device + "-" + (i + 1), ImageShard.FORMAT, shard.count(),
                    network.describe(), NetworkSpecs.configBytes(network)), ImageShard.encode(shard));
            if (i >= 0) {
                loadMs[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        int b = Math.max(1, Math.min(batch, shard.count()));
        double[] wallMs = new double[REPETITIONS];
        double[] computeMs = new double[REPETITIONS];
        for (int i = -1; i < REPETITIONS; i++) {
            long start = System.nanoTime();
            GradientResult g = agent.gradient(i + 1, i + 2, params, 0, b);
            if (i >= 0) {
                wallMs[i] = (System.nanoTime() - start) / 1e6;
                computeMs[i] = g.computeMs();
            }
        }
        return new Figures(overheadMs(wallMs, computeMs), perSampleMs(loadMs, shard.count()));
    }

    /** The mean of each call's wall time beyond its compute (none where the compute reads longer: clock grain). */
    static double overheadMs(double[] wallMs, double[] computeMs) {
        double sum = 0;
        for (int i = 0; i < wallMs.length; i++) {
            sum += Math.max(0, wallMs[i] - computeMs[i]);
        }
        return sum / wallMs.length;
    }

    /** The median load time per sample. */
    static double perSampleMs(double[] loadMs, int samples) {
        return DeviceProfiler.median(loadMs) / samples;
    }
}

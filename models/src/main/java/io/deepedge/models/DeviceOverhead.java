package io.deepedge.models;

/**
 * A device's own work in synchronous training beyond computing its local batches, at the device's speed: what a
 * network-only cost model misses on slow or CPU-limited devices.
 *
 * <p>Each synchronisation round the device receives the parameters, loads them into its network and returns its
 * gradient; the devices of a round do this in parallel, so the round's synchronisation lasts the network cost plus
 * the largest {@code roundOverheadMs} among them. When a plan starts, each device decodes and copies every sample
 * of the shard it receives; its part of the shard transfer lasts its network transfer plus its samples x
 * {@code shardLoadMsPerSample}, and the transfer phase the largest part. A round run by one coordinator for all
 * devices at once also waits for what is not the device's own work: the parameter server's step, and the
 * coordinator's and the host's share of every device's transfers ({@code roundCoordinationMs}, a wait, never CPU
 * spent on the device). Zero (the default) where not measured.
 *
 * @param roundOverheadMs the device's own work per synchronisation round, non-negative
 * @param shardLoadMsPerSample the device's own work per sample of a shard it receives, non-negative
 * @param roundCoordinationMs what a round with this device waits for beyond the network and the devices' own work,
 *        non-negative
 */
public record DeviceOverhead(double roundOverheadMs, double shardLoadMsPerSample, double roundCoordinationMs) {
    /** No work beyond computing: the network alone times synchronisation and shard transfer. */
    public static final DeviceOverhead NONE = new DeviceOverhead(0, 0, 0);

    public DeviceOverhead {
        Checks.nonNegative("roundOverheadMs", roundOverheadMs);
        Checks.nonNegative("shardLoadMsPerSample", shardLoadMsPerSample);
        Checks.nonNegative("roundCoordinationMs", roundCoordinationMs);
    }

    /** A device's own work, without a measured coordination wait. */
    public DeviceOverhead(double roundOverheadMs, double shardLoadMsPerSample) {
        this(roundOverheadMs, shardLoadMsPerSample, 0);
    }

    public double roundSec() {
        return roundOverheadMs / 1000;
    }

    public double coordinationSec() {
        return roundCoordinationMs / 1000;
    }

    /** The device's own work to load a shard of {@code samples} samples. */
    public double shardLoadSec(long samples) {
        return samples * shardLoadMsPerSample / 1000;
    }
}

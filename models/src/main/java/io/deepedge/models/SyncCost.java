package io.deepedge.models;

import java.util.Collection;

/**
 * Cost of one gradient synchronisation across the training devices, by topology.
 *
 * <ul>
 *   <li>parameter server (on the cluster's default link {@code ps}): every worker pushes then pulls
 *       {@code P} bytes; each phase is bounded by the server link carrying {@code |J| P} bytes and by the
 *       slowest worker link carrying {@code P}:
 *       {@code C = 2 (lat_max + max(|J| P / bw_ps, P / bw_min))};</li>
 *   <li>ring all-reduce: {@code 2 (|J|-1)} steps, each moving {@code P / |J|} bytes over every link:
 *       {@code C = 2 (|J|-1) (lat_max + P / (|J| bw_min))}.</li>
 * </ul>
 * A single device and {@code P = 0} need no synchronisation over the network. The devices' own work each round
 * ({@link DeviceOverhead#roundOverheadMs}) and the round's coordination wait
 * ({@link DeviceOverhead#roundCoordinationMs}) come on top: {@link #roundOverheadSeconds}.
 */
public final class SyncCost {
    private SyncCost() {
    }

    public static double seconds(Topology topology, long parameterBytes, Collection<Link> workerLinks, Link ps) {
        int n = workerLinks.size();
        if (n <= 1 || parameterBytes == 0) {
            return 0.0;
        }
        double minBytesPerSec = workerLinks.stream().mapToDouble(Link::bytesPerSec).min().orElseThrow();
        double maxLatencySec = workerLinks.stream().mapToDouble(Link::latencySec).max().orElseThrow();
        return seconds(topology, parameterBytes, n, minBytesPerSec, maxLatencySec, ps);
    }

    /** The same cost from the set's size, slowest link bandwidth and largest latency. */
    public static double seconds(Topology topology, long parameterBytes, int n, double minBytesPerSec,
                                 double maxLatencySec, Link ps) {
        if (n <= 1 || parameterBytes == 0) {
            return 0.0;
        }
        double p = parameterBytes;
        return switch (topology) {
            case PARAMETER_SERVER -> 2 * (maxLatencySec + Math.max(n * p / ps.bytesPerSec(), p / minBytesPerSec));
            case RING_ALLREDUCE -> 2.0 * (n - 1) * (maxLatencySec + p / (n * minBytesPerSec));
        };
    }

    /** Cost of one checkpoint: the model moves once over the server link. */
    public static double checkpointSeconds(long parameterBytes, Link ps) {
        return parameterBytes == 0 ? 0.0 : ps.transferSec(parameterBytes);
    }

    /** Initial shard transfer: every device receives its share in parallel over its own link. */
    public static double shardTransferSeconds(long sampleBytes, long samples, Link link) {
        return sampleBytes == 0 || samples == 0 ? 0.0 : link.transferSec((double) sampleBytes * samples);
    }

    /**
     * One device's part of the initial shard transfer: its share over its own link, then its own work on each sample
     * received ({@link DeviceOverhead#shardLoadMsPerSample}). The transfer phase lasts the largest part.
     */
    public static double shardTransferSeconds(long sampleBytes, long samples, Link link, DeviceOverhead overhead) {
        return shardTransferSeconds(sampleBytes, samples, link) + overhead.shardLoadSec(samples);
    }

    /**
     * The devices' own work in one synchronisation round and its coordination wait, added to the network cost
     * {@link #seconds}: they receive the parameters and return their gradients in parallel, so the round waits for
     * the slowest; 0 without devices.
     *
     * @param roundDevices the overheads of the devices that compute in the round
     */
    public static double roundOverheadSeconds(Collection<DeviceOverhead> roundDevices) {
        double max = 0;
        for (DeviceOverhead o : roundDevices) {
            max = Math.max(max, o.roundSec() + o.coordinationSec());
        }
        return max;
    }
}

package io.deepedge.hw.rpc;

import java.time.Duration;
import java.util.Objects;

/**
 * The deadline of every kind of call a client makes: short control calls, one gradient, calibration, and
 * shard transfers (a base plus a time per MiB, so a large shard on a slow link is not cut off).
 */
public record CallDeadlines(Duration control, Duration gradient, Duration calibrate, Duration transferBase,
                            Duration transferPerMiB) {
    public CallDeadlines {
        for (Duration d : new Duration[] {control, gradient, calibrate, transferBase, transferPerMiB}) {
            Objects.requireNonNull(d, "deadline");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("deadline " + d + ", expected a positive duration");
            }
        }
    }

    /**
     * Defaults for a LAN or loopback testbed: 5 s control calls, 60 s per gradient (a LeNet batch of 64 takes
     * ~0.2 s on one core, ~1 s at a 0.25-CPU quota), 5 min calibration, shards at 10 s + 1 s per MiB (8 Mbit/s).
     */
    public static CallDeadlines defaults() {
        return new CallDeadlines(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(5),
                Duration.ofSeconds(10), Duration.ofSeconds(1));
    }

    public CallDeadlines withGradient(Duration d) {
        return new CallDeadlines(control, d, calibrate, transferBase, transferPerMiB);
    }

    public CallDeadlines withControl(Duration d) {
        return new CallDeadlines(d, gradient, calibrate, transferBase, transferPerMiB);
    }

    /** The deadline for transferring {@code bytes}. */
    public Duration transfer(long bytes) {
        double mib = bytes / (double) (1 << 20);
        return transferBase.plus(Duration.ofNanos((long) Math.ceil(transferPerMiB.toNanos() * mib)));
    }
}

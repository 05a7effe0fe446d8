package io.deepedge.sim;

import umontreal.ssj.rng.MRG32k3a;

/**
 * Named MRG32k3a streams derived from a run seed: a stream's seed depends only on the run seed and its
 * name, never on creation order or thread, so every policy of a replication replays the same
 * streams (common random numbers).
 */
public final class RandomStreams {
    private static final long M1 = 4294967087L;
    private static final long M2 = 4294944443L;

    private final long runSeed;

    public RandomStreams(long runSeed) {
        this.runSeed = runSeed;
    }

    /** A fresh stream for {@code name}; the same name gives the same sequence. */
    public MRG32k3a stream(String name) {
        long state = runSeed ^ mix(name.hashCode() * 0x9E3779B97F4A7C15L + name.length());
        for (int i = 0; i < name.length(); i++) {
            state = mix(state + name.charAt(i));
        }
        long[] seed = new long[6];
        for (int i = 0; i < 6; i++) {
            state = mix(state + 0x9E3779B97F4A7C15L);
            long modulus = i < 3 ? M1 : M2;
            seed[i] = Long.remainderUnsigned(state, modulus);
        }
        // the state of each component must not be all zero
        if (seed[0] == 0 && seed[1] == 0 && seed[2] == 0) {
            seed[0] = 1;
        }
        if (seed[3] == 0 && seed[4] == 0 && seed[5] == 0) {
            seed[3] = 1;
        }
        MRG32k3a stream;
        // the no-argument constructor advances a static package seed: serialise it across threads
        synchronized (MRG32k3a.class) {
            stream = new MRG32k3a(name);
        }
        stream.setSeed(seed);
        return stream;
    }

    /** The seed of replication {@code replication} under master seed {@code masterSeed}. */
    public static long runSeed(long masterSeed, int replication) {
        return mix(masterSeed + 0x632BE59BD9B4E019L * (replication + 1L)) & Long.MAX_VALUE;
    }

    /** SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

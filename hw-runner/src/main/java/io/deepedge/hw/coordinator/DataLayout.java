package io.deepedge.hw.coordinator;

import io.deepedge.models.Assignment;
import io.deepedge.models.Plan;
import io.deepedge.models.Shares;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which of the job's samples each planned device holds and which it trains in a round: the data position of the
 * job, immutable, so a checkpoint keeps it by reference. Device {@code j} holds a shard (indices into the job's
 * samples) of exactly its plan share {@code d_j}; a segment spreads the first {@code segmentSamples} positions of
 * the shard over {@code segmentIterations} rounds from round {@code segmentStart}, batch {@code k} being
 * {@code Plan.localBatch(segmentSamples, segmentIterations, k)} from position {@code floor(k segmentSamples /
 * segmentIterations)}: the simulator's split.
 *
 * <p><b>One global order, whatever the plan.</b> Each epoch trains the job's samples in the identity order
 * {@code 0..N-1}: round {@code k} trains positions {@code [C_k, C_k + G_k)} of it, {@code C_k} being the samples the
 * epoch trained before round {@code k} and {@code G_k} the sum of the devices' local batches in round {@code k};
 * inside a round the devices take consecutive pieces in plan order. A shard is therefore its device's pieces of
 * every round of the segment, in round order, so the local batch of round {@code k} is still the shard positions
 * above. The samples an epoch has trained are always a prefix of the order, and a re-plan or a rollback does not
 * change which samples a round's global batch holds (the SGD trajectory stays that of the fault-free run), except
 * that batch edges may move by a few samples: {@code C_k} lies in {@code (k N / I - n, k N / I]} for a plan of
 * {@code n} devices from the epoch start, so two plans' edges differ by fewer samples than the larger device count
 * (and by fewer than both counts added after a mid-epoch plan); with shares divisible by the epoch's rounds
 * {@code I} they do not move at all.
 *
 * <p>A plan that starts mid-epoch (a re-plan or a rollback) does what the simulator's {@code splitRestOfEpoch}
 * does: the samples the epoch still owes (the suffix {@code [C_r, N)}) are split by largest remainder in proportion
 * to the new shares over the epoch's remaining rounds, and cut from the suffix round by round as above. Each new
 * shard holds those pieces first, then as many samples already trained this epoch as make up its share, so the
 * whole shards are re-sent (as the simulator models a re-plan's transfer) and every sample is trained exactly once
 * per epoch.
 *
 * <p><b>Limit:</b> in the epochs after a mid-epoch plan each device trains its padded shard in order, so those
 * epochs' global batches depend on the plan again. Exact plan independence there would need a re-transfer at the
 * epoch boundary, which the simulator does not model. Single-epoch jobs are exact up to the edge shift above.
 */
final class DataLayout {
    /** One planned device's shard and current segment. */
    record Part(String device, int[] shard, long segmentSamples, long segmentIterations, long segmentStart) {
        /** Shard positions of round {@code round}: {@code [from, from + count)}. */
        long from(long round) {
            return Math.floorDiv(Math.multiplyExact(round - segmentStart, segmentSamples), segmentIterations);
        }

        long count(long round) {
            return Plan.localBatch(segmentSamples, segmentIterations, round - segmentStart);
        }
    }

    private final long samples;
    private final long perEpoch;
    private final List<Part> parts;

    private DataLayout(long samples, long perEpoch, List<Part> parts) {
        this.samples = samples;
        this.perEpoch = perEpoch;
        this.parts = List.copyOf(parts);
    }

    /** A layout read back from a checkpoint. */
    static DataLayout of(long samples, long perEpoch, List<Part> parts) {
        return new DataLayout(samples, perEpoch, parts);
    }

    List<Part> parts() {
        return parts;
    }

    Part part(String device) {
        return parts.stream().filter(p -> p.device.equals(device)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no part for " + device));
    }

    /**
     * The layout for {@code plan} starting at round {@code round}; {@code current} is the layout in force at that
     * round (null when none: the job starts, or rolls back to its start).
     */
    static DataLayout start(Plan plan, long samples, long perEpoch, long round, DataLayout current) {
        List<Assignment> assignments = plan.assignments();
        long[] shares = assignments.stream().mapToLong(Assignment::samples).toArray();
        if (round % perEpoch == 0 || current == null) {
            int[] order = new int[Math.toIntExact(samples)];
            Arrays.setAll(order, i -> i);
            int[][] shards = cutByRound(order, shares, shares, perEpoch);
            return new DataLayout(samples, perEpoch, parts(assignments, shards, shares, perEpoch,
                    round - round % perEpoch));
        }
        int[] owed = current.owed(round);
        double[] weights = Arrays.stream(shares).asDoubleStream().toArray();
        long[] fromOwed = Shares.largestRemainder(owed.length, weights);
        long remaining = perEpoch - round % perEpoch;
        int[][] shards = cutByRound(owed, fromOwed, shares, remaining);
        int[] done = current.doneThisEpoch(owed);
        int doneAt = 0;
        for (int j = 0; j < shards.length; j++) {
            int pad = shards[j].length - Math.toIntExact(fromOwed[j]);
            System.arraycopy(done, doneAt, shards[j], Math.toIntExact(fromOwed[j]), pad);
            doneAt += pad;
        }
        return new DataLayout(samples, perEpoch, parts(assignments, shards, fromOwed, remaining, round));
    }

    /**
     * Cuts {@code order} round by round: in each of {@code rounds} rounds device {@code j} takes the next
     * {@code Plan.localBatch(segment_j, rounds, k)} samples, devices in plan order; device {@code j}'s pieces go to
     * the front of a shard of {@code length_j} positions, in round order.
     */
    private static int[][] cutByRound(int[] order, long[] segment, long[] length, long rounds) {
        int[][] shards = new int[segment.length][];
        int[] filled = new int[segment.length];
        for (int j = 0; j < segment.length; j++) {
            shards[j] = new int[Math.toIntExact(length[j])];
        }
        int at = 0;
        for (long k = 0; k < rounds; k++) {
            for (int j = 0; j < segment.length; j++) {
                int count = Math.toIntExact(Plan.localBatch(segment[j], rounds, k));
                System.arraycopy(order, at, shards[j], filled[j], count);
                at += count;
                filled[j] += count;
            }
        }
        return shards;
    }

    private static List<Part> parts(List<Assignment> assignments, int[][] shards, long[] segment, long rounds,
                                    long start) {
        List<Part> parts = new ArrayList<>();
        for (int j = 0; j < shards.length; j++) {
            parts.add(new Part(assignments.get(j).device(), shards[j], segment[j], rounds, start));
        }
        return parts;
    }

    /** At an epoch boundary every device's segment becomes its whole shard over the epoch's rounds. */
    DataLayout atRound(long round) {
        if (round % perEpoch != 0 || parts.stream().allMatch(p -> p.segmentStart == round
                && p.segmentSamples == p.shard.length && p.segmentIterations == perEpoch)) {
            return this;
        }
        List<Part> next = parts.stream().map(p -> new Part(p.device, p.shard, p.shard.length, perEpoch, round)).toList();
        return new DataLayout(samples, perEpoch, next);
    }

    /**
     * The samples the epoch of round {@code round} has not trained yet before that round, in the global order: the
     * suffix {@code [C_r, N)} unless an earlier epoch had a mid-epoch plan (see the class comment).
     */
    int[] owed(long round) {
        if (round % perEpoch == 0) {
            int[] all = new int[Math.toIntExact(samples)];
            Arrays.setAll(all, i -> i);
            return all;
        }
        List<Integer> owed = new ArrayList<>();
        for (Part p : parts) {
            long trained = p.from(round);
            for (long pos = trained; pos < p.segmentSamples; pos++) {
                owed.add(p.shard[(int) pos]);
            }
        }
        return owed.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private int[] doneThisEpoch(int[] owed) {
        boolean[] isOwed = new boolean[Math.toIntExact(samples)];
        for (int i : owed) {
            isOwed[i] = true;
        }
        int[] done = new int[isOwed.length - owed.length];
        int k = 0;
        for (int i = 0; i < isOwed.length; i++) {
            if (!isOwed[i]) {
                done[k++] = i;
            }
        }
        return done;
    }
}

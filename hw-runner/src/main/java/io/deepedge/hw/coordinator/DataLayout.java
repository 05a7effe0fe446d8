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
 * <p>A plan that starts at an epoch boundary cuts the samples in order ({@code share_j} after {@code share_j}). A
 * plan that starts mid-epoch (a re-plan or a rollback) does what the simulator's {@code splitRestOfEpoch} does: the
 * samples the epoch still owes are split by largest remainder in proportion to the new shares over the epoch's
 * remaining rounds. Each new shard holds its part of the owed samples first, then as many samples already trained
 * this epoch as make up its share, so the whole shards are re-sent (as the simulator models a re-plan's transfer)
 * and every sample is trained exactly once per epoch.
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
        List<Part> parts = new ArrayList<>();
        if (round % perEpoch == 0 || current == null) {
            int offset = 0;
            for (Assignment a : plan.assignments()) {
                int share = Math.toIntExact(a.samples());
                int[] shard = new int[share];
                for (int i = 0; i < share; i++) {
                    shard[i] = offset + i;
                }
                offset += share;
                parts.add(new Part(a.device(), shard, share, perEpoch, round - round % perEpoch));
            }
            return new DataLayout(samples, perEpoch, parts);
        }
        int[] owed = current.owed(round);
        int[] done = current.doneThisEpoch(owed);
        double[] weights = plan.assignments().stream().mapToDouble(Assignment::samples).toArray();
        long[] rest = Shares.largestRemainder(owed.length, weights);
        long remaining = perEpoch - round % perEpoch;
        int owedAt = 0;
        int doneAt = 0;
        for (int j = 0; j < rest.length; j++) {
            Assignment a = plan.assignments().get(j);
            int share = Math.toIntExact(a.samples());
            int fromOwed = Math.toIntExact(rest[j]);
            int[] shard = new int[share];
            System.arraycopy(owed, owedAt, shard, 0, fromOwed);
            System.arraycopy(done, doneAt, shard, fromOwed, share - fromOwed);
            owedAt += fromOwed;
            doneAt += share - fromOwed;
            parts.add(new Part(a.device(), shard, fromOwed, remaining, round));
        }
        return new DataLayout(samples, perEpoch, parts);
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

    /** The samples the epoch of round {@code round} has not trained yet before that round, device by device. */
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
        return owed.stream().mapToInt(Integer::intValue).toArray();
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

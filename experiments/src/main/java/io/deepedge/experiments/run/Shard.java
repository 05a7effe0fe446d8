package io.deepedge.experiments.run;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The K-th of N contiguous, disjoint slices of a run list (1-based K), so shards 1..N concatenated in
 * order are the whole list.
 *
 * @param k which slice, 1..n
 * @param n number of slices
 */
public record Shard(int k, int n) {
    public static final Shard ALL = new Shard(1, 1);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})/(\\d{1,9})");

    public Shard {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("shard must be K/N with 1 <= K <= N (" + k + "/" + n + ")");
        }
    }

    /** Parses {@code K/N}; empty when the text is not of that form or out of range. */
    public static Optional<Shard> parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        int k = Integer.parseInt(m.group(1));
        int n = Integer.parseInt(m.group(2));
        return n >= 1 && k >= 1 && k <= n ? Optional.of(new Shard(k, n)) : Optional.empty();
    }

    public <T> List<T> slice(List<T> all) {
        int from = (int) ((long) (k - 1) * all.size() / n);
        int to = (int) ((long) k * all.size() / n);
        return all.subList(from, to);
    }

    @Override
    public String toString() {
        return k + "/" + n;
    }
}

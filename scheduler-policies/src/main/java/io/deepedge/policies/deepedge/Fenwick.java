package io.deepedge.policies.deepedge;

/** Binary indexed tree of doubles: point add and prefix sum in O(log n). */
final class Fenwick {
    private final double[] tree;

    Fenwick(int size) {
        tree = new double[size + 1];
    }

    void add(int index, double value) {
        for (int i = index + 1; i < tree.length; i += i & -i) {
            tree[i] += value;
        }
    }

    /** Sum of positions 0..index inclusive; 0 for index < 0. */
    double prefix(int index) {
        double sum = 0;
        for (int i = index + 1; i > 0; i -= i & -i) {
            sum += tree[i];
        }
        return sum;
    }
}

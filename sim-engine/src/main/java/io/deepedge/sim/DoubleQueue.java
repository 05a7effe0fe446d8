package io.deepedge.sim;

import java.util.Arrays;

/** FIFO ring buffer of primitive doubles: a waiting line without boxing. */
final class DoubleQueue {
    private double[] items = new double[64];
    private int head;
    private int size;

    void add(double value) {
        if (size == items.length) {
            double[] grown = new double[items.length * 2];
            for (int i = 0; i < size; i++) {
                grown[i] = items[(head + i) % items.length];
            }
            items = grown;
            head = 0;
        }
        items[(head + size) % items.length] = value;
        size++;
    }

    double poll() {
        if (size == 0) {
            throw new IllegalStateException("empty queue");
        }
        double value = items[head];
        head = (head + 1) % items.length;
        size--;
        return value;
    }

    /** The {@code i}-th value from the head, without removing it. */
    double get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        return items[(head + i) % items.length];
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(items, 0.0);
        head = 0;
        size = 0;
    }
}

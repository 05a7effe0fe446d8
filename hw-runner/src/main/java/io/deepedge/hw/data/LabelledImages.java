package io.deepedge.hw.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

/**
 * Grey-scale images with class labels, stored as unsigned bytes (0 = background, 255 = full intensity) in one
 * row-major array: image {@code i} occupies {@code pixels[i * pixelsPerImage() ..]}. Byte storage keeps the
 * full Fashion-MNIST training set at 47 MB and is what a shard sends over the wire.
 *
 * <p>Immutable by convention: the arrays are neither copied on the way in nor on the way out (the full set
 * would be copied for nothing); whoever builds one hands over arrays it no longer touches, and readers of
 * {@link #pixelBytes()} and {@link #labelBytes()} must not write to them.
 *
 * @param source where the images came from (file, subset, drift), for manifests and messages
 * @param rows image height in pixels
 * @param cols image width in pixels
 * @param classes number of classes; every label is in {@code [0, classes)}
 */
public record LabelledImages(String source, int rows, int cols, int classes, byte[] pixelBytes, byte[] labelBytes) {
    public LabelledImages {
        Objects.requireNonNull(source, "source");
        if (rows <= 0 || cols <= 0 || classes <= 1) {
            throw new IllegalArgumentException("rows, cols must be positive and classes > 1 (" + rows + ", " + cols
                    + ", " + classes + ")");
        }
        if ((long) labelBytes.length * rows * cols != pixelBytes.length) {
            throw new IllegalArgumentException(source + ": " + pixelBytes.length + " pixel bytes do not hold "
                    + labelBytes.length + " images of " + rows + "x" + cols);
        }
        for (int i = 0; i < labelBytes.length; i++) {
            if (Byte.toUnsignedInt(labelBytes[i]) >= classes) {
                throw new IllegalArgumentException(source + ": label " + Byte.toUnsignedInt(labelBytes[i])
                        + " of image " + i + " is not in [0, " + classes + ")");
            }
        }
    }

    public int count() {
        return labelBytes.length;
    }

    public int pixelsPerImage() {
        return rows * cols;
    }

    public int label(int image) {
        return Byte.toUnsignedInt(labelBytes[image]);
    }

    /** Pixel {@code (row, col)} of image {@code image}, 0..255. */
    public int pixel(int image, int row, int col) {
        return Byte.toUnsignedInt(pixelBytes[image * pixelsPerImage() + row * cols + col]);
    }

    /** Images {@code [from, to)} as a new set (copies). */
    public LabelledImages slice(int from, int to) {
        Objects.checkFromToIndex(from, to, count());
        int ppi = pixelsPerImage();
        return new LabelledImages(source + "[" + from + "," + to + ")", rows, cols, classes,
                Arrays.copyOfRange(pixelBytes, from * ppi, to * ppi), Arrays.copyOfRange(labelBytes, from, to));
    }

    /** The images at the given indices, in that order (copies). */
    public LabelledImages select(int[] indices, String newSource) {
        int ppi = pixelsPerImage();
        byte[] px = new byte[indices.length * ppi];
        byte[] lb = new byte[indices.length];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixelBytes, indices[k] * ppi, px, k * ppi, ppi);
            lb[k] = labelBytes[indices[k]];
        }
        return new LabelledImages(newSource, rows, cols, classes, px, lb);
    }

    /** How many images each class has. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (byte b : labelBytes) {
            counts[Byte.toUnsignedInt(b)]++;
        }
        return counts;
    }

    /**
     * CRC-32 over the shape, the pixels and the labels: identifies the content (for cache keys) in ~20 ms for
     * the full training set, whatever {@link #source} says.
     */
    public long fingerprint() {
        CRC32 crc = new CRC32();
        crc.update(new byte[] {(byte) rows, (byte) cols, (byte) classes});
        crc.update(pixelBytes);
        crc.update(labelBytes);
        return crc.getValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelledImages other && rows == other.rows && cols == other.cols
                && classes == other.classes && source.equals(other.source)
                && Arrays.equals(pixelBytes, other.pixelBytes) && Arrays.equals(labelBytes, other.labelBytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, rows, cols, classes, Arrays.hashCode(labelBytes));
    }

    @Override
    public String toString() {
        return "LabelledImages[" + source + ", " + count() + " x " + rows + "x" + cols + ", " + classes + " classes]";
    }
}

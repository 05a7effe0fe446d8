package io.deepedge.hw.load;

import io.deepedge.hw.data.LabelledImages;

import java.util.Arrays;

/**
 * What each LC request carries: request {@code i} sends image {@code i mod n} of a set of images as its
 * {@code rows x cols} pixel bytes (what a camera client would send), or nothing (the agent then classifies one
 * of its own images). The label, when known, lets the generator count correct answers.
 */
public final class RequestInputs {
    private final LabelledImages images;

    private RequestInputs(LabelledImages images) {
        this.images = images;
    }

    /** Requests without input. */
    public static RequestInputs none() {
        return new RequestInputs(null);
    }

    /** Requests that send the images of {@code images} in turn. */
    public static RequestInputs images(LabelledImages images) {
        if (images.count() == 0) {
            throw new IllegalArgumentException(images + ": no images to send");
        }
        return new RequestInputs(images);
    }

    /** The input of request {@code index}. */
    public byte[] input(long index) {
        if (images == null) {
            return new byte[0];
        }
        int ppi = images.pixelsPerImage();
        int i = image(index);
        return Arrays.copyOfRange(images.pixelBytes(), i * ppi, (i + 1) * ppi);
    }

    /** The label of request {@code index}'s image, or -1 when requests carry no input. */
    public int label(long index) {
        return images == null ? -1 : images.label(image(index));
    }

    private int image(long index) {
        return (int) Long.remainderUnsigned(index, images.count());
    }
}

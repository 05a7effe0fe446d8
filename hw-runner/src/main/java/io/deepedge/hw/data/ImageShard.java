package io.deepedge.hw.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * The wire layout of a training shard of labelled grey-scale images ({@link #FORMAT}, the {@code format} of a
 * LoadShard header): a 16-byte header, then every label, then every pixel, all unsigned bytes.
 *
 * <pre>
 * offset  size           field
 *      0  4              magic "DESH" (0x44 0x45 0x53 0x48)
 *      4  1              layout version, 1
 *      5  1              reserved, 0
 *      6  2              rows, big-endian, 1 .. {@value #MAX_SIDE}
 *      8  2              cols, big-endian, 1 .. {@value #MAX_SIDE}
 *     10  2              classes, big-endian, 2 .. 256
 *     12  4              count, big-endian, 1 .. 2^31 - 1 (images)
 *     16  count          labels, one byte each, each below classes
 *     16 + count  count x rows x cols   pixels: image after image, row-major, 0 = background, 255 = full
 * </pre>
 *
 * <p>Nothing follows the pixels. The pixels are exactly {@link LabelledImages}' bytes (and IDX's), so a
 * Fashion-MNIST shard costs 785 bytes per image: 47 MB for the full training set. A shard carries images
 * already drifted by the coordinator (drift draws depend only on the image's index in its data set), so an
 * agent needs nothing but these bytes.
 */
public final class ImageShard {
    /** The {@code format} a LoadShard header names for this layout. */
    public static final String FORMAT = "images-u8-v1";
    public static final int HEADER_BYTES = 16;
    public static final int MAX_SIDE = 1024;
    static final byte[] MAGIC = {'D', 'E', 'S', 'H'};
    static final int VERSION = 1;

    private ImageShard() {
    }

    /** A shard that cannot be read; the message says where, what is wrong and what was expected. */
    public static final class MalformedShardException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedShardException(String message) {
            super(message);
        }
    }

    /** The bytes of a shard holding {@code images}. */
    public static byte[] encode(LabelledImages images) {
        if (images.rows() > MAX_SIDE || images.cols() > MAX_SIDE || images.classes() > 256 || images.count() < 1) {
            throw new IllegalArgumentException(images + ": a shard holds 1 or more images of at most " + MAX_SIDE
                    + "x" + MAX_SIDE + " pixels and at most 256 classes");
        }
        long total = HEADER_BYTES + images.count() + (long) images.pixelBytes().length;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(images + ": " + total + " bytes do not fit one shard (one Java array)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.BIG_ENDIAN);
        out.put(MAGIC).put((byte) VERSION).put((byte) 0).putShort((short) images.rows())
                .putShort((short) images.cols()).putShort((short) images.classes()).putInt(images.count());
        out.put(images.labelBytes()).put(images.pixelBytes());
        return out.array();
    }

    /** The images of a shard; {@code source} names them in messages and manifests. */
    public static LabelledImages decode(byte[] shard, String source) throws MalformedShardException {
        if (shard.length < HEADER_BYTES) {
            throw problem(0, shard.length + " bytes, shorter than the header", HEADER_BYTES + " header bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(shard).order(ByteOrder.BIG_ENDIAN);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw problem(0, "magic " + hex(magic), hex(MAGIC) + " (\"DESH\"): a shard in format " + FORMAT);
        }
        int version = Byte.toUnsignedInt(in.get());
        if (version != VERSION) {
            throw problem(4, "layout version " + version, "version " + VERSION);
        }
        in.get();
        int rows = Short.toUnsignedInt(in.getShort());
        int cols = Short.toUnsignedInt(in.getShort());
        int classes = Short.toUnsignedInt(in.getShort());
        long count = Integer.toUnsignedLong(in.getInt());
        check(rows >= 1 && rows <= MAX_SIDE, 6, "rows " + rows, "1 .. " + MAX_SIDE);
        check(cols >= 1 && cols <= MAX_SIDE, 8, "cols " + cols, "1 .. " + MAX_SIDE);
        check(classes >= 2 && classes <= 256, 10, "classes " + classes, "2 .. 256");
        check(count >= 1 && count <= Integer.MAX_VALUE, 12, "count " + count, "1 .. " + Integer.MAX_VALUE);
        long expected = HEADER_BYTES + count * (1 + (long) rows * cols);
        if (shard.length != expected) {
            throw problem(shard.length < expected ? shard.length : expected, shard.length + " bytes in all",
                    String.format(Locale.ROOT, "%d = %d header + %d x (1 label + %dx%d pixels)", expected,
                            HEADER_BYTES, count, rows, cols));
        }
        int n = (int) count;
        byte[] labels = Arrays.copyOfRange(shard, HEADER_BYTES, HEADER_BYTES + n);
        for (int i = 0; i < n; i++) {
            int label = Byte.toUnsignedInt(labels[i]);
            check(label < classes, HEADER_BYTES + i, "label " + label + " of image " + i, "below classes (" + classes + ")");
        }
        byte[] pixels = Arrays.copyOfRange(shard, HEADER_BYTES + n, shard.length);
        return new LabelledImages(source, rows, cols, classes, pixels, labels);
    }

    private static void check(boolean ok, long offset, String what, String expected) throws MalformedShardException {
        if (!ok) {
            throw problem(offset, what, expected);
        }
    }

    private static MalformedShardException problem(long offset, String what, String expected) {
        return new MalformedShardException("offset " + offset + ": " + what + ", expected " + expected);
    }

    private static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder("0x");
        for (byte b : bytes) {
            s.append(String.format(Locale.ROOT, "%02x", b));
        }
        return s.toString();
    }
}

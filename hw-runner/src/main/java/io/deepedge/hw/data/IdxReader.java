package io.deepedge.hw.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST / Fashion-MNIST format), plain or gzip-compressed (detected by
 * the gzip magic, whatever the file name). Every defect - wrong magic number, wrong number of dimensions,
 * a truncated or corrupt stream, trailing bytes, image and label counts that disagree, a label out of range -
 * is an {@link IdxFormatException} naming the file and the byte offset.
 *
 * <p>Format: bytes 0-1 are zero, byte 2 is the element type (0x08 = unsigned byte), byte 3 the number of
 * dimensions; then one big-endian int32 per dimension; then the elements in row-major order.
 */
public final class IdxReader {
    /** IDX element type code of unsigned bytes, the only type these data sets use. */
    static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** An IDX array: its dimensions and its elements. */
    record IdxArray(int[] dims, byte[] data) {
    }

    /** Reads an image file ({@code n x rows x cols}) and its label file ({@code n}) from disk. */
    public static LabelledImages read(Path images, Path labels, int classes, String source) throws IOException {
        try (InputStream img = Files.newInputStream(images); InputStream lab = Files.newInputStream(labels)) {
            return read(images.toString(), img, labels.toString(), lab, classes, source);
        }
    }

    /**
     * Reads an image stream and a label stream; the names are used in messages only. The streams are read to
     * their end and not closed.
     */
    public static LabelledImages read(String imagesName, InputStream images, String labelsName, InputStream labels,
                                      int classes, String source) throws IOException {
        IdxArray img = readArray(imagesName, images, 3);
        IdxArray lab = readArray(labelsName, labels, 1);
        if (lab.dims()[0] != img.dims()[0]) {
            throw new IdxFormatException(labelsName, 4, "holds " + lab.dims()[0] + " labels but " + imagesName
                    + " holds " + img.dims()[0] + " images; expected one label per image");
        }
        byte[] lb = lab.data();
        for (int i = 0; i < lb.length; i++) {
            if (Byte.toUnsignedInt(lb[i]) >= classes) {
                throw new IdxFormatException(labelsName, headerBytes(1) + i, "label " + Byte.toUnsignedInt(lb[i])
                        + " of item " + i + " is not a class of this data set, expected 0.." + (classes - 1));
            }
        }
        return new LabelledImages(source, img.dims()[1], img.dims()[2], classes, img.data(), lb);
    }

    /** Reads one IDX array of unsigned bytes with {@code expectedDims} dimensions. */
    static IdxArray readArray(String name, InputStream raw, int expectedDims) throws IOException {
        CountingReader in = new CountingReader(name, open(raw));
        try {
            int magic = in.readInt("the magic number");
            int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
            if (magic != expectedMagic) {
                throw new IdxFormatException(name, 0, String.format("bad magic number 0x%08X, expected 0x%08X "
                        + "(IDX of unsigned bytes with %d dimension%s)", magic, expectedMagic, expectedDims,
                        expectedDims == 1 ? "" : "s"));
            }
            int[] dims = new int[expectedDims];
            long elements = 1;
            for (int d = 0; d < expectedDims; d++) {
                long at = in.offset();
                dims[d] = in.readInt("dimension " + d);
                if (dims[d] <= 0) {
                    throw new IdxFormatException(name, at, "dimension " + d + " is " + dims[d] + ", expected > 0");
                }
                elements *= dims[d];
                if (elements > Integer.MAX_VALUE - 16) {
                    throw new IdxFormatException(name, at, "the dimensions hold " + elements
                            + " elements, more than one array can");
                }
            }
            byte[] data = in.readFully((int) elements, describe(dims));
            in.expectEnd();
            return new IdxArray(dims, data);
        } catch (ZipException | EOFException e) {
            // GZIPInputStream signals a damaged or cut-off archive this way
            throw new IdxFormatException(name, in.offset(), "corrupt or truncated gzip data (" + e.getMessage() + ")");
        }
    }

    /**
     * The first dimension (the item count) from an IDX file's header alone, without reading its data: cheap even
     * for the full set. The data are checked when the file is read.
     */
    public static int itemCount(String name, InputStream raw, int expectedDims) throws IOException {
        CountingReader in = new CountingReader(name, open(raw));
        try {
            int magic = in.readInt("the magic number");
            int expectedMagic = (UNSIGNED_BYTE << 8) | expectedDims;
            if (magic != expectedMagic) {
                throw new IdxFormatException(name, 0, String.format("bad magic number 0x%08X, expected 0x%08X",
                        magic, expectedMagic));
            }
            return in.readInt("dimension 0");
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(name, in.offset(), "corrupt or truncated gzip data (" + e.getMessage() + ")");
        }
    }

    static long headerBytes(int dims) {
        return 4L + 4L * dims;
    }

    private static String describe(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : " x ").append(d);
        }
        return sb.toString();
    }

    /** Plain or gzip, told by the first two bytes (0x1f 0x8b). */
    private static InputStream open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Reads while counting decompressed bytes, so messages can give the offset of a problem. */
    private static final class CountingReader {
        private final String name;
        private final InputStream in;
        private long offset;

        CountingReader(String name, InputStream in) {
            this.name = name;
            this.in = in;
        }

        long offset() {
            return offset;
        }

        int readInt(String what) throws IOException {
            byte[] b = readFully(4, what);
            return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        }

        byte[] readFully(int n, String what) throws IOException {
            byte[] out = new byte[n];
            int got = 0;
            while (got < n) {
                int r = in.read(out, got, n - got);
                if (r < 0) {
                    throw new IdxFormatException(name, offset, "the file ends here, " + (n - got) + " bytes short of "
                            + what + " (" + n + " bytes expected from offset " + (offset - got) + ")");
                }
                got += r;
                offset += r;
            }
            return out;
        }

        void expectEnd() throws IOException {
            if (in.read() >= 0) {
                throw new IdxFormatException(name, offset, "unexpected data after the last element; "
                        + "expected the file to end here");
            }
        }
    }
}

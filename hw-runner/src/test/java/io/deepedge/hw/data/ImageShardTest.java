package io.deepedge.hw.data;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageShardTest {
    private static LabelledImages images() {
        byte[] pixels = new byte[3 * 2 * 4];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 11);
        }
        return new LabelledImages("test", 2, 4, 5, pixels, new byte[] {4, 0, 2});
    }

    @Test
    void theLayoutIsTheDocumentedOneByteForByte() throws Exception {
        byte[] shard = ImageShard.encode(images());
        ByteBuffer expected = ByteBuffer.allocate(16 + 3 + 24);
        expected.put(new byte[] {'D', 'E', 'S', 'H', 1, 0, 0, 2, 0, 4, 0, 5, 0, 0, 0, 3});
        expected.put(new byte[] {4, 0, 2});
        expected.put(images().pixelBytes());
        assertArrayEquals(expected.array(), shard);
        LabelledImages back = ImageShard.decode(shard, "back");
        assertArrayEquals(images().pixelBytes(), back.pixelBytes());
        assertArrayEquals(images().labelBytes(), back.labelBytes());
        assertEquals(2, back.rows());
        assertEquals(4, back.cols());
        assertEquals(5, back.classes());
    }

    @Test
    void theShippedSubsetRoundTrips() throws Exception {
        LabelledImages train = FashionMnist.subset().train();
        byte[] shard = ImageShard.encode(train);
        assertEquals(16 + 785L * train.count(), shard.length);
        assertEquals(train.fingerprint(), ImageShard.decode(shard, train.source()).fingerprint());
    }

    @Test
    void defectsAreNamedWithTheirOffset() {
        byte[] good = ImageShard.encode(images());
        assertProblem(Arrays.copyOf(good, 10), "offset 0: 10 bytes, shorter than the header, expected 16 header bytes");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertProblem(magic, "offset 0: magic 0x58455348, expected 0x44455348 (\"DESH\")");
        byte[] version = good.clone();
        version[4] = 2;
        assertProblem(version, "offset 4: layout version 2, expected version 1");
        byte[] classes = good.clone();
        classes[11] = 1;
        assertProblem(classes, "offset 10: classes 1, expected 2 .. 256");
        byte[] label = good.clone();
        label[17] = 5;
        assertProblem(label, "offset 17: label 5 of image 1, expected below classes (5)");
        assertProblem(Arrays.copyOf(good, good.length - 1), "offset 42: 42 bytes in all, expected 43 = 16 header + 3 x "
                + "(1 label + 2x4 pixels)");
        assertProblem(Arrays.copyOf(good, good.length + 1), "offset 43: 44 bytes in all, expected 43");
        byte[] zero = good.clone();
        zero[15] = 0;
        assertProblem(zero, "offset 12: count 0, expected 1 ..");
    }

    private static void assertProblem(byte[] shard, String start) {
        ImageShard.MalformedShardException e = assertThrows(ImageShard.MalformedShardException.class,
                () -> ImageShard.decode(shard, "x"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}

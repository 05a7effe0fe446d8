package io.deepedge.hw.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The drift is seeded, addressed by image index, label-preserving, and geometrically right. */
class DriftTest {
    private static LabelledImages sample() throws IOException {
        return FashionMnist.subset().test().slice(0, 50);
    }

    @Test
    void sameSeedSameBytesAndLabelsUnchanged() throws IOException {
        LabelledImages in = sample();
        LabelledImages a = Drift.standard(3).apply(in, 0);
        LabelledImages b = Drift.standard(3).apply(in, 0);
        assertArrayEquals(a.pixelBytes(), b.pixelBytes());
        assertArrayEquals(in.labelBytes(), a.labelBytes());
        assertFalse(java.util.Arrays.equals(a.pixelBytes(), Drift.standard(4).apply(in, 0).pixelBytes()));
        assertFalse(java.util.Arrays.equals(a.pixelBytes(), in.pixelBytes()));
    }

    @Test
    void anImageIsDriftedTheSameWhicheverSliceItCameIn() throws IOException {
        LabelledImages in = sample();
        Drift d = Drift.standard(9);
        LabelledImages whole = d.apply(in, 100);
        LabelledImages part = d.apply(in.slice(20, 30), 120);
        assertArrayEquals(whole.slice(20, 30).pixelBytes(), part.pixelBytes());
    }

    @Test
    void noDriftIsTheIdentity() throws IOException {
        LabelledImages in = sample();
        assertArrayEquals(in.pixelBytes(), Drift.none().apply(in, 0).pixelBytes());
    }

    @Test
    void quarterTurnMovesEveryPixelExactly() throws IOException {
        LabelledImages in = sample();
        LabelledImages out = new Drift(1, 90, 90, 1, 1, 0).apply(in, 0);
        int n = in.rows();
        for (int i = 0; i < in.count(); i++) {
            boolean clockwise = true;
            boolean counter = true;
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < n; c++) {
                    // a quarter turn about the centre maps (r, c) to (c, n-1-r) one way and (n-1-c, r) the other
                    clockwise &= out.pixel(i, c, n - 1 - r) == in.pixel(i, r, c);
                    counter &= out.pixel(i, n - 1 - c, r) == in.pixel(i, r, c);
                }
            }
            assertTrue(clockwise || counter, "image " + i + " is not a quarter turn of its original");
        }
    }

    @Test
    void contrastPullsTowardsMidGreyAsDocumented() {
        byte[] px = new byte[4];
        px[1] = (byte) 255;
        LabelledImages in = new LabelledImages("t", 2, 2, 2, px, new byte[] {1});
        LabelledImages out = new Drift(0, 0, 0, 0.5, 0.5, 0).apply(in, 0);
        // 0 -> 0.5 + 0.5 (0 - 0.5) = 0.25 -> 64 ; 1 -> 0.75 -> 191
        assertEquals(64, out.pixel(0, 0, 0));
        assertEquals(191, out.pixel(0, 0, 1));
    }

    @Test
    void outOfRangeSettingsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Drift(0, 10, 5, 1, 1, 0));
        assertTrue(e.getMessage().startsWith("drift.rotation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Drift(0, 0, 0, 0, 1, 0));
        assertTrue(e.getMessage().startsWith("drift.contrast"), e.getMessage());
    }
}

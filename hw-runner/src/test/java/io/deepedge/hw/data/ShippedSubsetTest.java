package io.deepedge.hw.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Fashion-MNIST subset in the jar is what its README says it is. */
class ShippedSubsetTest {
    @Test
    void subsetHoldsTheDocumentedBalancedCounts() throws IOException {
        FashionMnist.Split s = FashionMnist.subset();
        assertEquals(4000, s.train().count());
        assertEquals(1000, s.test().count());
        assertEquals(28, s.train().rows());
        assertEquals(28, s.train().cols());
        int[] trainPerClass = new int[10];
        Arrays.fill(trainPerClass, FashionMnist.SUBSET_TRAIN_PER_CLASS);
        assertArrayEquals(trainPerClass, s.train().classCounts());
        int[] testPerClass = new int[10];
        Arrays.fill(testPerClass, FashionMnist.SUBSET_TEST_PER_CLASS);
        assertArrayEquals(testPerClass, s.test().classCounts());
    }

    @Test
    void subsetIsTheFirstImagesOfEachClassOfTheFullSet() throws IOException {
        assumeTrue(FashionMnist.isInstalled(FashionMnist.INSTALLED_DIR), "the full set is not installed in "
                + FashionMnist.INSTALLED_DIR + " (apt-get install dataset-fashion-mnist)");
        FashionMnist.Split full = FashionMnist.installed(FashionMnist.INSTALLED_DIR);
        assertEquals(60000, full.train().count());
        assertEquals(10000, full.test().count());
        FashionMnist.Split expected = SubsetMaker.make(full);
        FashionMnist.Split shipped = FashionMnist.subset();
        assertArrayEquals(expected.train().pixelBytes(), shipped.train().pixelBytes());
        assertArrayEquals(expected.train().labelBytes(), shipped.train().labelBytes());
        assertArrayEquals(expected.test().pixelBytes(), shipped.test().pixelBytes());
        assertArrayEquals(expected.test().labelBytes(), shipped.test().labelBytes());
    }
}

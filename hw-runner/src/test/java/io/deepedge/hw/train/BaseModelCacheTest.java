package io.deepedge.hw.train;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The base model is trained once per settings, found again by its key, and never left half-written. */
class BaseModelCacheTest {
    private static final NetworkSpec TINY = new NetworkSpec.Cnn(2, 4, 8);

    @TempDir
    Path dir;

    private static LabelledImages train() throws IOException {
        return FashionMnist.subset().train().slice(0, 96);
    }

    private static BaseModelSettings settings(long seed, LabelledImages train) {
        return BaseModelSettings.of(TINY, UpdaterSpec.runnerDefault(), seed, 1, 32, train);
    }

    @Test
    void trainsOnceThenLoadsTheSameParametersFromTheCache() throws IOException {
        LabelledImages train = train();
        BaseModelCache cache = new BaseModelCache(dir);
        BaseModelCache.Outcome first = cache.getOrTrain(settings(1, train), train);
        assertTrue(first.trainedNow());
        assertEquals(3, first.network().getIterationCount(), "one epoch of 96 images in batches of 32");
        BaseModelCache.Outcome second = cache.getOrTrain(settings(1, train), train);
        assertFalse(second.trainedNow());
        assertEquals(first.file(), second.file());
        assertArrayEquals(first.network().params().toFloatVector(), second.network().params().toFloatVector(), 0f);
        assertEquals(settings(1, train).canonical(),
                Files.readString(dir.resolve("base-" + settings(1, train).key() + ".txt")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList(), "temporary files left");
        }
    }

    @Test
    void everySettingAndTheDataContentChangeTheKey() throws IOException {
        LabelledImages train = train();
        String key = settings(1, train).key();
        assertNotEquals(key, settings(2, train).key());
        assertNotEquals(key, BaseModelSettings.of(TINY, UpdaterSpec.runnerDefault(), 1, 2, 32, train).key());
        assertNotEquals(key, BaseModelSettings.of(TINY, UpdaterSpec.runnerDefault(), 1, 1, 16, train).key());
        assertNotEquals(key, BaseModelSettings.of(TINY, UpdaterSpec.sgd(0.1), 1, 1, 32, train).key());
        assertNotEquals(key, BaseModelSettings.of(new NetworkSpec.Cnn(2, 4, 9), UpdaterSpec.runnerDefault(), 1, 1, 32, train).key());
        LabelledImages other = FashionMnist.subset().train().slice(1, 97);
        assertNotEquals(key, settings(1, other).key());
        assertEquals(key, settings(1, train.slice(0, 96)).key(), "the same content under another name is the same data");
    }

    @Test
    void unreadableCacheFileIsTrainedAgainAndReplaced() throws IOException {
        LabelledImages train = train();
        BaseModelCache cache = new BaseModelCache(dir);
        Path file = cache.getOrTrain(settings(1, train), train).file();
        Files.write(file, new byte[] {1, 2, 3});
        BaseModelCache.Outcome again = cache.getOrTrain(settings(1, train), train);
        assertTrue(again.trainedNow());
        assertTrue(again.note().orElseThrow().contains("could not be read"), again.note().toString());
        assertFalse(cache.getOrTrain(settings(1, train), train).trainedNow(), "the replaced file loads");
    }

    @Test
    void trainingImagesOtherThanTheSettingsAreRefused() throws IOException {
        LabelledImages train = train();
        BaseModelCache cache = new BaseModelCache(dir);
        assertThrows(IllegalArgumentException.class,
                () -> cache.getOrTrain(settings(1, train), FashionMnist.subset().train().slice(1, 97)));
    }
}

package io.deepedge.models;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** runs.csv's train_cpu_ms_per_sample cell, worked out by hand. */
class TrainingCpuTest {
    @Test
    void theCellListsEachDeviceWithSamplesInNameOrder() {
        TrainingCpu a = TrainingCpu.NONE.plus(121, 40).plus(95, 39);  // 216 ms over 79 samples: 2.73417...
        TrainingCpu b = TrainingCpu.NONE.plus(30, 8);                 // 3.75
        assertEquals(216, a.cpuMs(), 1e-12);
        assertEquals(79, a.samples());
        assertEquals("a:2.7342;b:3.7500", TrainingCpu.render(Map.of("b", b, "c", TrainingCpu.NONE, "a", a)),
                "c finished no batch: left out");
        assertEquals("", TrainingCpu.render(Map.of()));
        assertTrue(Double.isNaN(TrainingCpu.NONE.msPerSample()));
        assertThrows(IllegalArgumentException.class, () -> new TrainingCpu(-1, 3));
    }
}

package io.deepedge.models;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CfsCountsTest {
    @Test
    void theShareIsThrottledOverPeriodsAndUndefinedWithoutPeriods() {
        assertEquals(0.25, new CfsCounts(8, 2).throttledShare(), 0);
        assertTrue(Double.isNaN(new CfsCounts(0, 0).throttledShare()));
    }

    @Test
    void refusesCountsNoKernelWrites() {
        assertThrows(IllegalArgumentException.class, () -> new CfsCounts(3, 4));
        assertThrows(IllegalArgumentException.class, () -> new CfsCounts(-1, 0));
    }

    @Test
    void theCellListsDevicesByNameWithFourDecimalsAndLeavesOutDevicesWithoutPeriods() {
        Map<String, CfsCounts> byDevice = new LinkedHashMap<>();
        byDevice.put("small", new CfsCounts(3, 1));
        byDevice.put("idle", new CfsCounts(0, 0));
        byDevice.put("big", new CfsCounts(450, 31));
        assertEquals("big:0.0689;small:0.3333", CfsCounts.render(byDevice));
        assertEquals("", CfsCounts.render(Map.of()));
    }
}

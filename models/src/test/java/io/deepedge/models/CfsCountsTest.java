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
    void aWindowIsTheDifferenceOfItsEndsCounts() {
        assertEquals(new CfsCounts(450, 31), new CfsCounts(1200, 70).until(new CfsCounts(1650, 101)));
    }

    @Test
    void readingsGiveCountsOnlyWhenBothExistAndGoForward() {
        var start = java.util.Optional.of(new CfsCounts(1200, 70));
        assertEquals(java.util.Optional.of(new CfsCounts(450, 31)),
                CfsCounts.between(start, java.util.Optional.of(new CfsCounts(1650, 101))));
        assertEquals(java.util.Optional.empty(), CfsCounts.between(start, java.util.Optional.empty()));
        assertEquals(java.util.Optional.empty(), CfsCounts.between(java.util.Optional.empty(), start));
        // a group created anew between the readings
        assertEquals(java.util.Optional.empty(), CfsCounts.between(start, java.util.Optional.of(new CfsCounts(40, 2))));
    }

    @Test
    void refusesCountsNoKernelWrites() {
        assertThrows(IllegalArgumentException.class, () -> new CfsCounts(3, 4));
        assertThrows(IllegalArgumentException.class, () -> new CfsCounts(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> new CfsCounts(10, 0).until(new CfsCounts(9, 0)));
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

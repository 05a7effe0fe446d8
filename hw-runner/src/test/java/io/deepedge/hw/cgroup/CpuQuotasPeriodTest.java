package io.deepedge.hw.cgroup;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CFS period a {@code -Ddeepedge.cfsPeriodUs} value gives: the kernel's range 1 ms .. 1 s, else the default. */
class CpuQuotasPeriodTest {
    @Test
    void aPeriodTheKernelTakesIsUsedAnythingElseIsTheDefault() {
        assertEquals(100_000, CpuQuotas.period(null));
        assertEquals(10_000, CpuQuotas.period("10000"));
        assertEquals(1_000, CpuQuotas.period(" 1000 "));
        assertEquals(1_000_000, CpuQuotas.period("1000000"));
        assertEquals(100_000, CpuQuotas.period("999"));
        assertEquals(100_000, CpuQuotas.period("1000001"));
        assertEquals(100_000, CpuQuotas.period("-5"));
        assertEquals(100_000, CpuQuotas.period("10ms"));
    }
}

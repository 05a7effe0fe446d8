package io.deepedge.hw.profile;

import io.deepedge.models.HostProbe;
import io.deepedge.models.profile.PhaseHosts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each phase of a design point reads the probe's steps over its own stretch of the clock. */
class PhaseSpansTest {
    @Test
    void eachPhaseReadsItsOwnStretch() {
        List<long[]> asked = new ArrayList<>();
        // a probe whose steps over [from, to] are (to - from) / 10 steps of from / 100 ms: each phase tells its own
        HostWindow probe = (from, to) -> {
            asked.add(new long[] {from, to});
            return new HostProbe((int) ((to - from) / 10), from / 100.0);
        };
        PhaseHosts hosts = new PhaseSpans(1000, 1300, 1400, 1600, 2000, 2500).hosts(probe);
        assertEquals(new PhaseHosts(new HostProbe(30, 10), new HostProbe(20, 14), new HostProbe(50, 20)), hosts);
        assertEquals(List.of("1000-1300", "1400-1600", "2000-2500"),
                asked.stream().map(a -> a[0] + "-" + a[1]).toList());
    }

    @Test
    void aPointsProgressLineEndsWithItsPhasesSteps() {
        // a phase without a step is a dash; an unprobed point adds nothing to its line
        assertEquals("; host probe 40.0 / - / 45.3 ms a step (training / services / together)",
                DeviceProfiler.phaseHostsText(new PhaseHosts(new HostProbe(3, 40), HostProbe.NONE,
                        new HostProbe(2, 45.25))));
        assertEquals("", DeviceProfiler.phaseHostsText(PhaseHosts.NONE));
    }

    @Test
    void untimedPhasesAndNoProbeHaveNoSteps() {
        HostWindow never = (from, to) -> {
            throw new AssertionError("an untimed point asked the probe");
        };
        assertEquals(PhaseHosts.NONE, PhaseSpans.NONE.hosts(never));
        assertEquals(PhaseHosts.NONE, new PhaseSpans(1, 2, 3, 4, 5, 6).hosts(HostWindow.NONE));
        assertTrue(new PhaseSpans(1, 2, 3, 4, 5, 6).timed());
        assertThrows(IllegalArgumentException.class, () -> new PhaseSpans(5, 4, 6, 7, 8, 9));
    }
}

package io.deepedge.hw.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deepedge.hw.rpc.v1.DeviceInfo;
import io.deepedge.hw.rpc.v1.GpuInfo;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DeviceProbeTest {
    @Test
    void readsCgroupV2Quota() {
        assertEquals(OptionalDouble.of(0.5), DeviceProbe.parseCpuMax("50000 100000\n"));
        assertEquals(OptionalDouble.of(2.5), DeviceProbe.parseCpuMax("250000 100000"));
        assertEquals(OptionalDouble.empty(), DeviceProbe.parseCpuMax("max 100000"));
        assertEquals(OptionalDouble.empty(), DeviceProbe.parseCpuMax("garbage"));
    }

    @Test
    void readsCgroupV1Quota() {
        assertEquals(OptionalDouble.of(0.25), DeviceProbe.parseCfs("25000\n", "100000\n"));
        assertEquals(OptionalDouble.empty(), DeviceProbe.parseCfs("-1", "100000"));
    }

    @Test
    void readsNvidiaSmiLines() {
        List<GpuInfo> gpus = DeviceProbe.parseNvidiaSmi("NVIDIA GeForce RTX 3080, 10240\nTesla T4, [N/A]\n\n");
        assertEquals(2, gpus.size());
        assertEquals("NVIDIA GeForce RTX 3080", gpus.get(0).getName());
        assertEquals(10240, gpus.get(0).getMemoryMib());
        assertEquals("Tesla T4", gpus.get(1).getName());
        assertEquals(0, gpus.get(1).getMemoryMib());
        assertEquals("nvidia-smi", gpus.get(0).getSource());
    }

    @Test
    void recognisesAJetsonFromItsDeviceTreeModel() {
        GpuInfo gpu = DeviceProbe.parseJetsonModel("NVIDIA Jetson AGX Orin Developer Kit\0").orElseThrow();
        assertEquals("NVIDIA Jetson AGX Orin Developer Kit", gpu.getName());
        assertTrue(DeviceProbe.parseJetsonModel("Raspberry Pi 4 Model B\0").isEmpty());
    }

    @Test
    void probesThisMachine() {
        DeviceInfo info = DeviceProbe.probe("here");
        assertEquals("here", info.getName());
        assertEquals(Runtime.getRuntime().availableProcessors(), info.getCores());
        assertTrue(info.getMemoryMib() > 0);
    }
}

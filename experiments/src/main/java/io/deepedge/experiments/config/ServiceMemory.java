package io.deepedge.experiments.config;

import io.deepedge.models.Device;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that the LC service instances placed on each device fit in its memory together. Training gets what
 * they leave, so instances that alone exceed a device could never be run there, whatever a policy decides.
 */
final class ServiceMemory {
    /**
     * One instance's memory on one device.
     *
     * @param device the device it is placed on
     * @param mib its {@code memoryMiB}
     * @param service the service entry, where a problem about its {@code memoryMiB} goes
     */
    private record Claim(String device, double mib, YamlMap service) {
    }

    private final List<Claim> claims = new ArrayList<>();

    /** Records an instance of {@code service} on {@code device}; call in file order, so problems name the first excess. */
    void claim(String device, double mib, YamlMap service) {
        claims.add(new Claim(device, mib, service));
    }

    /**
     * Reports each device whose services need more than its memory, once, at the service that first goes over it.
     * Devices missing from {@code devices} had an invalid profile, reported already, so they are skipped.
     */
    void check(List<Device> devices, Problems problems) {
        Map<String, Double> capacity = new HashMap<>();
        devices.forEach(d -> capacity.put(d.name(), d.profile().memoryMiB()));
        Map<String, Double> used = new HashMap<>();
        for (Claim claim : claims) {
            Double cap = capacity.get(claim.device());
            Double before = used.get(claim.device());
            if (cap == null || (before != null && before > cap)) {
                continue; // no device to check against, or already reported
            }
            double previous = before == null ? 0 : before;
            double total = previous + claim.mib();
            used.put(claim.device(), total);
            if (total > cap) {
                report(claim, previous, total, cap, problems);
            }
        }
    }

    /** Only a positive memoryMiB can go over, and the default is 0, so the field is written in the file. */
    private static void report(Claim claim, double before, double total, double cap, Problems problems) {
        Node at = claim.service().get("memoryMiB").orElseThrow();
        String device = claim.device();
        String capacity = YamlNodes.format(cap);
        problems.add(at, claim.service().path("memoryMiB"), "services on " + device + " need "
                        + YamlNodes.format(total) + " MiB > " + capacity + " MiB device memory", YamlNodes.show(at),
                "at most " + capacity + " MiB for all services on " + device + ", so at most "
                        + YamlNodes.format(cap - before) + " MiB here");
    }
}

package io.deepedge.experiments.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The valid reference config of the loader tests, and small edits of it that keep its line numbers known. */
final class ConfigFiles {
    /** CONTRACTS.md's example without trace and sweep, plus a second service and a typed-device override. */
    static final String VALID = """
            name: quickstart
            seed: 42
            replications: 5
            horizonSec: 7200
            devices:
              - name: nano
                type: jetson-nano
                count: 2
                profile: { interference: { trainingSlowdown: 2.5 } }
              - name: fast
                count: 1
                profile:
                  trainSamplesPerSec: 300
                  memoryMiB: 8192
                  interference:
                    serviceSlowdown: 1.5
                    trainingSlowdown: 1.2
                network: { latencyMs: 0.5 }
            network:
              bandwidthMbps: 500
              latencyMs: 1
            services:
              - name: detector
                devices: [nano-1, fast]
                arrivals:
                  poisson: { ratePerSec: 5 }
                serviceTimeMs:
                  exponential: { meanMs: 40 }
                deadlineMs: 200
                sloQuantile: 0.99
              - name: speech
                devices: [nano-2]
                arrivals:
                  poisson: { ratePerSec: 2 }
                serviceTimeMs: catalog
                deadlineMs: 100
            training:
              model: mobilenet-v2
              parameterBytes: 14000000
              samples: 40000
              epochs: 1
              batchSize: 64
              topology: parameter-server
              checkpointEverySec: 60
            failures:
              - { device: nano-2, atSec: 300, downSec: 600 }
              - { device: fast, atSec: 100 }
            policies: [equal-split, throughput-proportional, fastest-single, random]
            """;

    private ConfigFiles() {
    }

    /** {@link #VALID} with one exact fragment replaced; fails if the fragment is not there exactly once. */
    static String validWith(String fragment, String replacement) {
        return with(VALID, fragment, replacement);
    }

    static String with(String text, String fragment, String replacement) {
        int at = text.indexOf(fragment);
        assertEquals(at, text.lastIndexOf(fragment), "fragment must occur exactly once: " + fragment);
        if (at < 0) {
            throw new IllegalArgumentException("fragment not in config: " + fragment);
        }
        return text.substring(0, at) + replacement + text.substring(at + fragment.length());
    }

    static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

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

    /**
     * A valid config with batch profiles, a training memory override, service memory, step arrivals and a
     * monitoring block; the nano entry's batches are out of order on purpose.
     */
    static final String EXTENDED = """
            name: extended
            seed: 7
            replications: 2
            horizonSec: 3600
            devices:
              - name: nano
                type: jetson-nano
                count: 2
                profile:
                  batches:
                    - { batch: 32, trainSamplesPerSec: 6.5, serviceSlowdown: 1.6, memoryMiB: 2200 }
                    - { batch: 8, trainSamplesPerSec: 5 }
                    - { batch: 16, trainSamplesPerSec: 6, memoryMiB: 1500 }
              - name: box
                profile:
                  memoryMiB: 8192
                  batches:
                    - { batch: 64, trainSamplesPerSec: 120 }
            services:
              - name: detector
                devices: [nano-1, box]
                memoryMiB: 1500
                arrivals:
                  steps:
                    - { atSec: 0, ratePerSec: 2 }
                    - { atSec: 600, ratePerSec: 8 }
                    - { atSec: 1800, ratePerSec: 0 }
                serviceTimeMs: { exponential: { meanMs: 40 } }
                deadlineMs: 200
              - name: speech
                devices: [nano-1]
                memoryMiB: 500
                arrivals: { poisson: { ratePerSec: 1 } }
                serviceTimeMs: { constant: { ms: 20 } }
                deadlineMs: 100
            training:
              model: mobilenet-v2
              samples: 10000
              batchSize: 64
              memory: { perSampleMiB: 40 }
            monitoring:
              intervalSec: 30
              forecaster: ewma
              alpha: 0.3
            policies: [equal-split, random]
            """;

    private ConfigFiles() {
    }

    /** {@link #EXTENDED} with one exact fragment replaced; fails if the fragment is not there exactly once. */
    static String extendedWith(String fragment, String replacement) {
        return with(EXTENDED, fragment, replacement);
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

package io.deepedge.experiments.cli;

import io.deepedge.experiments.config.GridPoint;
import io.deepedge.experiments.config.ProblemText;
import io.deepedge.experiments.config.ProfileFileReader;
import io.deepedge.hw.profile.DeviceProfiler;
import io.deepedge.models.Device;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.traces.TraceException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code profile CONFIG --refit PROFILE.yaml}: a profile file's quota-limited devices fitted again on the design
 * points it holds, as {@code profile} fits them after measuring ({@link QuotaModelCheck#fitAndCheck}, with the
 * profile's own seed), and checked on its held-out points. Nothing is measured: the co-runner probe's figure is kept
 * as the file has it, and every measured figure too. For a profile written before a term existed (it reads as the
 * model without it), or to see what a changed fit makes of the same measurements.
 */
final class ProfileRefit {
    private ProfileRefit() {
    }

    /**
     * The profile file refitted, with its checks.
     *
     * @param profile the file's profile, its quota-limited devices' co-location terms and quota model errors fitted
     *        again
     * @param pooledQuota the quota model's errors over every device's held-out points
     * @param latency each quota-limited device's latency beside training, the twin's against the agents'
     * @param aloneLatency the same with the services alone
     */
    record Result(Profile profile, QuotaModelErrors pooledQuota,
                  Map<String, QuotaModelCheck.LatencyComparison> latency,
                  Map<String, QuotaModelCheck.LatencyComparison> aloneLatency) {
    }

    /**
     * Refits {@code file} for the config's grid point {@code point} (its devices' services, training memory and
     * links, as {@code profile} took them), its simulations seeded with {@code seed} (null: the profile's own seed, so
     * a refit of a file the current fit wrote gives it back); problems (an unreadable file, a device the config does
     * not have) are added to {@code problems}, and nothing is fitted while there are any, these or others.
     */
    static Result refit(GridPoint point, Path file, Long seed, List<String> problems) {
        Profile before;
        try {
            before = ProfileFileReader.read(file, "--refit " + file);
        } catch (TraceException e) {
            problems.addAll(e.lines());
            return null;
        }
        List<String> names = point.scenario().devices().stream().map(Device::name).toList();
        for (ProfiledDevice d : before.devices()) {
            if (d.cpuQuota().limited() && !names.contains(d.name())) {
                problems.add(ProblemText.of("--refit " + file, "device not in the config", d.name(),
                        "the config the profile was measured for (its devices: " + String.join(", ", names) + ")"));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        long fitSeed = seed == null ? before.seed() : seed;
        List<ProfiledDevice> refitted = new ArrayList<>();
        List<QuotaModelCheck.Comparison> checks = new ArrayList<>();
        Map<String, QuotaModelCheck.LatencyComparison> latency = new LinkedHashMap<>();
        Map<String, QuotaModelCheck.LatencyComparison> alone = new LinkedHashMap<>();
        for (ProfiledDevice d : before.devices()) {
            if (!d.cpuQuota().limited()) {
                refitted.add(d);
                continue;
            }
            Device config = point.scenario().device(d.name());
            // the services' shares of a point's rate as the profile run split them (no model is loaded here)
            Map<String, Double> shares = DeviceProfiler.HostedService.shares(ProfileCommand.hosted(point, d.name(),
                    Map.of()));
            // the co-runner probe measured its term: nothing here can fit it again
            QuotaModelCheck.Fitted f = QuotaModelCheck.fitAndCheck(d, shares, config.profile().trainingMemory(),
                    config.link(), fitSeed, d.colocation().coRunnerSpeed());
            checks.add(f.check());
            if (!f.latency().isEmpty()) {
                latency.put(d.name(), f.latency());
            }
            if (!f.alone().isEmpty()) {
                alone.put(d.name(), f.alone());
            }
            refitted.add(f.device());
        }
        Profile after = new Profile(before.date(), before.machine(), before.jvm(), before.seed(), before.method(),
                refitted);
        return new Result(after, QuotaModelCheck.Comparison.pooled(checks).errors(), latency, alone);
    }
}

package io.deepedge.models.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * How far two profiles of the same devices lie apart in what the twin runs on: each device's measured standalone
 * figures (training throughput at the profiled batches, each service's times and CPU, the agent's own work, and the
 * CPU per request its {@link ServiceCpuCurve} gives at the earlier curve's lowest and highest design rate), the later
 * against the earlier. A profile is measured once and the machine's figures move between runs (README
 * "Throttled periods, twin against kernel"): profiling again after a testbed run shows by how much, which bounds
 * what a comparison of the twin with that run can attribute to the model.
 *
 * @param rows        per device present in both, per figure either profile measured (not 0): the two values
 * @param onlyBefore  devices and device/service pairs only the earlier profile has
 * @param onlyAfter   devices and device/service pairs only the later profile has
 */
public record ProfileDrift(List<Row> rows, List<String> onlyBefore, List<String> onlyAfter) {
    /** One figure of one device in both profiles. */
    public record Row(String device, String figure, double before, double after) {
        /** {@code (after - before) / before}; empty when the earlier value is 0 (not measured). */
        public OptionalDouble relChange() {
            return before != 0 ? OptionalDouble.of((after - before) / before) : OptionalDouble.empty();
        }
    }

    public ProfileDrift {
        rows = List.copyOf(rows);
        onlyBefore = List.copyOf(onlyBefore);
        onlyAfter = List.copyOf(onlyAfter);
    }

    /** The figures of {@code after} against {@code before}, devices in {@code before}'s order. */
    public static ProfileDrift between(Profile before, Profile after) {
        List<Row> rows = new ArrayList<>();
        List<String> onlyBefore = new ArrayList<>();
        List<String> onlyAfter = new ArrayList<>();
        for (ProfiledDevice b : before.devices()) {
            Optional<ProfiledDevice> a = after.device(b.name());
            if (a.isEmpty()) {
                onlyBefore.add(b.name());
            } else {
                device(b, a.get(), rows, onlyBefore, onlyAfter);
            }
        }
        for (ProfiledDevice a : after.devices()) {
            if (before.device(a.name()).isEmpty()) {
                onlyAfter.add(a.name());
            }
        }
        return new ProfileDrift(rows, onlyBefore, onlyAfter);
    }

    /** The row with the largest |relative change|, if any row has one. */
    public Optional<Row> largest() {
        Row best = null;
        for (Row r : rows) {
            if (r.relChange().isPresent() && (best == null
                    || Math.abs(r.relChange().getAsDouble()) > Math.abs(best.relChange().getAsDouble()))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    private static void device(ProfiledDevice b, ProfiledDevice a, List<Row> rows, List<String> onlyBefore,
                               List<String> onlyAfter) {
        String d = b.name();
        add(rows, d, "cpus", b.cpus(), a.cpus());
        TreeSet<Integer> batches = new TreeSet<>(b.batches());
        batches.addAll(a.batches());
        for (int batch : batches) {
            add(rows, d, "trainSamplesPerSec@" + batch, b.model().trainSamplesPerSec(batch),
                    a.model().trainSamplesPerSec(batch));
        }
        for (ServiceProfile s : b.services()) {
            Optional<ServiceProfile> t = a.service(s.name());
            if (t.isEmpty()) {
                onlyBefore.add(d + "/" + s.name());
                continue;
            }
            String p = s.name() + ".";
            add(rows, d, p + "meanMs", s.meanMs(), t.get().meanMs());
            add(rows, d, p + "cv", s.cv(), t.get().cv());
            add(rows, d, p + "capacityMs", s.capacityMs(), t.get().capacityMs());
            add(rows, d, p + "cpuMeanMs", s.cpuMeanMs(), t.get().cpuMeanMs());
        }
        for (ServiceProfile s : a.services()) {
            if (b.service(s.name()).isEmpty()) {
                onlyAfter.add(d + "/" + s.name());
            }
        }
        add(rows, d, "idleCpuCores", b.idleCpuCores(), a.idleCpuCores());
        add(rows, d, "roundOverheadMs", b.roundOverheadMs(), a.roundOverheadMs());
        add(rows, d, "roundCoordinationMs", b.roundCoordinationMs(), a.roundCoordinationMs());
        add(rows, d, "lcHopMs", b.lcHopMs(), a.lcHopMs());
        add(rows, d, "speedSpread", b.speedSpread(), a.speedSpread());
        // the host each was measured on: a profile's figures move with it (0 where not probed)
        add(rows, d, "hostProbe.cpuMs", b.hostProbe().measured() ? b.hostProbe().cpuMsMean() : 0,
                a.hostProbe().measured() ? a.hostProbe().cpuMsMean() : 0);
        add(rows, d, "shardLoadMsPerSample", b.shardLoadMsPerSample(), a.shardLoadMsPerSample());
        add(rows, d, "gcPauses.perRequest", b.gcPauses().perRequest(), a.gcPauses().perRequest());
        add(rows, d, "gcPauses.perTrainSample", b.gcPauses().perTrainSample(), a.gcPauses().perTrainSample());
        if (b.colocation().any() || a.colocation().any()) {  // fitted by either (1 where not fitted: the model as is)
            add(rows, d, "colocation.backToBackCpu", b.colocation().backToBackCpu(), a.colocation().backToBackCpu());
            add(rows, d, "colocation.trainingSpeedWhileServing", b.colocation().trainingSpeedWhileServing(),
                    a.colocation().trainingSpeedWhileServing());
            add(rows, d, "colocation.trainingCoresWhileServing", b.colocation().trainingCoresWhileServing(),
                    a.colocation().trainingCoresWhileServing());
            add(rows, d, "colocation.coRunnerSpeed", b.colocation().coRunnerSpeed(), a.colocation().coRunnerSpeed());
            add(rows, d, "colocation.coldRequestSpeed", b.colocation().coldRequestSpeed(),
                    a.colocation().coldRequestSpeed());
        }
        serviceCpu(d, b, a, rows);
    }

    /**
     * Where either profile has a {@link ServiceCpuCurve} the twin can read: the CPU per request each gives (0 without
     * one) at the lowest and highest design rate of the earlier curve, else of the later: the same rates on both
     * sides, where the twin reads them.
     */
    private static void serviceCpu(String d, ProfiledDevice b, ProfiledDevice a, List<Row> rows) {
        Optional<ServiceCpuCurve.Law> before = b.serviceCpu().fit(b.idleCpuCores());
        Optional<ServiceCpuCurve.Law> after = a.serviceCpu().fit(a.idleCpuCores());
        Optional<ServiceCpuCurve.Law> rates = before.isPresent() ? before : after;
        if (rates.isEmpty()) {
            return;
        }
        for (double rate : new double[] {rates.get().lowestRatePerSec(), rates.get().highestRatePerSec()}) {
            add(rows, d, String.format(Locale.ROOT, "serviceCpu.cpuMsPerRequest@%.3g/s", rate),
                    before.map(l -> l.cpuMsPerRequestAt(rate)).orElse(0.0),
                    after.map(l -> l.cpuMsPerRequestAt(rate)).orElse(0.0));
        }
    }

    /** A figure neither profile measured (0 in both) is left out. */
    private static void add(List<Row> rows, String device, String figure, double before, double after) {
        if (before != 0 || after != 0) {
            rows.add(new Row(device, figure, before, after));
        }
    }
}

package io.deepedge.experiments.config;

import io.deepedge.models.GcPauses;
import io.deepedge.models.HostProbe;
import io.deepedge.models.profile.ColocatedLatency;
import io.deepedge.models.profile.ErrorSummary;
import io.deepedge.models.profile.InterferenceModel;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.PhaseHosts;
import io.deepedge.models.profile.Profile;
import io.deepedge.models.profile.ProfiledDevice;
import io.deepedge.models.profile.QuotaModelErrors;
import io.deepedge.models.profile.ServiceCpuCurve;
import io.deepedge.models.profile.ServiceProfile;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Profile} as the YAML text of a profile file (README, "Profile files"); {@link ProfileFileReader} reads it
 * back to an equal profile (numbers are written in Java's shortest round-trip form).
 */
public final class ProfileFileWriter {
    private static final String HEADER = "# Deep-Edge profile file (README: Profile files). Written by ./deepedge profile;"
            + " a config's device uses it with profile: { file: THIS_FILE }.\n";

    private ProfileFileWriter() {
    }

    public static String text(Profile profile) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("format", Profile.FORMAT);
        Map<String, Object> conditions = new LinkedHashMap<>();
        conditions.put("date", profile.date());
        conditions.put("machine", profile.machine());
        conditions.put("jvm", profile.jvm());
        conditions.put("seed", profile.seed());
        conditions.put("design", profile.method());
        top.put("conditions", conditions);
        List<Object> devices = new ArrayList<>();
        profile.devices().forEach(d -> devices.add(device(d)));
        top.put("devices", devices);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(160);
        return HEADER + new Yaml(new FlowListRepresenter(options), options).dump(top);
    }

    /** A list written in flow style ({@code [a, b, c]}) inside the block-style file. */
    private static final class FlowList extends ArrayList<Double> {
        FlowList(List<Double> values) {
            super(values);
        }
    }

    private static final class FlowListRepresenter extends Representer {
        FlowListRepresenter(DumperOptions options) {
            super(options);
            representers.put(FlowList.class,
                    data -> representSequence(Tag.SEQ, (FlowList) data, DumperOptions.FlowStyle.FLOW));
        }
    }

    private static Map<String, Object> device(ProfiledDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("cpus", d.cpus());
        if (d.cpuQuota().limited()) {
            m.put("cfsPeriodMs", d.cfsPeriodMs());
            m.put("hostCores", d.hostCores());
        }
        m.put("memoryMiB", d.memoryMiB());
        m.put("lcHopMs", d.lcHopMs());
        m.put("roundOverheadMs", d.roundOverheadMs());
        m.put("shardLoadMsPerSample", d.shardLoadMsPerSample());
        if (d.roundCoordinationMs() > 0) {
            m.put("roundCoordinationMs", d.roundCoordinationMs());
        }
        if (d.idleCpuCores() > 0) {
            m.put("idleCpuCores", d.idleCpuCores());
        }
        if (d.speedSpread() > 0) {
            m.put("speedSpread", d.speedSpread());
        }
        if (d.speedTrace().any()) {
            // flow style: a few hundred numbers on a few lines, not one line each
            m.put("speedTrace", map("stepSec", d.speedTrace().stepSec(), "speeds", new FlowList(d.speedTrace().speeds())));
        }
        putProbe(m, "hostProbe", d.hostProbe());
        m.put("batches", d.batches());
        InterferenceModel f = d.model();
        m.put("throughput", map("iterationBaseSec", f.iterationBaseSec(), "iterationPerSampleSec", f.iterationPerSampleSec()));
        Map<String, Object> interference = new LinkedHashMap<>();
        Map<String, Object> slowdown = map("intercept", f.serviceIntercept(), "perBatch", f.servicePerBatch(),
                "perUtilisation", f.servicePerUtilisation());
        if (f.serviceAloneMs() > 0) {
            slowdown.put("aloneMs", f.serviceAloneMs());
        }
        interference.put("serviceSlowdown", slowdown);
        interference.put("trainingSlowdownWhileServing", f.trainingSlowdownWhileServing());
        m.put("interference", interference);
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("trainSamplesPerSec", errors(d.heldOutErrors().trainSamplesPerSec()));
        errors.put("serviceSlowdown", errors(d.heldOutErrors().serviceSlowdown()));
        errors.put("trainingSlowdown", errors(d.heldOutErrors().trainingSlowdown()));
        m.put("heldOutError", errors);
        QuotaModelErrors quota = d.quotaModelErrors();
        if (quota.evaluated()) {
            Map<String, Object> q = map("trainColocatedSamplesPerSec", errors(quota.trainColocatedSamplesPerSec()),
                    "serviceColocatedMeanMs", errors(quota.serviceColocatedMeanMs()));
            if (quota.cpuRatioEvaluated()) {
                q.put("trainCpuRatio", errors(quota.trainCpuRatio()));
            }
            m.put("quotaModelError", q);
        }
        GcPauses gc = d.gcPauses();
        if (!gc.equals(GcPauses.NONE)) {
            m.put("gcPauses", map("perRequest", gc.perRequest(), "perTrainSample", gc.perTrainSample(),
                    "cpuMsPerRequest", gc.cpuMsPerRequest(), "cpuMsPerTrainSample", gc.cpuMsPerTrainSample(),
                    "cleanupCpuMsPerRequest", gc.cleanupCpuMsPerRequest(),
                    "cleanupCpuMsPerTrainSample", gc.cleanupCpuMsPerTrainSample()));
        }
        if (d.colocation().any()) {
            Map<String, Object> c = map("backToBackCpu", d.colocation().backToBackCpu(),
                    "trainingSpeedWhileServing", d.colocation().trainingSpeedWhileServing());
            if (d.colocation().trainingCoresWhileServing() != 1) {  // a file without it reads as 1
                c.put("trainingCoresWhileServing", d.colocation().trainingCoresWhileServing());
            }
            if (d.colocation().coRunnerSpeed() != 1) {  // a file without it reads as 1
                c.put("coRunnerSpeed", d.colocation().coRunnerSpeed());
            }
            if (d.colocation().coldRequestSpeed() != 1) {  // a file without it reads as 1
                c.put("coldRequestSpeed", d.colocation().coldRequestSpeed());
            }
            m.put("colocation", c);
        }
        if (d.serviceCpu().any()) {
            List<Object> points = new ArrayList<>();
            for (ServiceCpuCurve.Point p : d.serviceCpu().points()) {
                points.add(map("ratePerSec", p.ratePerSec(), "cores", p.cores()));
            }
            m.put("serviceCpu", points);
        }
        List<Object> services = new ArrayList<>();
        for (ServiceProfile s : d.services()) {
            Map<String, Object> sm = map("name", s.name(), "model", s.model(), "meanMs", s.meanMs());
            sm.put("cv", s.cv());
            sm.put("samples", s.samples());
            if (s.capacityMs() > 0) {
                sm.put("capacityMs", s.capacityMs());
            }
            if (s.cpuMeanMs() > 0) {
                sm.put("cpuMeanMs", s.cpuMeanMs());
                sm.put("cpuCv", s.cpuCv());
            }
            services.add(sm);
        }
        m.put("services", services);
        List<Object> design = new ArrayList<>();
        for (ProfiledDevice.MeasuredPoint p : d.design()) {
            Measurement x = p.measurement();
            Map<String, Object> pm = map("batch", x.point().batch(), "ratePerSec", x.point().ratePerSec(),
                    "heldOut", p.heldOut());
            pm.putAll(figures(x));
            if (!p.repeats().isEmpty()) {
                pm.put("repeats", p.repeats().stream().map(ProfileFileWriter::figures).toList());
            }
            design.add(pm);
        }
        m.put("design", design);
        return m;
    }

    /** A measurement's figures, in the file's order (each phase's latency where it was measured). */
    private static Map<String, Object> figures(Measurement x) {
        Map<String, Object> f = map("trainAloneSamplesPerSec", x.trainAloneSamplesPerSec(),
                "trainColocatedSamplesPerSec", x.trainColocatedSamplesPerSec(), "serviceAloneMeanMs",
                x.serviceAloneMeanMs(), "serviceColocatedMeanMs", x.serviceColocatedMeanMs());
        putLatency(f, "latencyColocated", x.latencyColocated());
        putLatency(f, "latencyAlone", x.latencyAlone());
        if (x.computeCpu().measured()) {
            f.put("computeCpu", map("aloneMsPerSample", x.computeCpu().aloneMsPerSample(), "colocatedMsPerSample",
                    x.computeCpu().colocatedMsPerSample()));
        }
        PhaseHosts h = x.hosts();
        Map<String, Object> phases = new LinkedHashMap<>();
        putProbe(phases, "trainAlone", h.trainAlone());
        putProbe(phases, "servicesAlone", h.servicesAlone());
        putProbe(phases, "together", h.together());
        if (!phases.isEmpty()) {
            f.put("phaseHosts", phases);
        }
        return f;
    }

    /** {@code latency} as a {@code {sec, medianMs, p99Ms}} block under {@code key}, or nothing when not measured. */
    private static void putLatency(Map<String, Object> f, String key, ColocatedLatency latency) {
        if (latency.measured()) {
            f.put(key, map("sec", latency.sec(), "medianMs", latency.medianMs(), "p99Ms", latency.p99Ms()));
        }
    }

    /** {@code probe} as a {@code {probes, cpuMs}} block under {@code key}, or nothing without steps. */
    private static void putProbe(Map<String, Object> m, String key, HostProbe probe) {
        if (probe.measured()) {
            m.put(key, map("probes", probe.probes(), "cpuMs", probe.cpuMsMean()));
        }
    }

    private static Map<String, Object> errors(ErrorSummary e) {
        return map("median", e.median(), "max", e.max(), "points", e.points());
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}

package io.deepedge.hw.coordinator;

import io.deepedge.models.BatchPoint;
import io.deepedge.models.Device;
import io.deepedge.models.DeviceProfile;
import io.deepedge.models.Interference;
import io.deepedge.models.Scenario;
import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceTime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures a policy plans with on the testbed: each figure the config gives (see {@link FigureSources}), else
 * the one derived from the agents' calibration ({@link CalibrationMeasurements}), as DEEP-EDGE.md defines them:
 * <ul>
 * <li>training throughput {@code r_j(b)}: a batch profile, the median gradient time at each calibrated batch;</li>
 * <li>LC service time (mean and CV): the service alone, one request at a time;</li>
 * <li>{@code phi_j} ({@code serviceSlowdown}): service time beside back-to-back training relative to alone, by
 * mean and second moment ({@link #serviceSlowdown}); the largest over the device's services;</li>
 * <li>{@code sigma_j} ({@code trainingSlowdown}): the models' training factor is {@code psi = 1 - busy (1 - 1/sigma)}
 * with {@code busy} the fraction of time a request is in service, so with {@code f} = training throughput beside
 * the services / alone, measured while they were busy {@code busy} of the time, {@code sigma = 1 / (1 - (1 - f) /
 * busy)} (1 when {@code f >= 1}, {@link #MAX_SLOWDOWN} when {@code 1 - f >= busy}).</li>
 * </ul>
 * A device without services keeps slowdowns of 1: nothing on it can slow down or be slowed. No I/O here.
 */
public final class PlanningFigures {
    /** The config's own upper limit for a slowdown. */
    public static final double MAX_SLOWDOWN = 1000;

    public static final String CONFIG = "config";
    public static final String CALIBRATED = "calibrated";

    /** One figure the policy plans with, and where it came from (a manifest row). */
    public record Used(String device, String service, String figure, Object value, String source, String conditions) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", device);
            if (!service.isEmpty()) {
                m.put("service", service);
            }
            m.put("figure", figure);
            m.put("value", value);
            m.put("source", source);
            m.put("conditions", conditions);
            return m;
        }
    }

    private final FigureSources sources;
    private final Map<String, CalibrationMeasurements> measured;

    public PlanningFigures(FigureSources sources, Map<String, CalibrationMeasurements> measured) {
        this.sources = sources;
        this.measured = Map.copyOf(measured);
    }

    /** {@code scenario} with the planning figures: the config's where given, the calibrated ones elsewhere. */
    public Scenario planningScenario(Scenario scenario) {
        List<Device> devices = scenario.devices().stream()
                .map(d -> new Device(d.name(), d.type(), profile(d, scenario), d.link(), d.reliability())).toList();
        List<ServiceInstance> services = scenario.services().stream().map(this::instance).toList();
        return new Scenario(scenario.experiment(), scenario.horizonSec(), devices, services, scenario.job(),
                scenario.failures(), scenario.serverLink(), scenario.monitoring(), scenario.metrics());
    }

    /** Every figure the policy plans with, device by device, then service instance by instance. */
    public List<Used> used(Scenario scenario) {
        Scenario planned = planningScenario(scenario);
        List<Used> out = new ArrayList<>();
        for (Device d : planned.devices()) {
            // measured only when the config leaves a figure out (a profile file gives them all)
            java.util.function.Supplier<CalibrationMeasurements> m = () -> measurements(d.name());
            DeviceProfile p = d.profile();
            boolean tp = sources.given(d.name(), FigureSources.Figure.TRAIN_SAMPLES_PER_SEC);
            out.add(new Used(d.name(), "", "trainSamplesPerSec", round(p.trainSamplesPerSec()), source(tp),
                    tp ? "profile" : throughputConditions(m.get())));
            if (!tp) {
                List<Map<String, Object>> points = new ArrayList<>();
                p.batches().forEach(b -> points.add(Map.of("batch", b.batch(),
                        "trainSamplesPerSec", round(b.trainSamplesPerSec()))));
                out.add(new Used(d.name(), "", "batches", points, CALIBRATED, throughputConditions(m.get())));
            }
            boolean phi = sources.given(d.name(), FigureSources.Figure.SERVICE_SLOWDOWN);
            out.add(new Used(d.name(), "", "serviceSlowdown", round(p.interference().serviceSlowdown()), source(phi),
                    phi ? "profile" : phiConditions(m.get())));
            boolean sigma = sources.given(d.name(), FigureSources.Figure.TRAINING_SLOWDOWN);
            out.add(new Used(d.name(), "", "trainingSlowdown", round(p.interference().trainingSlowdown()),
                    source(sigma), sigma ? "profile" : sigmaConditions(m.get())));
        }
        for (ServiceInstance s : planned.services()) {
            boolean given = sources.serviceTimeGiven(s.service());
            String conditions = given ? "serviceTimeMs" : serviceConditions(measurements(s.device()));
            out.add(new Used(s.device(), s.service(), "serviceTimeMeanMs", round(s.serviceTime().meanMs()),
                    source(given), conditions));
            out.add(new Used(s.device(), s.service(), "serviceTimeCv", round(Math.sqrt(s.serviceTime().scv())),
                    source(given), conditions));
        }
        return out;
    }

    private DeviceProfile profile(Device d, Scenario scenario) {
        DeviceProfile p = d.profile();
        boolean tpGiven = sources.given(d.name(), FigureSources.Figure.TRAIN_SAMPLES_PER_SEC);
        boolean phiGiven = sources.given(d.name(), FigureSources.Figure.SERVICE_SLOWDOWN);
        boolean sigmaGiven = sources.given(d.name(), FigureSources.Figure.TRAINING_SLOWDOWN);
        if (tpGiven && phiGiven && sigmaGiven) {
            return p;
        }
        CalibrationMeasurements m = measurements(d.name());
        double phi = phiGiven ? p.interference().serviceSlowdown() : serviceSlowdown(m);
        double sigma = sigmaGiven ? p.interference().trainingSlowdown() : trainingSlowdown(m);
        Interference interference = new Interference(phi, sigma);
        if (tpGiven) {
            return p.withInterference(interference);
        }
        List<BatchPoint> points = batchProfile(m, phi, p);
        return p.withInterference(interference).withThroughput(points.get(points.size() - 1).trainSamplesPerSec(),
                points);
    }

    /**
     * One point per calibrated batch. A larger batch whose measured iteration is shorter than a smaller one's (noise
     * on a shared machine) is held at the smaller one's iteration time, the most {@link DeviceProfile} accepts.
     */
    static List<BatchPoint> batchProfile(CalibrationMeasurements m, double phi, DeviceProfile p) {
        List<BatchPoint> points = new ArrayList<>();
        for (CalibrationMeasurements.BatchRate r : m.batches()) {
            double rate = r.samplesPerSec();
            if (!points.isEmpty()) {
                rate = Math.min(rate, DeviceProfile.maxThroughputAt(points.get(points.size() - 1), r.batch()));
            }
            points.add(new BatchPoint(r.batch(), rate, phi, p.trainingMemory().atBatch(r.batch())));
        }
        return points;
    }

    /**
     * phi: the models scale the whole service-time distribution by phi while training runs, but under a CPU quota
     * training mostly adds rare long stalls (the group's quota spent, every thread waits for the next period), which
     * raise the second moment far more than the mean. phi is the smallest factor for which the scaled alone
     * distribution has at least the measured mean AND second moment beside training: {@code max(m_b / m_a,
     * sqrt(E[S_b^2] / E[S_a^2]))} with {@code E[S^2] = m^2 (1 + cv^2)}, so the M/G/1 predictions (utilisation from
     * the mean, waiting from the second moment) are not below what was measured. The largest over the services.
     */
    static double serviceSlowdown(CalibrationMeasurements m) {
        double phi = 1;
        for (CalibrationMeasurements.ServiceTimes t : m.services().values()) {
            if (t.aloneMeanMs() > 0) {
                double meanRatio = t.trainingMeanMs() / t.aloneMeanMs();
                double secondMomentRatio = meanRatio * Math.sqrt((1 + t.trainingCv() * t.trainingCv())
                        / (1 + t.aloneCv() * t.aloneCv()));
                phi = Math.max(phi, Math.max(meanRatio, secondMomentRatio));
            }
        }
        return Math.min(MAX_SLOWDOWN, phi);
    }

    /** sigma from {@code psi = 1 - busy (1 - 1/sigma)}, see the class comment. */
    static double trainingSlowdown(CalibrationMeasurements m) {
        if (m.services().isEmpty() || m.busyFraction() <= 0 || m.trainingAloneSamplesPerSec() <= 0
                || m.trainingBesideSamplesPerSec() <= 0) {
            return 1;
        }
        double f = m.trainingBesideSamplesPerSec() / m.trainingAloneSamplesPerSec();
        if (f >= 1) {
            return 1;
        }
        double lost = (1 - f) / m.busyFraction();
        return lost >= 1 - 1 / MAX_SLOWDOWN ? MAX_SLOWDOWN : 1 / (1 - lost);
    }

    private ServiceInstance instance(ServiceInstance s) {
        if (sources.serviceTimeGiven(s.service())) {
            return s;
        }
        CalibrationMeasurements.ServiceTimes t = measurements(s.device()).services().get(s.service());
        if (t == null || !(t.aloneMeanMs() > 0)) {
            throw new IllegalStateException("service " + s.id() + " was not calibrated and its config gives no"
                    + " serviceTimeMs");
        }
        ServiceTime time = t.aloneCv() > 0 ? new ServiceTime.Lognormal(t.aloneMeanMs(), t.aloneCv())
                : new ServiceTime.Constant(t.aloneMeanMs());
        return new ServiceInstance(s.service(), s.device(), s.arrivals(), time, s.deadlineMs(), s.sloQuantile(),
                s.memoryMiB());
    }

    private CalibrationMeasurements measurements(String device) {
        CalibrationMeasurements m = measured.get(device);
        if (m == null) {
            throw new IllegalStateException("device " + device + " was not calibrated and its config does not give"
                    + " every planning figure");
        }
        return m;
    }

    private static String source(boolean given) {
        return given ? CONFIG : CALIBRATED;
    }

    private static String throughputConditions(CalibrationMeasurements m) {
        return String.format(Locale.ROOT, "median of %d back-to-back gradients of the job's network per local batch"
                + " (after one warm-up), %s CPU quota", m.repetitions(), quota(m));
    }

    private static String phiConditions(CalibrationMeasurements m) {
        if (m.services().isEmpty()) {
            return "no LC service on the device: 1";
        }
        return String.format(Locale.ROOT, "largest over the device's services of max(mean ratio, sqrt of second-moment"
                + " ratio) of service time beside back-to-back training (local batch %d) to alone; >= %d requests each,"
                + " one at a time, duty cycle %.3g; %s CPU quota",
                m.trainingBatch(), m.requests(), m.dutyCycle(), quota(m));
    }

    private static String sigmaConditions(CalibrationMeasurements m) {
        if (m.services().isEmpty()) {
            return "no LC service on the device: 1";
        }
        return String.format(Locale.ROOT, "training at local batch %d: %.4g samples/s beside the services (busy %.3g"
                + " of the time) vs %.4g alone; sigma solves psi = 1 - busy (1 - 1/sigma); %s CPU quota",
                m.trainingBatch(), m.trainingBesideSamplesPerSec(), m.busyFraction(), m.trainingAloneSamplesPerSec(),
                quota(m));
    }

    private static String serviceConditions(CalibrationMeasurements m) {
        return String.format(Locale.ROOT, "alone: %d requests one at a time through the service's FCFS worker after"
                + " warm-up, duty cycle %.3g, hand-over to the end of output; lognormal with the measured mean and CV;"
                + " %s CPU quota", m.requests(), m.dutyCycle(), quota(m));
    }

    private static String quota(CalibrationMeasurements m) {
        return m.quotaCores() > 0 ? String.format(Locale.ROOT, "%.3g", m.quotaCores()) : "no";
    }

    private static double round(double v) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.6g", v));
    }
}

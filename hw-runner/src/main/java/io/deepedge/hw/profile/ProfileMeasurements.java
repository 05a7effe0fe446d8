package io.deepedge.hw.profile;

import io.deepedge.models.CpuQuota;
import io.deepedge.models.GcPauses;
import io.deepedge.models.profile.DesignPoint;
import io.deepedge.models.profile.Measurement;
import io.deepedge.models.profile.PhaseHosts;
import io.deepedge.models.profile.ServiceProfile;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * Turns the design points' timings ({@link PointTimings}, measured by {@link RemoteDesignPoint}) into the profile's
 * terms: one {@link Measurement} per design point and one {@link ServiceProfile} per service. No I/O.
 *
 * <p>A device's design rate {@code λ} is split among its services by {@code share} (their configured rates'
 * shares, summing to 1), so service {@code k} runs at {@code λ share_k}. The device's service time is then the
 * rate-weighted mean {@code Σ share_k S_k}, which makes {@code λ x} that mean the device's LC utilisation
 * ({@link Measurement#utilisation()}).
 */
public final class ProfileMeasurements {
    private ProfileMeasurements() {
    }

    /**
     * @param share each service's share of the design rate (service id to share)
     * @throws IllegalStateException when the timings lack a service or a positive figure (named)
     */
    static Measurement measurement(DesignPoint point, PointTimings timings, Map<String, Double> share) {
        double alone = 0;
        double together = 0;
        for (Map.Entry<String, Double> e : share.entrySet()) {
            ServiceTimes a = times(timings.alone(), e.getKey());
            ServiceTimes t = times(timings.colocated(), e.getKey());
            if (!(a.meanMs() > 0 && t.meanMs() > 0)) {
                throw new IllegalStateException("service " + e.getKey() + " at " + describe(point)
                        + ": no request completed in a condition (raise the rate or the measuring time)");
            }
            alone += e.getValue() * a.meanMs();
            together += e.getValue() * t.meanMs();
        }
        if (!(timings.trainAloneSamplesPerSec() > 0 && timings.trainColocatedSamplesPerSec() > 0)) {
            throw new IllegalStateException(describe(point) + ": no timed gradient completed in a condition");
        }
        return new Measurement(point, timings.trainAloneSamplesPerSec(), timings.trainColocatedSamplesPerSec(),
                alone, together, timings.colocatedLatency(), PhaseHosts.NONE, timings.aloneLatency(),
                timings.computeCpu());
    }

    /**
     * The agent's CPU over the LC rate, from every design point's services-alone phase: the process's CPU (cores)
     * against the requests completed per second, least squares.
     *
     * @param cpuMsPerRequest the slope: CPU per request under open-loop load at the design's rates, as in a run
     *        (back-to-back probe requests each paid a wake-up of the RPC threads, and two identical studies' probes
     *        gave 4.76 and 7.66 ms per request)
     * @param idleCores the intercept, at least 0: the agent with no request and no training (heartbeats, the
     *        metrics window, runtime threads; an idle FCFS worker polling every 5 ms was 0.006-0.021 of it,
     *        measured, before it blocked instead)
     */
    record CpuOverRate(double cpuMsPerRequest, double idleCores) {
    }

    /** The fit; empty with fewer than three points, rates that do not vary, or a slope that is not positive. */
    static Optional<CpuOverRate> cpuOverRate(List<PointTimings> points) {
        SimpleRegression fit = new SimpleRegression();
        for (PointTimings t : points) {
            if (t.aloneRequestsPerSec() > 0) {
                fit.addData(t.aloneRequestsPerSec(), t.aloneCpuCores());
            }
        }
        if (fit.getN() < 3 || !(fit.getSlope() > 0)) {
            return Optional.empty();
        }
        return Optional.of(new CpuOverRate(fit.getSlope() * 1000, Math.max(0, fit.getIntercept())));
    }

    /**
     * A gradient call's CPU on the agent over its batch, {@code perCallMs + perSampleMs x batch} beyond the idle agent:
     * receiving and loading the parameters, computing, returning the gradient, all inside the agent's quota; and how
     * far the phases lay about that line, {@code speedSpread} (empty with fewer than three phases of positive CPU, or
     * where the line is not positive at one of their batches). A gradient call at a given batch is the same work every
     * time and its CPU time does not depend on the CFS periods, so what is left about the line is the host's speed
     * moving from phase to phase (and the line's misfit): the standard deviation of the logarithm of each phase's CPU
     * per call over the line's value (the line as fitted, its intercept not held at 0), with two degrees of freedom
     * taken by the line.
     */
    record CallCpu(double perCallMs, double perSampleMs, OptionalDouble speedSpread) {
    }

    /**
     * The call's CPU fitted over the design's training-alone phases (least squares of each phase's CPU per call beyond
     * {@code idleCores} on its batch; a negative intercept is held at 0) and the phases' spread about it; empty with
     * fewer than two batches measured or a slope that is not positive.
     */
    static Optional<CallCpu> callCpu(List<PointTimings> points, double idleCores) {
        SimpleRegression fit = new SimpleRegression();
        List<TrainingCpu> measured = points.stream().map(PointTimings::trainAloneCpu).filter(TrainingCpu::measured)
                .toList();
        measured.forEach(c -> fit.addData(c.batch(), c.cpuMsPerCall(idleCores)));
        if (fit.getN() < 2 || !(fit.getSlope() > 0)) {
            return Optional.empty();
        }
        return Optional.of(new CallCpu(Math.max(0, fit.getIntercept()), fit.getSlope(),
                speedSpread(measured, idleCores, fit)));
    }

    private static OptionalDouble speedSpread(List<TrainingCpu> measured, double idleCores, SimpleRegression line) {
        double squares = 0;
        int n = 0;
        for (TrainingCpu c : measured) {
            double cpuMs = c.cpuMsPerCall(idleCores);
            double onLine = line.predict(c.batch());
            if (cpuMs > 0) {
                if (!(onLine > 0)) {
                    return OptionalDouble.empty();
                }
                squares += Math.pow(Math.log(cpuMs / onLine), 2);
                n++;
            }
        }
        return n < 3 ? OptionalDouble.empty()
                : OptionalDouble.of(Math.min(Math.sqrt(squares / (n - 2)), CpuQuota.MAX_SPEED_SPREAD));
    }

    /** A device's own speed spread ({@link CallCpu#speedSpread}, 0 when none) and the quota it was measured under. */
    public record DeviceSpread(double cpus, double spread) {
    }

    /**
     * The host's speed spread from its devices' own ({@link CallCpu#speedSpread}): that of the device with the largest
     * quota (the median where several share it). The devices of one host move together (the fidelity studies' runs: a
     * run's CPU on one agent and on another correlated 0.73-0.84 over 270 runs), so one figure serves them all; the
     * largest quota makes the most calls in a phase (the quota's CPU over 5 s divided by each point's CPU per call:
     * about 23-96 calls on the 0.6-CPU agent, 4-24 on the 0.15-CPU one, in three profiles of 2026-12-02), so where the
     * phase's window cuts a call counts least there: over ten profiles {@code big}'s figure
     * was 4.2-8.6 %, against a pooled 3.9-8.2 % spread of the agents' CPU over those studies' runs, while
     * {@code small}'s reached 20.9 %. Empty when no device has one.
     */
    public static OptionalDouble hostSpeedSpread(List<DeviceSpread> devices) {
        List<DeviceSpread> measured = devices.stream().filter(d -> d.spread() > 0).toList();
        double largest = measured.stream().mapToDouble(DeviceSpread::cpus).max().orElse(Double.NaN);
        double[] values = measured.stream().filter(d -> d.cpus() == largest).mapToDouble(DeviceSpread::spread)
                .toArray();
        return values.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(DeviceProfiler.median(values));
    }

    /**
     * The LC hop (client to agent and back, beyond the agent's service time) as a run's requests see it: for the
     * design points at or below the median of the design's rates, each service's median client latency (scheduled
     * arrival to reply) less its median service time at the agent, in the services-alone phase; the median of those
     * differences, at least 0. At those rates few requests queue, so the difference is the hop of an ordinary
     * request with the testbed's payload and pacing. (A probe of empty requests 20 ms apart, measured first on the
     * first device profiled, gave 2.8-3.3 ms on the 0.6-CPU agent in six profiles, where whole requests took
     * 3.6-4.2 ms at the median in the runs, service time included.) Empty when no point has both figures.
     */
    static OptionalDouble hopMs(List<DesignPoint> points, List<PointTimings> timings) {
        double[] rates = points.stream().mapToDouble(DesignPoint::ratePerSec).toArray();
        if (rates.length == 0) {
            return OptionalDouble.empty();
        }
        double medianRate = DeviceProfiler.median(rates);
        List<Double> differences = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).ratePerSec() > medianRate) {
                continue;
            }
            PointTimings t = timings.get(i);
            t.aloneClientMedianMs().forEach((service, clientMs) -> {
                ServiceTimes agent = t.alone().get(service);
                if (agent != null && !Double.isNaN(agent.medianMs())) {
                    differences.add(clientMs - agent.medianMs());
                }
            });
        }
        if (differences.isEmpty()) {
            return OptionalDouble.empty();
        }
        double medianMs = DeviceProfiler.median(differences.stream().mapToDouble(d -> d).toArray());
        return OptionalDouble.of(Math.max(0, medianMs));
    }

    /**
     * The agent's stop-the-world collector pauses over the design's metrics windows ({@link
     * RemoteDesignPoint#gcWindows}). The pauses are allocation-driven: serving a request and computing a sample each
     * allocate short-lived objects, and whenever they have filled the young generation the collector stops every
     * thread to copy what survived; so the pauses in a window are about {@code perRequest x requests + perTrainSample
     * x samples}, with no intercept: a pause is owed to the work whose allocation filled the young generation. What
     * a pause costs follows the same work (it copies what that work left alive: a request leaves ND4J's deallocator
     * references, a gradient mostly large arrays outside the young generation), so the collector threads' CPU and the
     * cleanup's CPU in a window are fitted the same way, per request and per sample. Each is least squares without an
     * intercept over the windows (the 2 x 2 normal equations); a coefficient that comes out negative (noise, where one
     * kind of work hardly allocates) is set to 0 and the other refitted alone, since work never takes pauses away. The
     * cleanup is 0 where the agent did not measure it in every window.
     *
     * <p>Empty when the agent did not measure the collector's CPU ({@code gc_pause_cpu_ms} negative in any window),
     * when no pause happened (an agent of protocol minor below {@link RemoteDesignPoint#GC_PAUSES_MINOR} leaves every
     * field 0, so its windows fall here too; the profiler does not ask it), or when the windows cannot tell requests
     * from samples (every window holds them in the same proportion, or neither).
     */
    static Optional<GcPauses> gcPauses(List<GcWindow> windows) {
        long pauses = 0;
        boolean cleanupMeasured = true;
        for (GcWindow w : windows) {
            if (w.gcPauseCpuMs() < 0) {
                return Optional.empty();
            }
            pauses += w.gcPauses();
            cleanupMeasured &= w.gcCleanupCpuMs() >= 0;
        }
        Optional<double[]> count = perWork(windows, GcWindow::gcPauses);
        if (pauses == 0 || count.isEmpty()) {
            return Optional.empty();
        }
        double[] cpu = perWork(windows, GcWindow::gcPauseCpuMs).orElseThrow();
        double[] cleanup = cleanupMeasured ? perWork(windows, GcWindow::gcCleanupCpuMs).orElseThrow() : new double[2];
        return Optional.of(new GcPauses(count.get()[0], count.get()[1], cpu[0], cpu[1], cleanup[0], cleanup[1]));
    }

    /**
     * {@code y} per request and per sample over the windows: least squares without an intercept, a negative
     * coefficient set to 0 and the other refitted alone; empty when there is no work or the two cannot be told apart.
     */
    private static Optional<double[]> perWork(List<GcWindow> windows, java.util.function.ToDoubleFunction<GcWindow> y) {
        double rr = 0;
        double ss = 0;
        double rs = 0;
        double ry = 0;
        double sy = 0;
        for (GcWindow w : windows) {
            double r = w.requests();
            double s = w.samples();
            double v = y.applyAsDouble(w);
            rr += r * r;
            ss += s * s;
            rs += r * s;
            ry += r * v;
            sy += s * v;
        }
        if (rr == 0 && ss == 0) {
            return Optional.empty();
        }
        if (ss == 0) {
            return Optional.of(new double[] {ry / rr, 0});
        }
        if (rr == 0) {
            return Optional.of(new double[] {0, sy / ss});
        }
        double det = rr * ss - rs * rs;
        if (det <= 1e-12 * rr * ss) {
            return Optional.empty();
        }
        double perRequest = (ss * ry - rs * sy) / det;
        double perSample = (rr * sy - rs * ry) / det;
        if (perRequest < 0) {
            return Optional.of(new double[] {0, Math.max(0, sy / ss)});
        }
        if (perSample < 0) {
            return Optional.of(new double[] {Math.max(0, ry / rr), 0});
        }
        return Optional.of(new double[] {perRequest, perSample});
    }

    /**
     * A service's standalone service time pooled over every design point's alone condition: the mean over all
     * requests, and the cv from the pooled second moment ({@link ServiceTimes#pooled}).
     */
    static ServiceProfile service(String name, String model, List<PointTimings> points) {
        return service(name, model, points, 0);
    }

    /** The same, with the service's measured capacity time (0: not measured). */
    static ServiceProfile service(String name, String model, List<PointTimings> points, double capacityMs) {
        List<ServiceTimes> alone = new ArrayList<>();
        for (PointTimings p : points) {
            alone.add(times(p.alone(), name));
        }
        ServiceTimes all = ServiceTimes.pooled(alone);
        // the worker's CPU time per request, pooled the same way, where every point's agent reported it
        List<ServiceTimes> cpu = points.stream().map(p -> p.aloneCpu().get(name)).toList();
        if (cpu.isEmpty() || cpu.contains(null)) {
            return new ServiceProfile(name, model, all.meanMs(), all.cv(), all.count(), capacityMs);
        }
        ServiceTimes cpuAll = ServiceTimes.pooled(cpu);
        return new ServiceProfile(name, model, all.meanMs(), all.cv(), all.count(), capacityMs, cpuAll.meanMs(),
                cpuAll.cv());
    }

    private static ServiceTimes times(Map<String, ServiceTimes> byService, String service) {
        ServiceTimes t = byService.get(service);
        if (t == null) {
            throw new IllegalStateException("no timing of service " + service + " (has " + new TreeSet<>(byService.keySet())
                    + ")");
        }
        return t;
    }

    static String describe(DesignPoint p) {
        return String.format(java.util.Locale.ROOT, "design point batch %d, rate %.3g/s", p.batch(), p.ratePerSec());
    }
}

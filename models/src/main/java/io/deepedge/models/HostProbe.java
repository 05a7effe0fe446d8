package io.deepedge.models;

/**
 * What the testbed's host-speed probe measured during one run's training job: a process outside the agents' CPU
 * quotas that computes the same fixed piece of training work once a second and times it by its own thread's CPU
 * clock, so a wait for a core does not count, only how much a CPU second of this host does then. The agents' CPU a
 * sample rises and falls with it (README "host-speed.csv"), so it tells two runs of one config apart
 * by the host they met.
 *
 * @param probes how many probes ended inside the job's window (0: none, then {@code cpuMsMean} is NaN)
 * @param cpuMsMean their mean CPU time each, in milliseconds
 */
public record HostProbe(int probes, double cpuMsMean) {
    /** No probe ran (the simulator, remote agents) or none ended inside the job. */
    public static final HostProbe NONE = new HostProbe(0, Double.NaN);

    public HostProbe {
        if (probes < 0) {
            throw new IllegalArgumentException("probes must not be negative, got " + probes);
        }
        if (probes == 0 ? !Double.isNaN(cpuMsMean) : !(cpuMsMean > 0 && Double.isFinite(cpuMsMean))) {
            throw new IllegalArgumentException("cpuMsMean must be NaN without probes and a positive number with them,"
                    + " got " + cpuMsMean + " over " + probes + " probes");
        }
    }

    /** The mean of {@code cpuMs} (each probe's CPU time), or {@link #NONE} for none. */
    public static HostProbe of(double[] cpuMs) {
        if (cpuMs.length == 0) {
            return NONE;
        }
        double sum = 0;
        for (double c : cpuMs) {
            sum += c;
        }
        return new HostProbe(cpuMs.length, sum / cpuMs.length);
    }

    /**
     * Every step of {@code parts} together: their probes added, the mean weighted by each part's probes; {@link #NONE}
     * when any part has none (a whole measured only in part is not measured).
     */
    public static HostProbe pooled(java.util.Collection<HostProbe> parts) {
        if (parts.isEmpty() || parts.stream().anyMatch(p -> !p.measured())) {
            return NONE;
        }
        long probes = 0;
        double cpuMs = 0;
        for (HostProbe p : parts) {
            probes += p.probes;
            cpuMs += p.probes * p.cpuMsMean;
        }
        return new HostProbe(Math.toIntExact(probes), cpuMs / probes);
    }

    public boolean measured() {
        return probes > 0;
    }
}

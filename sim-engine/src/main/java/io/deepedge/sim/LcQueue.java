package io.deepedge.sim;

import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import io.deepedge.models.metrics.MetricsWindow;
import io.deepedge.models.metrics.WindowLatencies;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * One LC service instance: a FCFS single-server queue on its device. Service times are drawn at
 * arrival (one uniform per request, so streams stay aligned across policies) and progress at the
 * device's current service rate. Each request remembers whether it arrived while the job's training ran on
 * the device (the co-location view) or on another device only (with the first, the job view); its outcome goes
 * to the metrics window's {@link WindowLatencies}.
 */
final class LcQueue {
    /** The job's state at a request's arrival, as stored among the waiting triples' doubles. */
    private static final double NO_JOB = 0;
    private static final double JOB_ELSEWHERE = 1;
    private static final double JOB_HERE = 2;
    private final ServiceInstance instance;
    /** The instance's client hop: its reply reaches the (testbed's) client this long after service ends. */
    private final double hopSec;
    private final DeviceSim device;
    private final Simulator sim;
    private final ArrivalClock arrivals;
    private final RandomStream serviceStream;
    private final WindowLatencies latencies;
    /**
     * Waiting requests as triples (arrival time, standalone service seconds, the job's state at its arrival: one
     * of {@link #NO_JOB}, {@link #JOB_ELSEWHERE}, {@link #JOB_HERE}).
     */
    private final DoubleQueue waiting = new DoubleQueue();
    private final RequestArrived arrival;
    private final RequestDeparted departure;
    private boolean busy;
    /** The request in service started right after another one (it was queued), not on an idle server. */
    private boolean backToBack;
    /** When the server last became idle (0 before its first request): a request that finds it idle pays a cold start. */
    private double idleSinceSec;
    private long arrivalsSinceRead;
    private double inServiceArrivalSec;
    private double inServiceJobState;
    private Work inService;
    private final Work inServiceWork = new Work(0, 0, 1);
    private RequestObserver observer = (arrivalSec, departureSec) -> { };
    private ArrivalObserver arrivalObserver = arrivalSec -> { };

    /** A queue judged over the whole time axis (for tests of the queue alone). */
    LcQueue(ServiceInstance instance, DeviceSim device, Simulator sim, RandomStreams streams) {
        this(instance, device, sim, streams, new MetricsWindow(0, Double.MAX_VALUE));
    }

    LcQueue(ServiceInstance instance, DeviceSim device, Simulator sim, RandomStreams streams, MetricsWindow window) {
        this.instance = instance;
        this.hopSec = instance.clientHopMs() / 1000;
        this.device = device;
        this.sim = sim;
        this.arrivals = ArrivalClock.of(instance.arrivals(), streams.stream("arrivals:" + instance.id()));
        this.serviceStream = streams.stream("service:" + instance.id());
        this.latencies = new WindowLatencies(window, instance.deadlineMs());
        this.arrival = new RequestArrived(sim);
        this.departure = new RequestDeparted(sim);
        device.addQueue(this);
    }

    void start() {
        scheduleNextArrival();
    }

    private void scheduleNextArrival() {
        double delay = arrivals.nextDelaySec(sim.time());
        if (Double.isFinite(delay)) {
            arrival.schedule(delay);
        }
    }

    /** Arrivals counted since the last call: the monitor's view of the load. */
    long takeArrivalCount() {
        long n = arrivalsSinceRead;
        arrivalsSinceRead = 0;
        return n;
    }

    ServiceInstance instance() {
        return instance;
    }

    /** Whether a request is in service. */
    boolean busy() {
        return busy;
    }

    /** Whether the request in service started right after another one, queued behind it. */
    boolean backToBack() {
        return backToBack;
    }

    private void arrive() {
        double now = sim.time();
        arrivalsSinceRead++;
        arrivalObserver.arrived(now);
        double serviceSec = Sampling.serviceSec(instance.serviceTime(), serviceStream);
        scheduleNextArrival();
        double jobState = device.hostsTraining() ? JOB_HERE : device.jobTrainingAnywhere() ? JOB_ELSEWHERE : NO_JOB;
        if (!device.up()) {
            latencies.lost(now, now);
        } else if (busy) {
            waiting.add(now);
            waiting.add(serviceSec);
            waiting.add(jobState);
        } else {
            busy = true;
            backToBack = false;
            device.queueBusyChanged(true);
            // deterministic in the idle time and the device's state: no draw, so the streams stay aligned across
            // policies
            startService(now, serviceSec * device.coldRequestWork() + instance.coldStart().extraSec(now - idleSinceSec),
                    jobState);
        }
    }

    private void startService(double arrivalSec, double serviceSec, double jobState) {
        inServiceArrivalSec = arrivalSec;
        inServiceJobState = jobState;
        inService = inServiceWork.restart(serviceSec, sim.time(), device.serviceRate());
        scheduleDeparture(); // the server was idle or its departure just ran: nothing to cancel
        device.requestStarted(); // a collector pause it starts re-times it (onServiceRateChanged)
    }

    private void scheduleDeparture() {
        if (!inService.stalled()) {
            departure.schedule(inService.delaySec());
        }
    }

    /** Sees every completed request; for tests that check latencies against the time they were served. */
    void observe(RequestObserver requestObserver) {
        this.observer = requestObserver;
    }

    /** Sees every arrival, served or lost; for tests of common random numbers. */
    void observeArrivals(ArrivalObserver observer) {
        this.arrivalObserver = observer;
    }

    private void depart() {
        latencies.completed(inServiceArrivalSec, sim.time() + hopSec, inServiceJobState == JOB_HERE,
                inServiceJobState != NO_JOB);
        observer.completed(inServiceArrivalSec, sim.time());
        if (waiting.size() > 0) {
            double arrivalSec = waiting.poll();
            double serviceSec = waiting.poll();
            startService(arrivalSec, serviceSec, waiting.poll());
            if (!backToBack) {
                backToBack = true;
                device.serviceDemandChanged();  // after the start: the new request's departure is the one re-timed
            }
        } else {
            becomeIdle(sim.time());
        }
    }

    /** No request left in service: the server idles from {@code nowSec}. */
    private void becomeIdle(double nowSec) {
        busy = false;
        idleSinceSec = nowSec;
        inService = null;
        device.queueBusyChanged(false);
    }

    /** The device's service rate changed (training, CPU budget): the request in service continues at the new rate. */
    void onServiceRateChanged() {
        if (!busy || inService == null) {
            return;  // an arrival to an idle server announces itself before its service starts
        }
        inService.changeRate(sim.time(), device.serviceRate());
        departure.cancel();
        scheduleDeparture();
    }

    /** The device failed: waiting and in-service requests are lost and counted. */
    void dropAll() {
        double now = sim.time();
        for (int i = 0; i < waiting.size(); i += 3) {
            latencies.lost(waiting.get(i), now);
        }
        if (busy) {
            latencies.lost(inServiceArrivalSec, now);
        }
        waiting.clear();
        if (busy) {
            departure.cancel();
            becomeIdle(now);
        }
    }

    /** The metrics window ends: requests still queued or in service are judged by their age. */
    void closeWindow() {
        if (busy) {
            latencies.unfinishedAtEnd(inServiceArrivalSec, inServiceJobState == JOB_HERE, inServiceJobState != NO_JOB);
        }
        for (int i = 0; i < waiting.size(); i += 3) {
            double jobState = waiting.get(i + 2);
            latencies.unfinishedAtEnd(waiting.get(i), jobState == JOB_HERE, jobState != NO_JOB);
        }
    }

    WindowLatencies latencies() {
        return latencies;
    }

    /** Statistics of this instance over the metrics window. */
    ServiceStats stats() {
        return latencies.stats(instance, device.everTrained());
    }

    /** Callback for each completed request. */
    interface RequestObserver {
        void completed(double arrivalSec, double departureSec);
    }

    /** Callback for each arrival. */
    interface ArrivalObserver {
        void arrived(double arrivalSec);
    }

    private final class RequestArrived extends Event {
        RequestArrived(Simulator sim) {
            super(sim);
            setPriority(EventPriority.ARRIVAL);
        }

        @Override
        public void actions() {
            arrive();
        }
    }

    private final class RequestDeparted extends Event {
        RequestDeparted(Simulator sim) {
            super(sim);
            setPriority(EventPriority.COMPLETION);
        }

        @Override
        public void actions() {
            depart();
        }
    }
}

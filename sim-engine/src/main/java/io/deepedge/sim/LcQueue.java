package io.deepedge.sim;

import io.deepedge.models.ServiceInstance;
import io.deepedge.models.ServiceStats;
import umontreal.ssj.rng.RandomStream;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;

/**
 * One LC service instance: a FCFS single-server queue on its device. Service times are drawn at
 * arrival (one uniform per request, so streams stay aligned across policies) and progress at the
 * device's current service rate.
 */
final class LcQueue {
    private final ServiceInstance instance;
    private final DeviceSim device;
    private final Simulator sim;
    private final ArrivalClock arrivals;
    private final RandomStream serviceStream;
    private final LatencyRecorder recorder;
    /** Waiting requests as pairs (arrival time, standalone service seconds). */
    private final DoubleQueue waiting = new DoubleQueue();
    private final RequestArrived arrival;
    private final RequestDeparted departure;
    private boolean busy;
    private long arrivalsSinceRead;
    private double inServiceArrivalSec;
    private Work inService;
    private final Work inServiceWork = new Work(0, 0, 1);
    private RequestObserver observer = (arrivalSec, departureSec) -> { };

    LcQueue(ServiceInstance instance, DeviceSim device, Simulator sim, RandomStreams streams) {
        this.instance = instance;
        this.device = device;
        this.sim = sim;
        this.arrivals = ArrivalClock.of(instance.arrivals(), streams.stream("arrivals:" + instance.id()));
        this.serviceStream = streams.stream("service:" + instance.id());
        this.recorder = new LatencyRecorder(instance.deadlineMs());
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

    private void arrive() {
        double now = sim.time();
        arrivalsSinceRead++;
        double serviceSec = Sampling.serviceSec(instance.serviceTime(), serviceStream);
        scheduleNextArrival();
        if (!device.up()) {
            recorder.recordLost(1);
        } else if (busy) {
            waiting.add(now);
            waiting.add(serviceSec);
        } else {
            busy = true;
            device.queueBusyChanged(true);
            startService(now, serviceSec);
        }
    }

    private void startService(double arrivalSec, double serviceSec) {
        inServiceArrivalSec = arrivalSec;
        inService = inServiceWork.restart(serviceSec, sim.time(), device.serviceRate());
        departure.schedule(inService.delaySec());
    }

    /** Sees every completed request; for tests that check latencies against the time they were served. */
    void observe(RequestObserver requestObserver) {
        this.observer = requestObserver;
    }

    private void depart() {
        recorder.record((sim.time() - inServiceArrivalSec) * 1000.0);
        observer.completed(inServiceArrivalSec, sim.time());
        if (waiting.size() > 0) {
            double arrivalSec = waiting.poll();
            startService(arrivalSec, waiting.poll());
        } else {
            busy = false;
            inService = null;
            device.queueBusyChanged(false);
        }
    }

    /** The device started or stopped training: the request in service continues at the new rate. */
    void onServiceRateChanged() {
        if (!busy) {
            return;
        }
        inService.changeRate(sim.time(), device.serviceRate());
        departure.cancel();
        departure.schedule(inService.delaySec());
    }

    /** The device failed: waiting and in-service requests are lost and counted. */
    void dropAll() {
        recorder.recordLost(waiting.size() / 2 + (busy ? 1 : 0));
        waiting.clear();
        if (busy) {
            departure.cancel();
            busy = false;
            inService = null;
            device.queueBusyChanged(false);
        }
    }

    double[] sortedLatenciesMs() {
        return recorder.sorted();
    }

    /** Statistics of this instance, given its latencies sorted once by the caller. */
    ServiceStats stats(double[] sorted) {
        return new ServiceStats(instance.service(), instance.device(), device.everTrained(), recorder.count(),
                recorder.misses(), recorder.lost(), recorder.meanMs(), LatencyRecorder.quantile(sorted, 0.50),
                LatencyRecorder.quantile(sorted, 0.95), LatencyRecorder.quantile(sorted, 0.99), instance.deadlineMs(),
                instance.sloQuantile(), LatencyRecorder.quantile(sorted, instance.sloQuantile()));
    }

    /** Callback for each completed request. */
    interface RequestObserver {
        void completed(double arrivalSec, double departureSec);
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

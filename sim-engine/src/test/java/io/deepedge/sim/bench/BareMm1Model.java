package io.deepedge.sim.bench;

import umontreal.ssj.randvar.ExponentialGen;
import umontreal.ssj.rng.MRG32k3a;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.EventList;

import java.util.Arrays;

/**
 * The baseline of issue 4's speed target, written as a plain SSJ model: {@code queues} independent M/M/1
 * FCFS queues (Poisson arrivals at {@code ratePerSec}, exponential service of mean {@code meanServiceSec}) for
 * {@code horizonSec} simulated seconds. Each queue has two MRG32k3a streams (arrivals, services) taken as
 * successive substreams of one explicitly seeded stream, one arrival and one departure event reused for the
 * whole run, a primitive ring buffer of waiting arrival times, and a primitive array of the latencies of the
 * completed requests. Nothing else: no quantiles, no monitoring.
 */
public final class BareMm1Model {
    private final Simulator sim;
    private final Queue[] queues;
    private final double horizonSec;

    public BareMm1Model(EventList list, long seed, int queues, double ratePerSec, double meanServiceSec,
                        double horizonSec) {
        this.sim = new Simulator(list);
        this.horizonSec = horizonSec;
        MRG32k3a base = new MRG32k3a();
        base.setSeed(new long[] {seed, seed, seed, seed, seed, seed});
        this.queues = new Queue[queues];
        for (int i = 0; i < queues; i++) {
            MRG32k3a arrivals = base.clone();
            base.resetNextSubstream();
            MRG32k3a services = base.clone();
            base.resetNextSubstream();
            this.queues[i] = new Queue(new ExponentialGen(arrivals, ratePerSec),
                    new ExponentialGen(services, 1.0 / meanServiceSec), (int) (1.2 * ratePerSec * horizonSec));
        }
    }

    /**
     * The whole-process baseline: {@code java -cp ... io.deepedge.sim.bench.BareMm1Model [splay|heap]} runs the
     * 100-queue model once (20 req/s, 10 ms, one hour, seed 1) and prints the completed requests and wall time.
     */
    public static void main(String[] args) {
        boolean heap = args.length > 0 && args[0].equals("heap");
        long start = System.nanoTime();
        EventList list = heap ? new io.deepedge.sim.HeapEventList() : new umontreal.ssj.simevents.eventlist.SplayTree();
        long completed = new BareMm1Model(list, 1, 100, 20, 0.010, 3600).run();
        System.out.printf(java.util.Locale.ROOT, "%s: %d requests in %.2f s%n", heap ? "HeapEventList" : "SplayTree",
                completed, (System.nanoTime() - start) / 1e9);
    }

    /** Runs the model; returns the number of completed requests. */
    public long run() {
        sim.init();
        for (Queue q : queues) {
            q.arrival.schedule(q.interarrival.nextDouble());
        }
        new Event(sim) {
            @Override
            public void actions() {
                sim.stop();
            }
        }.schedule(horizonSec);
        sim.start();
        long completed = 0;
        for (Queue q : queues) {
            completed += q.completed;
        }
        return completed;
    }

    /** The latencies (seconds) of queue {@code i}'s completed requests, in completion order. */
    public double[] latencies(int i) {
        return Arrays.copyOf(queues[i].latencies, queues[i].completed);
    }

    private final class Queue {
        final ExponentialGen interarrival;
        final ExponentialGen service;
        double[] waiting = new double[64];
        int head;
        int count;
        boolean busy;
        double inServiceArrival;
        double[] latencies;
        int completed;

        final Event arrival = new Event(sim) {
            @Override
            public void actions() {
                arrive();
            }
        };
        final Event departure = new Event(sim) {
            @Override
            public void actions() {
                depart();
            }
        };

        Queue(ExponentialGen interarrival, ExponentialGen service, int expectedRequests) {
            this.interarrival = interarrival;
            this.service = service;
            this.latencies = new double[expectedRequests];
        }

        void arrive() {
            arrival.schedule(interarrival.nextDouble());
            if (busy) {
                if (count == waiting.length) {
                    double[] bigger = new double[count * 2];
                    for (int k = 0; k < count; k++) {
                        bigger[k] = waiting[(head + k) % waiting.length];
                    }
                    waiting = bigger;
                    head = 0;
                }
                waiting[(head + count++) % waiting.length] = sim.time();
            } else {
                busy = true;
                inServiceArrival = sim.time();
                departure.schedule(service.nextDouble());
            }
        }

        void depart() {
            if (completed == latencies.length) {
                latencies = Arrays.copyOf(latencies, 2 * completed);
            }
            latencies[completed++] = sim.time() - inServiceArrival;
            if (count > 0) {
                inServiceArrival = waiting[head];
                head = (head + 1) % waiting.length;
                count--;
                departure.schedule(service.nextDouble());
            } else {
                busy = false;
            }
        }
    }
}

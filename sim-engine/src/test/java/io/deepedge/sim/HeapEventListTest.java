package io.deepedge.sim;

import org.junit.jupiter.api.Test;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link HeapEventList} runs events in exactly the order of SSJ's {@link SplayTree}. */
class HeapEventListTest {
    private static final Simulator UNUSED = new Simulator();

    /** An event whose key the test sets directly, as a list sees it. */
    private static class Keyed extends Event {
        final int id;

        Keyed(int id) {
            super(UNUSED);
            this.id = id;
        }

        void key(double time, double prio) {
            eventTime = time;
            priority = prio;
        }

        void unschedule() {
            eventTime = -10;
        }

        @Override
        public void actions() {
        }

        @Override
        public String toString() {
            return "e" + id;
        }
    }

    /** A second class, for getFirstOfClass. */
    private static final class OtherKeyed extends Keyed {
        OtherKeyed(int id) {
            super(id);
        }
    }

    private static List<Integer> order(EventList list) {
        List<Integer> ids = new ArrayList<>();
        for (Event e : list) {
            ids.add(((Keyed) e).id);
        }
        return ids;
    }

    private static int id(Event e) {
        return e == null ? -1 : ((Keyed) e).id;
    }

    /**
     * Random operation sequences on a heap and a splay tree holding twin events: after every operation the
     * two lists hold the same events in the same execution order, and return the same results.
     */
    @Test
    void randomOperationSequencesMatchSplayTree() {
        for (long seed = 1; seed <= 300; seed++) {
            runRandomOperations(seed, seed % 3 == 0 ? 40 : 400, 3000);
        }
    }

    private static void runRandomOperations(long seed, int population, int steps) {
        SplittableRandom r = new SplittableRandom(seed);
        HeapEventList heap = new HeapEventList();
        SplayTree splay = new SplayTree();
        Keyed[] h = new Keyed[population];
        Keyed[] s = new Keyed[population];
        boolean[] in = new boolean[population];
        for (int i = 0; i < population; i++) {
            h[i] = i % 5 == 0 ? new OtherKeyed(i) : new Keyed(i);
            s[i] = i % 5 == 0 ? new OtherKeyed(i) : new Keyed(i);
        }
        // few distinct times and priorities, so most comparisons are ties
        int times = 1 + r.nextInt(12);
        for (int step = 0; step < steps; step++) {
            int op = r.nextInt(100);
            int i = r.nextInt(population);
            String what = "seed " + seed + " step " + step + " op " + op;
            if (op < 35) {
                if (!in[i]) {
                    double t = r.nextInt(times);
                    double p = r.nextInt(4) - (r.nextInt(8) == 0 ? 2 : 0);
                    h[i].key(t, p);
                    s[i].key(t, p);
                    heap.add(h[i]);
                    splay.add(s[i]);
                    in[i] = true;
                }
            } else if (op < 55) {
                Event a = heap.removeFirst();
                Event b = splay.removeFirst();
                assertEquals(id(b), id(a), what);
                if (a != null) {
                    in[id(a)] = false;
                }
            } else if (op < 65) {
                assertEquals(splay.remove(s[i]), heap.remove(h[i]), what);
                in[i] = false;
            } else if (op < 70) {
                // reschedule: remove, new key, add again (Event.reschedule)
                if (in[i]) {
                    heap.remove(h[i]);
                    splay.remove(s[i]);
                    double t = r.nextInt(times);
                    double p = r.nextInt(4);
                    h[i].key(t, p);
                    s[i].key(t, p);
                    heap.add(h[i]);
                    splay.add(s[i]);
                }
            } else if (op < 77) {
                // addFirst with a key at or before the current first (what scheduleNext produces)
                if (!in[i]) {
                    Event first = splay.getFirst();
                    double t = first == null ? 0 : first.time() - (r.nextBoolean() ? 0 : 1);
                    double p = first == null || r.nextBoolean() ? 0 : Math.min(0, first.priority());
                    if (first != null && t == first.time()) {
                        p = Math.min(p, first.priority());
                    }
                    h[i].key(t, p);
                    s[i].key(t, p);
                    heap.addFirst(h[i]);
                    splay.addFirst(s[i]);
                    in[i] = true;
                }
            } else if (op < 93) {
                // addBefore / addAfter a random member (scheduleBefore / scheduleAfter copy its key)
                int j = r.nextInt(population);
                if (!in[i] && in[j]) {
                    h[i].key(h[j].time(), h[j].priority());
                    s[i].key(s[j].time(), s[j].priority());
                    if (op < 85) {
                        heap.addBefore(h[i], h[j]);
                        splay.addBefore(s[i], s[j]);
                    } else {
                        heap.addAfter(h[i], h[j]);
                        splay.addAfter(s[i], s[j]);
                    }
                    in[i] = true;
                }
            } else if (op < 96) {
                assertEquals(id(splay.getFirstOfClass(OtherKeyed.class)), id(heap.getFirstOfClass(OtherKeyed.class)),
                        what);
                assertEquals(id(splay.getFirstOfClass(Keyed.class.getName())),
                        id(heap.getFirstOfClass(Keyed.class.getName())), what);
            } else if (op < 99) {
                // an event in neither list
                if (!in[i]) {
                    assertFalse(heap.remove(h[i]), what);
                    assertFalse(splay.remove(s[i]), what);
                }
            } else if (r.nextInt(10) == 0) {
                heap.clear();
                splay.clear();
                Arrays.fill(in, false);
            }
            assertEquals(order(splay), order(heap), what);
            assertEquals(id(splay.getFirst()), id(heap.getFirst()), what);
            assertEquals(splay.isEmpty(), heap.isEmpty(), what);
        }
        // drain
        while (!splay.isEmpty()) {
            assertEquals(id(splay.removeFirst()), id(heap.removeFirst()), "seed " + seed + " drain");
        }
        assertTrue(heap.isEmpty());
        assertNull(heap.removeFirst());
    }

    /** Many insertions next to the same event exhaust the spacing of sequence numbers: renumbering keeps the order. */
    @Test
    void repeatedAddBeforeAndAfterTheSameEventMatchSplayTree() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            HeapEventList heap = new HeapEventList();
            SplayTree splay = new SplayTree();
            int n = 600;
            Keyed[] h = new Keyed[n];
            Keyed[] s = new Keyed[n];
            for (int i = 0; i < n; i++) {
                h[i] = new Keyed(i);
                s[i] = new Keyed(i);
            }
            for (int i = 0; i < 4; i++) {
                h[i].key(1, 1);
                s[i].key(1, 1);
                heap.add(h[i]);
                splay.add(s[i]);
            }
            for (int i = 4; i < n; i++) {
                int j = r.nextInt(4);
                h[i].key(1, 1);
                s[i].key(1, 1);
                switch (r.nextInt(4)) {
                    case 0 -> {
                        heap.addBefore(h[i], h[j]);
                        splay.addBefore(s[i], s[j]);
                    }
                    case 1 -> {
                        heap.addAfter(h[i], h[j]);
                        splay.addAfter(s[i], s[j]);
                    }
                    case 2 -> {
                        heap.addFirst(h[i]);
                        splay.addFirst(s[i]);
                    }
                    default -> {
                        heap.add(h[i]);
                        splay.add(s[i]);
                    }
                }
            }
            assertEquals(order(splay), order(heap));
            for (int i = 0; i < n; i++) {
                assertEquals(id(splay.removeFirst()), id(heap.removeFirst()));
            }
        }
    }

    @Test
    void addFirstMakesTheEventNextEvenWhenItsOwnKeySortsLater() {
        HeapEventList heap = new HeapEventList();
        Keyed a = new Keyed(1);
        a.key(5, -3);
        heap.add(a);
        Keyed b = new Keyed(2);
        b.key(5, 0);
        heap.addFirst(b);
        assertSame(b, heap.getFirst());
        assertSame(b, heap.removeFirst());
        assertSame(a, heap.removeFirst());
    }

    @Test
    void addBeforeAnEventNotInTheListIsRejected() {
        HeapEventList heap = new HeapEventList();
        Keyed a = new Keyed(1);
        Keyed b = new Keyed(2);
        assertThrows(IllegalArgumentException.class, () -> heap.addBefore(a, b));
        assertThrows(IllegalArgumentException.class, () -> heap.addAfter(a, b));
        b.key(1, 1);
        heap.add(b);
        assertThrows(IllegalStateException.class, () -> heap.add(b));
    }

    @Test
    void anEventLeftInAnAbandonedListIsNotFoundInANewOne() {
        HeapEventList old = new HeapEventList();
        HeapEventList fresh = new HeapEventList();
        Keyed a = new Keyed(1);
        Keyed b = new Keyed(2);
        a.key(1, 1);
        b.key(2, 1);
        old.add(a);
        fresh.add(b);
        // a's slot index (0) is valid in the fresh list, which holds b there
        assertFalse(fresh.remove(a));
        assertSame(b, fresh.getFirst());
        old.clear();
        assertEquals(0, a.getRa());
        fresh.add(a);
        assertSame(a, fresh.removeFirst());
        assertEquals(0, a.getRa());
    }

    @Test
    void iteratorWalksInExecutionOrderAndRemovesThroughTheList() {
        HeapEventList heap = new HeapEventList();
        List<Keyed> es = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Keyed e = new Keyed(i);
            e.key(20 - i, 1);
            es.add(e);
            heap.add(e);
        }
        ListIterator<Event> it = heap.listIterator();
        double last = -1;
        while (it.hasNext()) {
            Event e = it.next();
            assertTrue(e.time() > last);
            last = e.time();
            if (((Keyed) e).id % 2 == 0) {
                it.remove();
            }
        }
        assertEquals(10, heap.size());
        while (it.hasPrevious()) {
            assertEquals(1, ((Keyed) it.previous()).id % 2);
        }
        assertThrows(UnsupportedOperationException.class, () -> heap.listIterator().add(es.get(0)));
        Iterator<Event> stale = heap.iterator();
        heap.removeFirst();
        assertThrows(ConcurrentModificationException.class, stale::hasNext);
        assertTrue(heap.toString().startsWith("Contents of the event list HeapEventList:"));
        assertEquals(10, heap.toString().split("\n").length);
    }

    // ------------------------------------------------------------------ through SSJ's Simulator

    /**
     * Events that, when they run, schedule, cancel, reschedule and insert events with every {@link Event}
     * scheduling method, decided by a random stream: the run's log depends on the list's order, so equal logs
     * under two lists mean equal orders throughout.
     */
    private static final class Chaos {
        final Simulator sim;
        final SplittableRandom r;
        final Actor[] actors;
        final StringBuilder log = new StringBuilder();
        long executed;
        long limit;

        Chaos(EventList list, long seed, int n) {
            sim = new Simulator(list);
            r = new SplittableRandom(seed);
            actors = new Actor[n];
            for (int i = 0; i < n; i++) {
                actors[i] = new Actor(this, i);
            }
        }

        String run(long maxEvents) {
            sim.init();
            for (int i = 0; i < actors.length / 2; i++) {
                actors[i].setPriority(r.nextInt(3));
                actors[i].schedule(r.nextInt(4));
            }
            new Event(sim) {
                @Override
                public void actions() {
                    sim.stop();
                }
            }.schedule(1e9);
            this.limit = maxEvents;
            sim.start();
            return log.toString();
        }
    }

    private static final class Actor extends Event {
        final Chaos c;
        final int id;

        Actor(Chaos c, int id) {
            super(c.sim);
            this.c = c;
            this.id = id;
        }

        private Actor pick(boolean scheduled) {
            for (int tries = 0; tries < 4; tries++) {
                Actor a = c.actors[c.r.nextInt(c.actors.length)];
                if (a != this && (a.time() > -1.0) == scheduled) {
                    return a;
                }
            }
            return null;
        }

        @Override
        public void actions() {
            Simulator sim = c.sim;
            c.log.append(sim.time()).append(':').append(id).append(' ');
            if (++c.executed >= c.limit) {
                sim.stop();
                return;
            }
            SplittableRandom r = c.r;
            int ops = 1 + r.nextInt(3);
            for (int k = 0; k < ops; k++) {
                int op = r.nextInt(100);
                if (op < 40) {
                    Actor a = r.nextInt(3) == 0 ? pick(false) : (time() > -1.0 ? null : this);
                    if (a != null) {
                        a.setPriority(r.nextInt(3));
                        // integer and half-integer delays, so equal times are common
                        a.schedule(r.nextInt(3) == 0 ? 0 : r.nextInt(6) * 0.5);
                    }
                } else if (op < 55) {
                    Actor a = pick(true);
                    if (a != null) {
                        c.log.append(a.cancel() ? 'c' : 'n');
                    }
                } else if (op < 67) {
                    Actor a = pick(true);
                    if (a != null) {
                        a.reschedule(r.nextInt(4) * 0.5);
                    }
                } else if (op < 74) {
                    Actor a = pick(false);
                    if (a != null) {
                        a.scheduleNext();
                    }
                } else if (op < 87) {
                    Actor a = pick(false);
                    Actor b = pick(true);
                    if (a != null && b != null) {
                        a.scheduleBefore(b);
                    }
                } else {
                    Actor a = pick(false);
                    Actor b = pick(true);
                    if (a != null && b != null) {
                        a.scheduleAfter(b);
                    }
                }
            }
            if (sim.getEventList().getFirst() == null || r.nextInt(50) == 0) {
                Actor a = pick(false);
                if (a != null) {
                    a.setPriority(1);
                    a.schedule(1 + r.nextInt(3));
                }
            }
        }
    }

    @Test
    void simulatorRunsWithEverySchedulingMethodMatchSplayTree() {
        for (long seed = 1; seed <= 60; seed++) {
            int n = seed % 2 == 0 ? 30 : 300;
            String splay = new Chaos(new SplayTree(), seed, n).run(20_000);
            String heap = new Chaos(new HeapEventList(), seed, n).run(20_000);
            assertEquals(splay.length(), heap.length(), "seed " + seed);
            assertEquals(splay, heap, "seed " + seed);
        }
    }

    // -------------------------------------------------------------- M/M/1 network, bit for bit

    /**
     * Twelve single-server FCFS queues with times rounded to a millisecond grid (so simultaneous events are
     * frequent), completions before arrivals at equal times, events reused, and a periodic speed change that
     * cancels and reschedules every departure in progress, as the project's LC queues do.
     */
    private static final class Mm1Network {
        final Simulator sim;
        final Queue[] queues;
        final List<double[]> latencies = new ArrayList<>();

        Mm1Network(EventList list, long seed) {
            sim = new Simulator(list);
            SplittableRandom r = new SplittableRandom(seed);
            queues = new Queue[12];
            for (int i = 0; i < queues.length; i++) {
                queues[i] = new Queue(r.split(), 5 + i, 0.04 + 0.005 * i);
            }
        }

        double[] run(double horizon) {
            sim.init();
            for (Queue q : queues) {
                q.arrival.schedule(q.interarrival());
            }
            Event speed = new Event(sim) {
                @Override
                public void actions() {
                    for (Queue q : queues) {
                        q.speedChanged();
                    }
                    schedule(1.0);
                }
            };
            speed.setPriority(0);
            speed.schedule(1.0);
            new Event(sim) {
                @Override
                public void actions() {
                    sim.stop();
                }
            }.schedule(horizon);
            sim.start();
            int total = 0;
            for (Queue q : queues) {
                total += q.done;
            }
            double[] all = new double[total];
            int k = 0;
            for (Queue q : queues) {
                System.arraycopy(q.latency, 0, all, k, q.done);
                k += q.done;
            }
            return all;
        }

        private final class Queue {
            final SplittableRandom r;
            final double rate;
            final double meanService;
            final double[] waiting = new double[1 << 16];
            int head;
            int tail;
            boolean busy;
            double servedArrival;
            double remaining;
            double startedAt;
            double speed = 1;
            double[] latency = new double[1024];
            int done;
            final Event arrival;
            final Event departure;

            Queue(SplittableRandom r, double rate, double meanService) {
                this.r = r;
                this.rate = rate;
                this.meanService = meanService;
                arrival = new Event(sim) {
                    @Override
                    public void actions() {
                        arrive();
                    }
                };
                arrival.setPriority(3);
                departure = new Event(sim) {
                    @Override
                    public void actions() {
                        depart();
                    }
                };
                departure.setPriority(1);
            }

            double grid(double x) {
                return Math.round(x * 1000) / 1000.0;
            }

            double interarrival() {
                return grid(-Math.log1p(-r.nextDouble()) / rate);
            }

            void arrive() {
                arrival.schedule(interarrival());
                if (busy) {
                    waiting[tail++ & 0xFFFF] = sim.time();
                } else {
                    busy = true;
                    start(sim.time());
                }
            }

            void start(double arrivedAt) {
                servedArrival = arrivedAt;
                remaining = grid(-meanService * Math.log1p(-r.nextDouble()));
                startedAt = sim.time();
                departure.schedule(remaining / speed);
            }

            void speedChanged() {
                double newSpeed = 0.5 + r.nextInt(3) * 0.5;
                if (busy) {
                    remaining -= (sim.time() - startedAt) * speed;
                    startedAt = sim.time();
                    departure.cancel();
                    departure.schedule(Math.max(0, remaining) / newSpeed);
                }
                speed = newSpeed;
            }

            void depart() {
                if (done == latency.length) {
                    latency = Arrays.copyOf(latency, done * 2);
                }
                latency[done++] = sim.time() - servedArrival;
                if (head != tail) {
                    start(waiting[head++ & 0xFFFF]);
                } else {
                    busy = false;
                }
            }
        }
    }

    @Test
    void mm1NetworkGivesBitIdenticalLatenciesUnderBothLists() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] splay = new Mm1Network(new SplayTree(), seed).run(2_000);
            double[] heap = new Mm1Network(new HeapEventList(), seed).run(2_000);
            assertTrue(splay.length > 100_000);
            assertArrayEquals(splay, heap, "seed " + seed);
        }
    }

    @Test
    void simulatorReinitialisationClearsTheHeap() {
        HeapEventList list = new HeapEventList();
        new Mm1Network(list, 7).run(50);
        assertFalse(list.isEmpty());
        // a new model on the same list: Simulator.init() clears it, and the run is the same as on a fresh list
        assertArrayEquals(new Mm1Network(new SplayTree(), 7).run(50), new Mm1Network(list, 7).run(50));
    }
}

package io.deepedge.sim.bench;

import io.deepedge.sim.HeapEventList;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.Simulator;
import umontreal.ssj.simevents.eventlist.BinaryTree;
import umontreal.ssj.simevents.eventlist.DoublyLinked;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.simevents.eventlist.Henriksen;
import umontreal.ssj.simevents.eventlist.RedblackTree;
import umontreal.ssj.simevents.eventlist.SplayTree;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The classic hold model through SSJ's {@link Simulator}: {@code pending} events are in the list; each event,
 * when it runs, reschedules itself at now + Exp(1), so the list keeps {@code pending} events and every hold is
 * one {@code removeFirst} and one {@code add}. Scores are events per second (one invocation runs 100,000
 * events, reported as 100,000 operations). The list reaches its steady state before measurement.
 *
 * <p>Run: {@code mvn -q -pl sim-engine test-compile exec:exec@bench -Dbench.args="HoldModelBenchmark"}.
 * DoublyLinked (O(n) insertion) is measured at 1,000 pending events only ({@code holdDoublyLinked1000}); select
 * the others with {@code HoldModelBenchmark.hold$}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HoldModelBenchmark {
    static final int HOLDS = 100_000;

    /** The lists that can hold 100,000 events. */
    @State(Scope.Thread)
    public static class Lists {
        @Param({"HeapEventList", "SplayTree", "BinaryTree", "RedblackTree", "Henriksen"})
        public String list;

        @Param({"1000", "100000"})
        public int pending;

        HoldModel model;

        @Setup(Level.Trial)
        public void setUp() {
            model = new HoldModel(newList(list), pending, 42);
        }
    }

    /**
     * DoublyLinked (O(n) insertion), at 1,000 pending events only; not a {@code @Param}, so that
     * {@code -p pending=100000} does not reach it.
     */
    @State(Scope.Thread)
    public static class Linked {
        HoldModel model;

        @Setup(Level.Trial)
        public void setUp() {
            model = new HoldModel(new DoublyLinked(), 1000, 42);
        }
    }

    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public double hold(Lists state) {
        return state.model.run(HOLDS);
    }

    @Benchmark
    @OperationsPerInvocation(HOLDS)
    public double holdDoublyLinked1000(Linked state) {
        return state.model.run(HOLDS);
    }

    static EventList newList(String name) {
        return switch (name) {
            case "HeapEventList" -> new HeapEventList();
            case "SplayTree" -> new SplayTree();
            case "BinaryTree" -> new BinaryTree();
            case "RedblackTree" -> new RedblackTree();
            case "Henriksen" -> new Henriksen();
            case "DoublyLinked" -> new DoublyLinked();
            default -> throw new IllegalArgumentException("unknown event list " + name);
        };
    }

    /** {@code pending} self-rescheduling events on one simulator. */
    public static final class HoldModel {
        private final Simulator sim;
        private final SplittableRandom random;
        private long remaining;

        public HoldModel(EventList list, int pending, long seed) {
            sim = new Simulator(list);
            sim.init();
            random = new SplittableRandom(seed);
            for (int i = 0; i < pending; i++) {
                new Hold().schedule(exp());
            }
            // the initial list holds i.i.d. Exp(1) times, not the hold model's steady state: let it settle
            run(5L * pending);
        }

        private double exp() {
            return -Math.log(1.0 - random.nextDouble());
        }

        /** Runs {@code holds} events; returns the simulation time reached. */
        public double run(long holds) {
            remaining = holds;
            sim.start();
            return sim.time();
        }

        private final class Hold extends Event {
            Hold() {
                super(HoldModel.this.sim);
            }

            @Override
            public void actions() {
                schedule(exp());
                if (--remaining == 0) {
                    sim.stop();
                }
            }
        }
    }
}

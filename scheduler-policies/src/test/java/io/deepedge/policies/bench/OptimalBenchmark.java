package io.deepedge.policies.bench;

import io.deepedge.policies.Decision;
import io.deepedge.policies.PlanningRequest;
import io.deepedge.policies.PolicyRegistry;
import io.deepedge.policies.SchedulingPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Planning time of the exhaustive {@code optimal} policy (2^n subsets) on a lightly loaded cluster, so that
 * every device is eligible and all 2^n - 1 subsets are searched.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class OptimalBenchmark {
    @Param({"12", "16"})
    public int devices;

    private SchedulingPolicy planner;
    private PlanningRequest request;

    @Setup
    public void setUp() {
        planner = PolicyRegistry.get("optimal");
        request = PlanningBenchmark.cluster(devices, 42, 0.02);
    }

    @Benchmark
    public Decision plan() {
        return planner.decide(request);
    }
}

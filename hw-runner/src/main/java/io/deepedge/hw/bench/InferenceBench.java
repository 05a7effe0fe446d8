package io.deepedge.hw.bench;

import io.deepedge.hw.data.FashionMnist;
import io.deepedge.hw.data.LabelledImages;
import io.deepedge.hw.inference.ArrivalSchedule;
import io.deepedge.hw.inference.InferenceService;
import io.deepedge.hw.inference.OpenLoopRun;
import io.deepedge.hw.inference.RequestHandler;
import io.deepedge.hw.inference.RequestTiming;
import io.deepedge.hw.train.NetworkSpec;
import io.deepedge.hw.train.UpdaterSpec;
import io.deepedge.models.Arrivals;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * LC service latency alone (no training on the machine): batch-1 LeNet and MLP services behind one FCFS worker,
 * open-loop Poisson load, latency from scheduled arrival to response. {@code -Dbench.inferenceSec} sets the
 * measured duration (default 20 s per service), after a 3 s warm-up.
 */
final class InferenceBench {
    private InferenceBench() {
    }

    static void run() throws IOException, InterruptedException {
        LabelledImages images = FashionMnist.subset().test();
        double durationSec = Double.parseDouble(System.getProperty("bench.inferenceSec", "20"));
        record Case(String name, NetworkSpec spec, double ratePerSec) {
        }
        for (Case c : List.of(new Case("lenet", NetworkSpec.Cnn.LENET, 50), new Case("mlp-784-100-10", new NetworkSpec.Mlp(100), 200))) {
            InferenceService service = new InferenceService(c.name(),
                    c.spec().build(28, 28, FashionMnist.CLASSES, HwBench.SEED, UpdaterSpec.runnerDefault()), images);
            measure(service, c.ratePerSec(), 3, 1);
            List<RequestTiming> t = measure(service, c.ratePerSec(), durationSec, 2);
            double[] latency = RequestTiming.latenciesMs(t);
            double[] serviceMs = t.stream().filter(RequestTiming::finished)
                    .mapToDouble(r -> (r.endSec() - r.startSec()) * 1000).sorted().toArray();
            Arrays.sort(latency);
            System.out.printf(Locale.ROOT, "inference %s alone, Poisson %.0f/s for %.0f s: %d requests, latency p50 %.2f ms, "
                            + "p99 %.2f ms, max %.2f ms; service time p50 %.2f ms, p99 %.2f ms; unfinished %d%n",
                    c.name(), c.ratePerSec(), durationSec, latency.length, quantile(latency, 0.5),
                    quantile(latency, 0.99), latency[latency.length - 1], quantile(serviceMs, 0.5),
                    quantile(serviceMs, 0.99), t.size() - latency.length);
        }
    }

    private static List<RequestTiming> measure(RequestHandler service, double rate, double sec, long seed)
            throws InterruptedException {
        return OpenLoopRun.run(service, ArrivalSchedule.of(new Arrivals.Poisson(rate), seed), sec, 5).timings();
    }

    /** Nearest-rank quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

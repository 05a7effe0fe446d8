package io.deepedge.hw.bench;

import io.deepedge.hw.local.AgentLauncher;
import io.deepedge.hw.train.NativeCallSafety;
import io.deepedge.hw.train.Nd4jSetup;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether a JVM survives ND4J ops under frequent collections ({@code native-gc} in {@link TestbedBench}): child JVMs
 * run two threads of small broadcasts (each op allocates a dimension array only the op references) beside a thread
 * that allocates garbage, for {@code bench.gcSec} seconds (60), {@code bench.gcRuns} times (3) for each of: G1 as
 * the agents had it before, the agents' options now (the parallel collector with large survivors), and each with
 * {@link NativeCallSafety#JVM_OPTIONS}. A crash (the JVM's exit code 134) is use-after-free of an
 * op's array in native code; the JVMs' crash files go to /dev/null.
 */
final class NativeGcBench {
    private static final List<String> G1 = List.of("-Xmx1g", "-Xmn32m", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1");

    private NativeGcBench() {
    }

    static void run() throws Exception {
        int seconds = Integer.getInteger("bench.gcSec", 60);
        int runs = Integer.getInteger("bench.gcRuns", 3);
        List<String> safe = NativeCallSafety.JVM_OPTIONS;
        System.out.printf(Locale.ROOT, "native-gc: %d runs of %d s per option set; 'crash at' is the seconds survived%n",
                runs, seconds);
        row("G1 (agents before)", G1, seconds, runs);
        row("G1 + safety", concat(safe, G1), seconds, runs);
        row("agents' options", AgentLauncher.DEFAULT_JVM_OPTIONS, seconds, runs);
        row("agents' options + safety", concat(safe, AgentLauncher.DEFAULT_JVM_OPTIONS), seconds, runs);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void row(String name, List<String> options, int seconds, int runs) throws Exception {
        StringBuilder results = new StringBuilder();
        int crashes = 0;
        for (int r = 0; r < runs; r++) {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(options);
            cmd.add("-XX:ActiveProcessorCount=1");
            cmd.add("-XX:ErrorFile=/dev/null");
            cmd.addAll(Nd4jSetup.propertyOptions());
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Stress.class.getName(),
                    Integer.toString(seconds)));
            long start = System.nanoTime();
            // the child prints one line, or a crash report a pipe holds: wait first, then read
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try {
                if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("stress JVM did not stop");
                }
                out = new String(p.getInputStream().readAllBytes());
            } finally {
                p.destroyForcibly();
            }
            double survivedSec = (System.nanoTime() - start) / 1e9;
            if (p.exitValue() == 0) {
                long ops = Long.parseLong(out.lines().filter(l -> l.startsWith("ops ")).findFirst().orElseThrow()
                        .substring(4).trim());
                results.append(String.format(Locale.ROOT, " ok(%d ops)", ops));
            } else {
                crashes++;
                results.append(String.format(Locale.ROOT, " crash at %.1f s (exit %d)", survivedSec, p.exitValue()));
            }
        }
        System.out.printf(Locale.ROOT, "%-30s crashed %d of %d:%s%n", name, crashes, runs, results);
    }

    /** The child: two broadcasting threads and a garbage thread for the given seconds; prints the ops done. */
    public static final class Stress {
        private Stress() {
        }

        public static void main(String[] args) throws Exception {
            Nd4jSetup.configure();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[0]));
            long[] done = new long[2];
            List<Thread> threads = new ArrayList<>();
            for (int k = 0; k < done.length; k++) {
                int id = k;
                threads.add(new Thread(() -> {
                    INDArray z = Nd4j.create(4 + id, 8 + id);
                    INDArray row = Nd4j.create(1, 8 + id);
                    INDArray column = Nd4j.create(4 + id, 1);
                    while (System.nanoTime() < end) {
                        z.addiRowVector(row);
                        z.muliColumnVector(column);
                        done[id]++;
                    }
                }));
            }
            Thread garbage = new Thread(() -> {
                Object[] recent = new Object[16];
                for (long n = 0; System.nanoTime() < end; n++) {
                    recent[(int) (n % recent.length)] = new byte[512];
                }
            });
            garbage.setDaemon(true);
            threads.forEach(Thread::start);
            garbage.start();
            for (Thread t : threads) {
                t.join();
            }
            System.out.println("ops " + (done[0] + done[1]));
        }
    }
}

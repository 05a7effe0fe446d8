package io.deepedge.hw.coordinator;

import io.deepedge.hw.load.RunClock;
import io.deepedge.hw.local.LocalCluster;
import io.deepedge.models.Failure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The config's {@code failures} on a local testbed: at {@code atSec} of the run's clock the device's agent process
 * is killed with SIGKILL (a crash: nothing is told to anyone), and after {@code downSec} it is started again (a new
 * process on a new port, which registers with the coordinator). As the simulator, a failure of a device that is
 * already down and a recovery of a device that is up change nothing. Failures before {@code fromSec} (a resumed
 * run's start) are skipped with their recoveries.
 */
final class FailureInjector implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FailureInjector.class.getName());

    private record Action(double atSec, String device, boolean kill) {
    }

    private final LocalCluster cluster;
    private final RunClock clock;
    private final List<Action> actions = new ArrayList<>();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int kills;
    private volatile Exception problem;

    FailureInjector(List<Failure> failures, LocalCluster cluster, RunClock clock, double fromSec) {
        this.cluster = cluster;
        this.clock = clock;
        for (Failure f : failures) {
            if (f.atSec() < fromSec) {
                continue;
            }
            actions.add(new Action(f.atSec(), f.device(), true));
            if (f.recovers()) {
                actions.add(new Action(f.atSec() + f.downSec(), f.device(), false));
            }
        }
        // at one instant a recovery comes before a failure, as the simulator's event order has it (stable sort)
        actions.sort(Comparator.comparingDouble(Action::atSec).thenComparing(Action::kill));
        this.thread = new Thread(this::runActions, "failure-injector");
        thread.setDaemon(true);
    }

    FailureInjector start() {
        if (!actions.isEmpty()) {
            thread.start();
        }
        return this;
    }

    /** Devices killed so far (a kill of a device already down is no failure). */
    int kills() {
        return kills;
    }

    private void runActions() {
        try {
            for (Action a : actions) {
                if (!sleepUntil(a.atSec)) {
                    return;
                }
                if (a.kill && cluster.alive(a.device)) {
                    cluster.kill(a.device);
                    kills++;
                    LOG.log(System.Logger.Level.INFO, "failure injected: agent {0} killed at {1} s", a.device, a.atSec);
                } else if (!a.kill && !cluster.alive(a.device)) {
                    cluster.restart(a.device);
                    LOG.log(System.Logger.Level.INFO, "agent {0} restarted (scheduled at {1} s)", a.device, a.atSec);
                }
            }
        } catch (IOException | RuntimeException e) {
            problem = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean sleepUntil(double sec) throws InterruptedException {
        synchronized (this) {
            for (long left = clock.nanosAt(sec) - System.nanoTime(); left > 0 && !stopped;
                 left = clock.nanosAt(sec) - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
            return !stopped;
        }
    }

    /**
     * Stops injecting (a restart under way finishes) and starts every agent that is down again, so the next run
     * begins with all devices; a failed kill or restart is reported here.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        thread.join();
        if (cluster == null) {
            return;
        }
        for (LocalCluster.Agent a : cluster.agents()) {
            if (!cluster.alive(a.name())) {
                cluster.restart(a.name());
            }
        }
        if (problem != null) {
            throw new IOException("injecting a failure failed: " + problem.getMessage(), problem);
        }
    }
}

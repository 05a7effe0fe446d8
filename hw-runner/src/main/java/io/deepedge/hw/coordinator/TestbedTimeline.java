package io.deepedge.hw.coordinator;

import io.deepedge.hw.rpc.GradientResult;
import io.deepedge.models.Plan;
import io.deepedge.models.timeline.RoundCall;
import io.deepedge.models.timeline.TimelineInterval;
import io.deepedge.models.timeline.TimelineRecorder;
import io.deepedge.models.timeline.TrainingState;

import java.util.ArrayList;
import java.util.List;

/**
 * The training timeline of one testbed run (timeline.csv), in the simulator's states, from the job's submission to
 * its end: every device idle until the plan's shards go out (transfer), then per round and planned device: sync
 * while the round's parameters and gradient travel (the part of the gradient call beyond the compute time the agent
 * reports), compute (the agent's reported compute time, ending when its reply arrived), barrier until the last
 * reply of the round, then sync while the parameter server steps; checkpoint while the checkpoint is written. A
 * planned device without samples in a round waits at the barrier; devices outside the plan stay idle.
 */
final class TestbedTimeline implements Rounds.RoundListener {
    private final TimelineRecorder recorder;
    private final List<RoundCall> calls = new ArrayList<>();
    private List<String> planned = List.of();

    TestbedTimeline(List<String> devices, double submitSec) {
        this.recorder = new TimelineRecorder(devices, submitSec, d -> TrainingState.IDLE);
    }

    /** The plan's shards go out at {@code nowSec}. */
    void transferring(Plan plan, double nowSec) {
        idle(nowSec);
        planned = plan.devices();
        for (String d : planned) {
            recorder.set(d, TrainingState.TRANSFER, nowSec);
        }
    }

    @Override
    public void round(Rounds.RoundTiming t) {
        double lastReplySec = t.startSec();
        for (Rounds.AgentTiming a : t.agents().values()) {
            lastReplySec = Math.max(lastReplySec, a.endSec());
        }
        for (String d : planned) {
            Rounds.AgentTiming a = t.agents().get(d);
            if (a == null) {
                recorder.set(d, TrainingState.BARRIER, t.startSec());
                continue;
            }
            double callSec = Math.max(0, a.endSec() - t.startSec());
            GradientResult.CallParts p = a.parts();
            calls.add(new RoundCall(t.round(), d, a.samples(), callSec * 1000, p.paramsEncodeMs(),
                    p.agentParamsDecodeMs(), a.computeSec() * 1000, p.agentGradientEncodeMs(), p.agentHandlerMs(),
                    p.gradientDecodeMs(), p.agentComputeCpuMs(), p.agentHandlerCpuMs()));
            double computeFromSec = a.endSec() - Math.min(callSec, Math.max(0, a.computeSec()));
            recorder.set(d, TrainingState.SYNC, t.startSec());
            recorder.set(d, TrainingState.COMPUTE, computeFromSec);
            recorder.set(d, TrainingState.BARRIER, a.endSec());
        }
        for (String d : planned) {
            recorder.set(d, TrainingState.SYNC, Math.max(lastReplySec, t.serverFromSec()));
        }
    }

    @Override
    public void checkpoint(double fromSec, double toSec) {
        for (String d : planned) {
            recorder.set(d, TrainingState.CHECKPOINT, fromSec);
        }
    }

    /** The plan ends at {@code nowSec} (a re-plan, a rollback, a postponement): its devices are idle from then. */
    void idle(double nowSec) {
        for (String d : planned) {
            recorder.set(d, TrainingState.IDLE, nowSec);
        }
        planned = List.of();
    }

    /** Every planned device's gradient calls so far, round by round in device-plan order (rounds.csv). */
    List<RoundCall> calls() {
        return List.copyOf(calls);
    }

    /** The job ended at {@code endSec}: every device is idle from then, and the timeline is complete. */
    List<TimelineInterval> close(double endSec) {
        recorder.close(endSec);
        return recorder.intervals();
    }
}

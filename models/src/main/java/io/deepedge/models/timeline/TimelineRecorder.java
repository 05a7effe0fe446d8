package io.deepedge.models.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the training timeline of a run: each recorded device's state from {@code startSec} (the job's
 * submission) until {@link #close}, as disjoint intervals that cover the span. A state set again is a no-op, so
 * consecutive moments in one state make one interval; a state left at the instant it was entered leaves no
 * zero-length interval, and the state before it goes on in the same interval. Only the first {@link #MAX_DEVICES} devices (in the order given) are recorded, so the file
 * and the chart stay small on a thousand-device scenario. Not thread-safe: one mechanism thread records.
 */
public final class TimelineRecorder {
    /** Devices recorded at most, the first ones in scenario order. */
    public static final int MAX_DEVICES = 100;

    private final Map<String, Open> open = new LinkedHashMap<>();
    private final Map<String, List<TimelineInterval>> done = new LinkedHashMap<>();
    private boolean closed;

    private record Open(TrainingState state, double sinceSec) {
    }

    /** Every recorded device starts {@code initial} (idle, or failed when down) at {@code startSec}. */
    public TimelineRecorder(List<String> devices, double startSec, java.util.function.Function<String, TrainingState> initial) {
        for (String d : devices.subList(0, Math.min(MAX_DEVICES, devices.size()))) {
            open.put(d, new Open(initial.apply(d), startSec));
            done.put(d, new ArrayList<>());
        }
    }

    /** Whether {@code device} is recorded. */
    public boolean records(String device) {
        return open.containsKey(device);
    }

    /** The recorded devices, in order. */
    public List<String> devices() {
        return List.copyOf(open.keySet());
    }

    /** {@code device} is in {@code state} from {@code nowSec} on; ignored for a device not recorded or after close. */
    public void set(String device, TrainingState state, double nowSec) {
        Open o = open.get(device);
        if (o == null || closed || o.state == state) {
            return;
        }
        if (nowSec < o.sinceSec) {
            throw new IllegalArgumentException("time went back for " + device + ": " + nowSec + " < " + o.sinceSec);
        }
        List<TimelineInterval> closed = done.get(device);
        double since = nowSec;
        if (nowSec > o.sinceSec) {
            closed.add(new TimelineInterval(device, o.state, o.sinceSec, nowSec));
        } else if (!closed.isEmpty() && closed.get(closed.size() - 1).state() == state
                && closed.get(closed.size() - 1).toSec() == nowSec) {
            // a state left at the instant it was entered (a free synchronisation): the state before it goes on
            since = closed.remove(closed.size() - 1).fromSec();
        }
        open.put(device, new Open(state, since));
    }

    /** Ends every open interval at {@code endSec}; later calls of {@link #set} are ignored. */
    public void close(double endSec) {
        if (closed) {
            return;
        }
        for (String d : open.keySet()) {
            set(d, null, endSec);
        }
        closed = true;
    }

    /** The intervals recorded, device by device (in order), each device's in time order; closes nothing. */
    public List<TimelineInterval> intervals() {
        List<TimelineInterval> all = new ArrayList<>();
        done.values().forEach(all::addAll);
        return List.copyOf(all);
    }
}

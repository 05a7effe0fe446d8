package io.deepedge.sim;

import umontreal.ssj.simevents.Event;
import umontreal.ssj.simevents.eventlist.EventList;
import umontreal.ssj.util.PrintfFormat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.ListIterator;
import java.util.NoSuchElementException;

/**
 * An SSJ {@link EventList} kept as an array-based 4-ary min-heap, so that adding, cancelling and removing the
 * next event cost O(log n) with few cache misses even when hundreds of thousands of events are pending (SSJ's
 * built-in lists slow down markedly there).
 *
 * <h2>Order</h2>
 * Events run in the order SSJ's lists run them: by time, then by {@link Event#priority()} (lower first), then
 * in the order they were scheduled (FIFO). Each entry's key is (time, priority, sequence number), held in the
 * heap's own arrays when the event is added: a new {@link #add} gets a sequence number above every one issued,
 * {@link #addFirst} one below every one issued, {@link #addBefore} / {@link #addAfter} one between {@code other}
 * and its neighbour of equal time and priority (numbers are spaced, and renumbered in order in the rare case no
 * room is left). This is the in-order sequence of SSJ's {@code SplayTree}, which places a new event after all
 * events of equal time and priority and inserts {@code addBefore}/{@code addAfter}/{@code addFirst} events
 * structurally next to their reference.
 * <ul>
 *   <li>{@code addBefore(ev, other)} and {@code addAfter(ev, other)} give {@code ev} the time and priority of
 *       {@code other} (as {@link Event#scheduleBefore} / {@link Event#scheduleAfter} set them anyway); they
 *       scan the list for the neighbour of equal time and priority, so they cost O(n).</li>
 *   <li>{@code addFirst(ev)} ({@link Event#scheduleNext}) makes {@code ev} the next event. When {@code ev}'s own
 *       (time, priority) would sort after the current first event (only possible with negative priorities or a
 *       time set by hand) it takes the first event's time and priority for its place in the list; SSJ's trees
 *       then hold an inconsistent order whose later behaviour depends on their shape, so no list matches them
 *       exactly in that case.</li>
 * </ul>
 * The key is read once, when the event is added; as in every SSJ list, an event's time and priority must not
 * change while it is in the list.
 *
 * <h2>Finding an event</h2>
 * {@link #remove(Event)} (used by {@link Event#cancel()} and {@link Event#reschedule}) must find the event's slot
 * quickly. The heap stores the slot (plus one) in the event's {@code ra} field ({@link Event#setRa}), an int SSJ's
 * {@code Event} keeps "for internal use" by event lists: in SSJ 3.3.2 only {@code SplayTree} uses it, and only
 * inside {@code add}, which leaves it 0. It is 0 when the event is in no heap: it is reset when the event leaves
 * (removal, {@link #clear()}). A slot is trusted only if it holds that very event, so an event whose {@code ra} is
 * stale (for instance left behind in another list by {@code Simulator.init(EventList)}) is reported as absent,
 * never confused with another one.
 *
 * <h2>Iteration</h2>
 * {@link #iterator()} and {@link #listIterator()} walk a snapshot sorted in execution order (O(n log n) to
 * build). Their {@code remove()} removes the last returned event from this list; {@code add} and {@code set}
 * throw {@link UnsupportedOperationException}. Changing the list other than through the iterator makes the
 * iterator throw {@link ConcurrentModificationException}.
 *
 * <h2>Costs</h2>
 * {@code add}, {@code addFirst}, {@code remove}, {@code removeFirst}: O(log n); {@code getFirst},
 * {@code isEmpty}: O(1); {@code addBefore}, {@code addAfter}, {@code getFirstOfClass}: O(n) (rare in models);
 * iteration and {@code toString}: O(n log n). No allocation per event once the arrays have grown.
 *
 * <p>Not thread-safe, like every SSJ event list: one list per {@link umontreal.ssj.simevents.Simulator}.
 * Use: {@code new Simulator(new HeapEventList())}.
 */
public final class HeapEventList implements EventList {
    /** Spacing of sequence numbers, leaving room for addBefore/addAfter between two events. */
    private static final long GAP = 1L << 12;
    private static final int INITIAL_CAPACITY = 64;

    private Event[] events = new Event[INITIAL_CAPACITY];
    private double[] times = new double[INITIAL_CAPACITY];
    private double[] priorities = new double[INITIAL_CAPACITY];
    private long[] seqs = new long[INITIAL_CAPACITY];
    private int size;
    /** Highest and lowest sequence numbers issued since the list was last empty. */
    private long highSeq;
    private long lowSeq;
    private int modCount;

    /** The number of pending events. */
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public void clear() {
        for (int i = 0; i < size; i++) {
            events[i].setRa(0);
            events[i] = null;
        }
        size = 0;
        highSeq = 0;
        lowSeq = 0;
        modCount++;
    }

    @Override
    public void add(Event ev) {
        checkNotHere(ev);
        highSeq += GAP;
        insert(ev, ev.time(), ev.priority(), highSeq);
    }

    @Override
    public void addFirst(Event ev) {
        checkNotHere(ev);
        double t = ev.time();
        double p = ev.priority();
        if (size > 0) {
            double t0 = times[0];
            double p0 = priorities[0];
            if (t > t0 || (t == t0 && p > p0)) {
                t = t0;
                p = p0;
            }
        }
        lowSeq -= GAP;
        insert(ev, t, p, lowSeq);
    }

    @Override
    public void addBefore(Event ev, Event other) {
        checkNotHere(ev);
        int j = slotOf(other);
        if (j < 0) {
            throw new IllegalArgumentException("Event not in list.");
        }
        if (!neighbourRoom(j, false)) {
            renumber();
        }
        long s = seqBetween(j, false);
        insert(ev, times[j], priorities[j], s);
    }

    @Override
    public void addAfter(Event ev, Event other) {
        checkNotHere(ev);
        int j = slotOf(other);
        if (j < 0) {
            throw new IllegalArgumentException("Event not in list.");
        }
        if (!neighbourRoom(j, true)) {
            renumber();
        }
        long s = seqBetween(j, true);
        insert(ev, times[j], priorities[j], s);
    }

    @Override
    public Event getFirst() {
        return size == 0 ? null : events[0];
    }

    @Override
    public Event getFirstOfClass(String cl) {
        int best = -1;
        for (int i = 0; i < size; i++) {
            if (events[i].getClass().getName().equals(cl) && (best < 0 || less(i, best))) {
                best = i;
            }
        }
        return best < 0 ? null : events[best];
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E extends Event> E getFirstOfClass(Class<E> cl) {
        int best = -1;
        for (int i = 0; i < size; i++) {
            if (events[i].getClass() == cl && (best < 0 || less(i, best))) {
                best = i;
            }
        }
        return best < 0 ? null : (E) events[best];
    }

    @Override
    public boolean remove(Event ev) {
        int i = slotOf(ev);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    @Override
    public Event removeFirst() {
        if (size == 0) {
            return null;
        }
        Event first = events[0];
        removeAt(0);
        return first;
    }

    @Override
    public Iterator<Event> iterator() {
        return listIterator();
    }

    @Override
    public ListIterator<Event> listIterator() {
        return new SnapshotIterator(sortedEvents());
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Contents of the event list HeapEventList:");
        for (Event ev : sortedEvents()) {
            sb.append(PrintfFormat.NEWLINE).append(PrintfFormat.g(12, 7, ev.time())).append(", ")
                    .append(PrintfFormat.g(8, 4, ev.priority())).append(" : ").append(ev);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- heap

    /** The slot of {@code ev} in this heap, or -1 when it is not here. */
    private int slotOf(Event ev) {
        int i = ev.getRa() - 1;
        return i >= 0 && i < size && events[i] == ev ? i : -1;
    }

    private void checkNotHere(Event ev) {
        if (slotOf(ev) >= 0) {
            throw new IllegalStateException("event already in this list: " + ev);
        }
    }

    private void insert(Event ev, double t, double p, long s) {
        if (size == events.length) {
            grow();
        }
        int i = size++;
        siftUp(i, ev, t, p, s);
        modCount++;
    }

    private void grow() {
        int n = events.length * 2;
        events = Arrays.copyOf(events, n);
        times = Arrays.copyOf(times, n);
        priorities = Arrays.copyOf(priorities, n);
        seqs = Arrays.copyOf(seqs, n);
    }

    private void removeAt(int i) {
        Event[] ev = events;
        ev[i].setRa(0);
        int last = --size;
        if (i != last) {
            Event moved = ev[last];
            double t = times[last];
            double p = priorities[last];
            long s = seqs[last];
            ev[last] = null;
            if (i > 0 && before(t, p, s, (i - 1) >>> 2)) {
                siftUp(i, moved, t, p, s);
            } else {
                siftDown(i, moved, t, p, s);
            }
        } else {
            ev[last] = null;
        }
        if (size == 0) {
            highSeq = 0;
            lowSeq = 0;
        }
        modCount++;
    }

    /** Whether key (t, p, s) sorts before the entry in slot {@code j}. */
    private boolean before(double t, double p, long s, int j) {
        double tj = times[j];
        if (t != tj) {
            return t < tj;
        }
        double pj = priorities[j];
        if (p != pj) {
            return p < pj;
        }
        return s < seqs[j];
    }

    /** Whether the entry in slot {@code a} sorts before the one in slot {@code b}. */
    private boolean less(int a, int b) {
        return before(times[a], priorities[a], seqs[a], b);
    }

    private void siftUp(int i, Event ev, double t, double p, long s) {
        Event[] es = events;
        double[] ts = times;
        double[] ps = priorities;
        long[] ss = seqs;
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(t, p, s, parent)) {
                break;
            }
            Event pe = es[parent];
            es[i] = pe;
            pe.setRa(i + 1);
            ts[i] = ts[parent];
            ps[i] = ps[parent];
            ss[i] = ss[parent];
            i = parent;
        }
        es[i] = ev;
        ev.setRa(i + 1);
        ts[i] = t;
        ps[i] = p;
        ss[i] = s;
    }

    private void siftDown(int i, Event ev, double t, double p, long s) {
        Event[] es = events;
        double[] ts = times;
        double[] ps = priorities;
        long[] ss = seqs;
        int n = size;
        while (true) {
            int c = (i << 2) + 1;
            if (c >= n) {
                break;
            }
            int end = Math.min(c + 4, n);
            int m = c;
            double mt = ts[c];
            for (int k = c + 1; k < end; k++) {
                double tk = ts[k];
                if (tk < mt || (tk == mt && less(k, m))) {
                    m = k;
                    mt = tk;
                }
            }
            if (!(mt < t || (mt == t && less(m, t, p, s)))) {
                break;
            }
            Event me = es[m];
            es[i] = me;
            me.setRa(i + 1);
            ts[i] = mt;
            ps[i] = ps[m];
            ss[i] = ss[m];
            i = m;
        }
        es[i] = ev;
        ev.setRa(i + 1);
        ts[i] = t;
        ps[i] = p;
        ss[i] = s;
    }

    /** Whether slot {@code m} sorts before key (t, p, s), both of time t. */
    private boolean less(int m, double t, double p, long s) {
        double pm = priorities[m];
        if (pm != p) {
            return pm < p;
        }
        return seqs[m] < s;
    }

    // ---------------------------------------------------- sequence numbers

    /**
     * The sequence number of the nearest entry of the same time and priority as slot {@code j}, after it
     * ({@code after}) or before it; {@code Long.MAX_VALUE} / {@code Long.MIN_VALUE} when there is none.
     */
    private long neighbourSeq(int j, boolean after) {
        double t = times[j];
        double p = priorities[j];
        long s = seqs[j];
        long best = after ? Long.MAX_VALUE : Long.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (times[i] == t && priorities[i] == p) {
                long si = seqs[i];
                if (after ? si > s && si < best : si < s && si > best) {
                    best = si;
                }
            }
        }
        return best;
    }

    private boolean neighbourRoom(int j, boolean after) {
        long s = seqs[j];
        long n = neighbourSeq(j, after);
        if (n == Long.MAX_VALUE) {
            return s <= Long.MAX_VALUE / 2;
        }
        if (n == Long.MIN_VALUE) {
            return s >= Long.MIN_VALUE / 2;
        }
        return Math.abs(n - s) >= 2;
    }

    /** A sequence number just after (or before) slot {@code j}'s, before (after) its neighbour's. */
    private long seqBetween(int j, boolean after) {
        long s = seqs[j];
        long n = neighbourSeq(j, after);
        long r;
        if (n == Long.MAX_VALUE) {
            r = s + GAP;
            highSeq = Math.max(highSeq, r);
        } else if (n == Long.MIN_VALUE) {
            r = s - GAP;
            lowSeq = Math.min(lowSeq, r);
        } else {
            r = s + (n - s) / 2;
        }
        return r;
    }

    /** Respaces all sequence numbers by GAP, in key order: the order, hence the heap, is unchanged. */
    private void renumber() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> less(a, b) ? -1 : less(b, a) ? 1 : 0);
        for (int rank = 0; rank < size; rank++) {
            seqs[order[rank]] = (rank + 1) * GAP;
        }
        lowSeq = GAP;
        highSeq = size * GAP;
    }

    // ------------------------------------------------------------ iteration

    private Event[] sortedEvents() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> less(a, b) ? -1 : less(b, a) ? 1 : 0);
        Event[] sorted = new Event[size];
        for (int i = 0; i < size; i++) {
            sorted[i] = events[order[i]];
        }
        return sorted;
    }

    /** A list iterator over a sorted snapshot; {@code remove()} also removes the event from the heap. */
    private final class SnapshotIterator implements ListIterator<Event> {
        private final ListIterator<Event> snapshot;
        private Event lastRet;
        private int expectedModCount = modCount;

        SnapshotIterator(Event[] sorted) {
            this.snapshot = new ArrayList<>(Arrays.asList(sorted)).listIterator();
        }

        private void checkModCount() {
            if (modCount != expectedModCount) {
                throw new ConcurrentModificationException();
            }
        }

        @Override
        public boolean hasNext() {
            checkModCount();
            return snapshot.hasNext();
        }

        @Override
        public Event next() {
            checkModCount();
            lastRet = snapshot.next();
            return lastRet;
        }

        @Override
        public boolean hasPrevious() {
            checkModCount();
            return snapshot.hasPrevious();
        }

        @Override
        public Event previous() {
            checkModCount();
            lastRet = snapshot.previous();
            return lastRet;
        }

        @Override
        public int nextIndex() {
            return snapshot.nextIndex();
        }

        @Override
        public int previousIndex() {
            return snapshot.previousIndex();
        }

        @Override
        public void remove() {
            checkModCount();
            if (lastRet == null) {
                throw new IllegalStateException();
            }
            snapshot.remove();
            HeapEventList.this.remove(lastRet);
            expectedModCount = modCount;
            lastRet = null;
        }

        @Override
        public void set(Event ev) {
            throw new UnsupportedOperationException("HeapEventList iterators cannot replace events");
        }

        @Override
        public void add(Event ev) {
            throw new UnsupportedOperationException("HeapEventList iterators cannot insert events");
        }
    }
}

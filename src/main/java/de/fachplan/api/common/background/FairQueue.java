package de.fachplan.api.common.background;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Work waiting for a thread, served in turns by owner (an organisation): each owner with waiting
 * work gets one item before any owner gets a second, so one owner's backlog delays another's
 * work by at most one turn. An item is known from the moment it is offered until it is
 * {@link #done done}: offering it again meanwhile (a poller that finds it still due) changes nothing.
 */
public final class FairQueue<K, T> {

    /** Owners with waiting work, in the order of their turns. */
    private final LinkedHashMap<K, ArrayDeque<T>> waiting = new LinkedHashMap<>();
    private final Set<T> known = new HashSet<>();
    private boolean closed;

    /** Whether the item was added (it was neither waiting nor being worked on). */
    public synchronized boolean offer(K owner, T item) {
        if (closed || !known.add(item)) {
            return false;
        }
        waiting.computeIfAbsent(owner, k -> new ArrayDeque<>()).add(item);
        notifyAll();
        return true;
    }

    /** The next item in turn, waiting for one; {@code null} once the queue is closed. */
    public synchronized T take() throws InterruptedException {
        while (!closed && waiting.isEmpty()) {
            wait();
        }
        if (closed) {
            return null;
        }
        Iterator<Map.Entry<K, ArrayDeque<T>>> first = waiting.entrySet().iterator();
        Map.Entry<K, ArrayDeque<T>> turn = first.next();
        first.remove();
        T item = turn.getValue().poll();
        if (!turn.getValue().isEmpty()) {
            // The owner's next item waits for the owner's next turn, behind every other owner.
            waiting.put(turn.getKey(), turn.getValue());
        }
        return item;
    }

    /** The item's work ended; it may be offered again. */
    public synchronized void done(T item) {
        known.remove(item);
    }

    /** Ends {@link #take()} for every thread and forgets what waits (it stays in the database). */
    public synchronized void close() {
        closed = true;
        waiting.clear();
        known.clear();
        notifyAll();
    }

    synchronized int size() {
        return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
    }
}

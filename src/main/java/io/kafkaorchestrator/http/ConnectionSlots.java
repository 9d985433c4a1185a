package io.kafkaorchestrator.http;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The open connections, at most {@code limit}; each has its own thread. A connection is either waiting on its client
 * (idle before a request, receiving one, or skipping an unwanted body after its answer) or answering. When a new
 * connection comes at the limit, the one that has waited on its client the longest is given up for it (its socket is
 * closed), so slow or silent clients hold the slots only until newer ones come and a prober whose request arrives in
 * one packet is always answered. An answer stuck for longer than {@code maxAnswerNanos} (a client that does not read
 * it) may be given up too. Only when every connection is answering, none for too long, is the new connection refused.
 * On {@link #stop}, idle connections close at once and requests already arriving or being answered may finish.
 *
 * @param <C> a connection; {@link Slot#giveUp} closes it
 */
final class ConnectionSlots<C extends ConnectionSlots.Slot> {

    interface Slot {
        /** Closes the connection from another thread; its own thread then fails out of its blocked read or write. */
        void giveUp();
    }

    private final int limit;
    private final long maxAnswerNanos;
    private final LongSupplier nanoTime;
    /** Guarded by this: waiting on their client, the longest waiting first. */
    private final Set<C> waiting = new LinkedHashSet<>();
    /** Guarded by this: those of {@link #waiting} whose request has begun to arrive. */
    private final Set<C> receiving = new HashSet<>();
    /** Guarded by this: answering, with the time each answer started. */
    private final Map<C, Long> answering = new LinkedHashMap<>();

    private boolean stopping;

    ConnectionSlots(int limit, long maxAnswerNanos, LongSupplier nanoTime) {
        this.limit = limit;
        this.maxAnswerNanos = maxAnswerNanos;
        this.nanoTime = nanoTime;
    }

    /** Takes a slot for a new connection, waiting on its client; false (and nothing taken) if none can be had. */
    synchronized boolean admit(C connection) {
        if (stopping) {
            return false;
        }
        if (waiting.size() + answering.size() >= limit && !giveUpOne()) {
            return false;
        }
        waiting.add(connection);
        return true;
    }

    /** The first byte of a request has come: when stopping, the request may still arrive and be answered. */
    synchronized void receiving(C connection) {
        if (waiting.contains(connection)) {
            receiving.add(connection);
        }
    }

    /** The connection's request has arrived: it is answering and is not given up for another. */
    synchronized void answering(C connection) {
        if (waiting.remove(connection)) {
            receiving.remove(connection);
            answering.put(connection, nanoTime.getAsLong());
        }
    }

    /** The connection has answered and waits on its client again; while stopping it is given up instead. */
    synchronized void waiting(C connection) {
        if (answering.remove(connection) == null) {
            return; // given up meanwhile
        }
        if (stopping) {
            connection.giveUp();
            notifyAll();
        } else {
            waiting.add(connection);
        }
    }

    /** The connection is closed: its slot is free. */
    synchronized void release(C connection) {
        receiving.remove(connection);
        if (waiting.remove(connection) || answering.remove(connection) != null) {
            notifyAll();
        }
    }

    /**
     * No connection is admitted from now on; idle ones are given up now, those receiving or answering a request when
     * they have answered it or when the time is up. Returns whether all had closed within the time.
     */
    synchronized boolean stop(long waitMillis) throws InterruptedException {
        stopping = true;
        for (C idle : List.copyOf(waiting)) {
            if (!receiving.contains(idle)) {
                waiting.remove(idle);
                idle.giveUp();
            }
        }
        long deadline = nanoTime.getAsLong() + waitMillis * 1_000_000;
        for (long left = waitMillis; open() > 0 && left > 0; left = (deadline - nanoTime.getAsLong()) / 1_000_000) {
            wait(left);
        }
        boolean allClosed = open() == 0;
        List.copyOf(waiting).forEach(C::giveUp);
        List.copyOf(answering.keySet()).forEach(C::giveUp);
        waiting.clear();
        receiving.clear();
        answering.clear();
        return allClosed;
    }

    synchronized boolean stopping() {
        return stopping;
    }

    synchronized int open() {
        return waiting.size() + answering.size();
    }

    private boolean giveUpOne() {
        C victim = waiting.isEmpty() ? stuckAnswer() : waiting.iterator().next();
        if (victim == null) {
            return false;
        }
        waiting.remove(victim);
        receiving.remove(victim);
        answering.remove(victim);
        victim.giveUp();
        return true;
    }

    private C stuckAnswer() {
        long now = nanoTime.getAsLong();
        for (Map.Entry<C, Long> answer : answering.entrySet()) {
            if (now - answer.getValue() > maxAnswerNanos) {
                return answer.getKey();
            }
        }
        return null;
    }
}

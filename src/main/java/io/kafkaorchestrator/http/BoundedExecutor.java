package io.kafkaorchestrator.http;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs each exchange on a virtual thread, at most {@code limit} at once. The JDK server reads request headers on the
 * executor, and after the answer it reads (drains) a request body nobody asked for, so a slow client holds its thread
 * (and ~20 KiB of buffers) until the request time limit closes it: the limit keeps many from exhausting memory. At the
 * limit, the oldest exchange still waiting on its client is given up for the new one (its thread is interrupted, which
 * closes its channel, and the server drops that connection): slow clients hold on to the limit only until newer ones
 * come, so a prober whose request arrives in one packet is always answered. Only when every exchange is busy
 * answering is the new connection closed (the server catches the rejection).
 */
final class BoundedExecutor implements Executor, AutoCloseable {

    private static final ScopedValue<Exchange> CURRENT = ScopedValue.newInstance();

    /** READING: waiting on the client, for its request or for the rest of a body after the answer. */
    private enum State { READING, ANSWERING, GIVEN_UP, DONE }

    private final Semaphore permits;
    /** Exchanges waiting on their client, oldest first. Guarded by itself. */
    private final Set<Exchange> reading = new LinkedHashSet<>();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());

    BoundedExecutor(int limit) {
        this.permits = new Semaphore(limit);
    }

    @Override
    public void execute(Runnable work) {
        if (!permits.tryAcquire() && !takeOverOldestReader()) {
            throw new RejectedExecutionException("more than the allowed concurrent HTTP exchanges, all answering");
        }
        Exchange exchange = new Exchange(work);
        synchronized (reading) {
            reading.add(exchange);
        }
        try {
            threads.execute(exchange::run);
        } catch (RejectedExecutionException e) {
            exchange.finish();
            throw e;
        }
    }

    /** Called by the handler: the calling exchange's request has arrived, so it is no longer given up for another. */
    static void answering() {
        if (CURRENT.isBound()) {
            CURRENT.get().answering();
        }
    }

    /**
     * Called by the handler once its answer is written: what may remain is reading the rest of a request body, which
     * waits on the client again, so the exchange may be given up for another.
     */
    static void answered() {
        if (CURRENT.isBound()) {
            CURRENT.get().answered();
        }
    }

    /** Gives up the oldest exchange waiting on its client; the new exchange takes over its permit. */
    private boolean takeOverOldestReader() {
        synchronized (reading) {
            for (Iterator<Exchange> oldestFirst = reading.iterator(); oldestFirst.hasNext(); ) {
                if (oldestFirst.next().giveUp()) {
                    oldestFirst.remove();
                    return true;
                }
            }
        }
        return false;
    }

    /** Waits for running exchanges to finish, at most the given time. */
    boolean awaitIdle(long millis) throws InterruptedException {
        threads.shutdown();
        return threads.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private final class Exchange {
        private final Runnable work;
        private final AtomicReference<State> state = new AtomicReference<>(State.READING);
        private volatile Thread thread;

        Exchange(Runnable work) {
            this.work = work;
        }

        void run() {
            thread = Thread.currentThread();
            try {
                ScopedValue.where(CURRENT, this).run(work);
            } finally {
                finish();
            }
        }

        void answering() {
            if (state.compareAndSet(State.READING, State.ANSWERING)) {
                synchronized (reading) {
                    reading.remove(this);
                }
            }
        }

        void answered() {
            synchronized (reading) {
                if (state.compareAndSet(State.ANSWERING, State.READING)) {
                    reading.add(this);
                }
            }
        }

        /** Interrupts the exchange if it is still reading; a thread blocked on a channel then has it closed. */
        boolean giveUp() {
            Thread running = thread;
            if (running == null || !state.compareAndSet(State.READING, State.GIVEN_UP)) {
                return false;
            }
            running.interrupt();
            return true;
        }

        /** Releases the permit, unless it was handed to the exchange that took this one's place. */
        void finish() {
            synchronized (reading) {
                reading.remove(this);
            }
            if (state.getAndSet(State.DONE) != State.GIVEN_UP) {
                permits.release();
            }
        }
    }
}

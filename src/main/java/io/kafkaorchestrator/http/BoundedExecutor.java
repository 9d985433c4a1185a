package io.kafkaorchestrator.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;

/**
 * Runs each exchange on a virtual thread, at most {@code limit} at once. The JDK server reads request headers on the
 * executor, so a slow client holds its thread until the request time limit closes it: cheap virtual threads keep a
 * few slow clients from starving the probes, and the limit keeps many from exhausting memory. Past the limit the
 * server closes the new connection (it catches the rejection).
 */
final class BoundedExecutor implements Executor, AutoCloseable {

    private final Semaphore permits;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-", 0).factory());

    BoundedExecutor(int limit) {
        this.permits = new Semaphore(limit);
    }

    @Override
    public void execute(Runnable exchange) {
        if (!permits.tryAcquire()) {
            throw new RejectedExecutionException("more than the allowed concurrent HTTP exchanges");
        }
        try {
            threads.execute(() -> {
                try {
                    exchange.run();
                } finally {
                    permits.release();
                }
            });
        } catch (RejectedExecutionException e) {
            permits.release();
            throw e;
        }
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
}

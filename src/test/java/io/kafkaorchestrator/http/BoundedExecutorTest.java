package io.kafkaorchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** At its limit the executor gives up the oldest exchange still reading its request, never one already answering. */
class BoundedExecutorTest {

    private final BoundedExecutor executor = new BoundedExecutor(2);
    private final List<String> interrupted = new CopyOnWriteArrayList<>();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        executor.close();
    }

    /** An exchange blocked (as on a slow client's socket) until released or interrupted. */
    private Runnable blocked(String name, boolean answering) {
        return () -> {
            if (answering) {
                BoundedExecutor.answering();
            }
            ran.add(name);
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.add(name);
            }
        };
    }

    @Test
    void atTheLimitTheOldestReadingExchangeIsGivenUpForTheNewOne() {
        executor.execute(blocked("slow-1", false));
        executor.execute(blocked("slow-2", false));
        await().until(() -> ran.size() == 2);

        executor.execute(blocked("probe", true));

        await().until(() -> ran.contains("probe"));
        await().until(() -> interrupted.equals(List.of("slow-1")));
    }

    @Test
    void exchangesThatAreAnsweringAreNeverGivenUp() {
        executor.execute(blocked("answering-1", true));
        executor.execute(blocked("slow", false));
        await().until(() -> ran.size() == 2);

        executor.execute(blocked("new-1", true));
        await().until(() -> interrupted.equals(List.of("slow")) && ran.contains("new-1"));

        assertThatExceptionOfType(RejectedExecutionException.class)
                .isThrownBy(() -> executor.execute(blocked("new-2", false)))
                .withMessage("more than the allowed concurrent HTTP exchanges, all answering");
        assertThat(interrupted).containsExactly("slow");
    }

    @Test
    void anExchangeThatHasAnsweredMayBeGivenUpWhileItWaitsOnItsClient() {
        executor.execute(() -> {
            BoundedExecutor.answering();
            BoundedExecutor.answered(); // then the server reads the rest of an unwanted request body
            blocked("draining", false).run();
        });
        executor.execute(blocked("answering", true));
        await().until(() -> ran.size() == 2);

        executor.execute(blocked("probe", true));

        await().until(() -> ran.contains("probe") && interrupted.equals(List.of("draining")));
    }

    @Test
    void aGivenUpExchangeHandsItsPermitOverInsteadOfReleasingIt() {
        executor.execute(blocked("slow-1", false));
        executor.execute(blocked("slow-2", false));
        await().until(() -> ran.size() == 2);
        executor.execute(blocked("answering-1", true));
        await().until(() -> interrupted.contains("slow-1") && ran.contains("answering-1"));
        executor.execute(blocked("answering-2", true));
        await().until(() -> interrupted.contains("slow-2") && ran.contains("answering-2"));

        // Two permits, both held by answering exchanges: the interrupted ones gave theirs away when they ended.
        assertThatExceptionOfType(RejectedExecutionException.class)
                .isThrownBy(() -> executor.execute(blocked("third", true)));
    }

    @Test
    void finishedExchangesReleaseTheirPermits() throws InterruptedException {
        BoundedExecutor quick = new BoundedExecutor(1);
        CountDownLatch done = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                quick.execute(() -> {
                    BoundedExecutor.answering();
                    done.countDown();
                });
                return true;
            });
        }
        assertThat(done.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        quick.close();
    }
}

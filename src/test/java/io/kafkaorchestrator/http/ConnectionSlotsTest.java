package io.kafkaorchestrator.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * At the limit a new connection takes the slot of the one that has waited on its client the longest; an answering
 * connection is never given up unless its answer has been stuck past the answer time.
 */
class ConnectionSlotsTest {

    private static final long MAX_ANSWER_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong now = new AtomicLong();
    private final ConnectionSlots<Named> slots = new ConnectionSlots<>(2, MAX_ANSWER_NANOS, now::get);
    private final List<String> givenUp = new CopyOnWriteArrayList<>();

    private final class Named implements ConnectionSlots.Slot {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public void giveUp() {
            givenUp.add(name);
        }
    }

    @Test
    void atTheLimitTheLongestWaitingConnectionIsGivenUpForTheNewOne() {
        Named slow1 = new Named("slow-1");
        Named slow2 = new Named("slow-2");
        slots.admit(slow1);
        slots.admit(slow2);

        assertThat(slots.admit(new Named("probe"))).isTrue();

        assertThat(givenUp).containsExactly("slow-1");
        assertThat(slots.open()).isEqualTo(2);
    }

    @Test
    void aConnectionThatWaitsAgainAfterAnAnswerGoesToTheBackOfTheLine() {
        Named keepAlive = new Named("keep-alive");
        Named silent = new Named("silent");
        slots.admit(keepAlive);
        slots.admit(silent);
        slots.answering(keepAlive);
        slots.waiting(keepAlive);

        slots.admit(new Named("probe"));

        assertThat(givenUp).containsExactly("silent");
    }

    @Test
    void anAnswerIsGivenUpOnlyPastTheAnswerTimeAndWhenAllAnswerInTimeANewConnectionIsRefused() {
        Named stuck = new Named("stuck");
        Named answering = new Named("answering");
        slots.admit(stuck);
        slots.answering(stuck);
        now.addAndGet(1);
        slots.admit(answering);
        slots.answering(answering);
        now.addAndGet(MAX_ANSWER_NANOS); // stuck: 1 ns past the answer time; answering: exactly at it

        Named probe = new Named("probe-1");
        assertThat(slots.admit(probe)).as("takes the stuck answer's slot").isTrue();
        slots.answering(probe);
        assertThat(slots.admit(new Named("probe-2")))
                .as("refused: every connection answers in time")
                .isFalse();

        assertThat(givenUp).containsExactly("stuck");
        assertThat(slots.open()).isEqualTo(2);
    }

    @Test
    void aReleasedSlotIsFreeAndAGivenUpConnectionsLateCallsChangeNothing() {
        Named slow = new Named("slow");
        Named closing = new Named("closing");
        slots.admit(slow);
        slots.admit(closing);
        slots.release(closing);
        assertThat(slots.admit(new Named("probe-1"))).isTrue();
        assertThat(givenUp).isEmpty();

        slots.admit(new Named("probe-2")); // gives up slow
        slots.answering(slow);
        slots.waiting(slow);
        slots.release(slow);

        assertThat(givenUp).containsExactly("slow");
        assertThat(slots.open()).isEqualTo(2);
    }

    @Test
    void stoppingGivesUpIdleConnectionsAtOnceAndLetsRequestsArrivingOrAnsweringFinish() throws InterruptedException {
        ConnectionSlots<Named> slots = new ConnectionSlots<>(3, MAX_ANSWER_NANOS, now::get);
        Named idle = new Named("idle");
        Named arriving = new Named("arriving");
        Named answering = new Named("answering");
        slots.admit(idle);
        slots.admit(arriving);
        slots.receiving(arriving);
        slots.admit(answering);
        slots.answering(answering);

        AtomicBoolean allClosed = new AtomicBoolean();
        Thread stopping = Thread.ofPlatform().start(() -> {
            try {
                allClosed.set(slots.stop(TimeUnit.SECONDS.toMillis(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await().until(() -> stopping.getState() == Thread.State.TIMED_WAITING);
        assertThat(givenUp).containsExactly("idle");

        slots.waiting(answering); // its answer is written
        slots.answering(arriving); // its request has arrived
        slots.waiting(arriving);
        stopping.join();

        assertThat(allClosed.get()).isTrue();
        assertThat(givenUp).containsExactly("idle", "answering", "arriving");
        assertThat(slots.admit(new Named("late"))).isFalse();
        assertThat(slots.open()).isZero();
    }

    @Test
    void stoppingGivesUpRequestsStillArrivingOrAnsweringWhenTheGraceIsOver() throws InterruptedException {
        Named answering = new Named("answering");
        Named arriving = new Named("arriving");
        slots.admit(answering);
        slots.answering(answering);
        slots.admit(arriving);
        slots.receiving(arriving);

        assertThat(slots.stop(0)).isFalse();

        assertThat(givenUp).containsExactlyInAnyOrder("answering", "arriving");
        assertThat(slots.open()).isZero();
    }
}

package io.kafkaorchestrator.kafka;

import io.kafkaorchestrator.kafka.RefreshFailure.Call;
import io.kafkaorchestrator.kafka.RefreshFailure.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/** Waiting on Admin futures within a time budget, and classifying what went wrong. */
final class AdminCalls {

    private AdminCalls() {}

    /** What remains of one read's time budget. */
    record Deadline(long atNanos, Duration budget) {
        static Deadline after(Duration budget) {
            return new Deadline(System.nanoTime() + budget.toNanos(), budget);
        }

        long remainingNanos() {
            return Math.max(0, atNanos - System.nanoTime());
        }

        int remainingMs() {
            return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(remainingNanos()));
        }
    }

    /** The future's value, or empty with the failure added to {@code failures} (once per call). */
    static <T> Optional<T> await(KafkaFuture<T> future, Deadline deadline, Call call, List<RefreshFailure> failures) {
        try {
            return Optional.of(future.get(deadline.remainingNanos(), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            addOnce(failures, classify(call, e.getCause() == null ? e : e.getCause(), deadline));
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            addOnce(
                    failures,
                    new RefreshFailure(
                            call,
                            Kind.TIMEOUT,
                            "no answer within " + deadline.budget().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            addOnce(failures, new RefreshFailure(call, Kind.ERROR, "interrupted"));
        }
        return Optional.empty();
    }

    private static void addOnce(List<RefreshFailure> failures, RefreshFailure failure) {
        if (failures.stream().noneMatch(f -> f.call() == failure.call())) {
            failures.add(failure);
        }
    }

    static RefreshFailure classify(Call call, Throwable cause, Deadline deadline) {
        Kind kind = switch (cause) {
            case AuthenticationException ignored -> Kind.AUTHENTICATION;
            case AuthorizationException ignored -> Kind.AUTHORIZATION;
            case TimeoutException ignored -> Kind.TIMEOUT;
            case UnsupportedVersionException ignored -> Kind.UNSUPPORTED;
            default -> Kind.ERROR;
        };
        String message = kind == Kind.TIMEOUT
                ? "no answer within " + deadline.budget().toMillis() + " ms (" + describe(cause) + ")"
                : describe(cause);
        return new RefreshFailure(call, kind, message);
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}

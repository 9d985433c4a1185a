package org.apache.kafka.clients.admin;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.internals.KafkaFutureImpl;

/**
 * A MockAdminClient whose calls, named by their method, can be made to fail or to hang instead of answering
 * ({@link #failing}, {@link #hanging}), as a broker that refuses, errs or accepts requests and never answers. In
 * Kafka's package because the results' constructors are package-private.
 */
public abstract class FaultInjectingAdminClient extends MockAdminClient {

    /** Per call: the exception it fails with instead of answering, or empty: it never answers. */
    private final Map<String, Optional<Exception>> instead = new ConcurrentHashMap<>();

    protected FaultInjectingAdminClient(List<Node> brokers, Node controller) {
        super(brokers, controller);
    }

    /** From now on {@code call} fails with {@code failure}. */
    public void failing(String call, Exception failure) {
        instead.put(call, Optional.of(failure));
    }

    /** From now on {@code call} never answers. */
    public void hanging(String call) {
        instead.put(call, Optional.empty());
    }

    /** From now on {@code call} answers again. */
    public void answering(String call) {
        instead.remove(call);
    }

    /** True when {@code call} is to fail or hang. */
    protected boolean faulty(String call) {
        return instead.containsKey(call);
    }

    /** What {@code call} answers instead: a failed future, or one that never completes. */
    protected <T> KafkaFuture<T> instead(String call) {
        return instead.get(call).map(FaultInjectingAdminClient::<T>failed).orElseGet(KafkaFutureImpl::new);
    }

    protected static <T> KafkaFuture<T> failed(Exception e) {
        KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(e);
        return future;
    }
}

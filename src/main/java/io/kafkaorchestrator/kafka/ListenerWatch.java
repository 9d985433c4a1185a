package io.kafkaorchestrator.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to the own broker's listener once a second and hangs up. A refused connection is definitive: nothing
 * listens, the broker is not running. The Kafka calls cannot tell that apart from a slow broker before their timeout,
 * so without this a killed broker would look healthy for up to {@code CHECK_INTERVAL + CHECK_TIMEOUT}. One bare TCP
 * connection a second, whatever the probe rate; no Kafka request, so nothing in the broker's request log. A frozen
 * broker still accepts (the kernel completes the handshake): the Kafka calls' timeout catches that.
 */
public final class ListenerWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ListenerWatch.class);

    private final String host;
    private final int port;
    private final Duration every;
    private final Clock clock;
    private final Consumer<ListenerState> listener;
    private final Thread thread;
    private volatile boolean stopping;
    private ListenerState state;

    public ListenerWatch(String host, int port, Duration every, Clock clock, Consumer<ListenerState> listener) {
        this.host = host;
        this.port = port;
        this.every = every;
        this.clock = clock;
        this.listener = listener;
        this.state = ListenerState.unknown(host + ":" + port);
        this.thread = Thread.ofPlatform().name("own-listener-watch").daemon().unstarted(this::watch);
    }

    public void start() {
        thread.start();
    }

    private void watch() {
        while (!stopping) {
            check();
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One connection attempt; tells the listener when the state changes. */
    void check() {
        Optional<String> refused = connect();
        ListenerState next = refused.isEmpty()
                ? new ListenerState(state.address(), Optional.empty(), true, "accepted")
                : new ListenerState(
                        state.address(),
                        state.refusedAt().or(() -> Optional.of(clock.instant())),
                        state.everAccepted(),
                        refused.get());
        boolean changed = next.refusing() != state.refusing() || next.everAccepted() != state.everAccepted();
        state = next;
        if (changed) {
            log.atDebug()
                    .setMessage("Own listener changed")
                    .addKeyValue("listener", state.address())
                    .addKeyValue("state", state.refusing() ? "refusing" : "accepting")
                    .log();
            listener.accept(state);
        }
    }

    /** Empty when some address of the host accepted; the refusal otherwise. Other errors (timeouts) prove nothing. */
    private Optional<String> connect() {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        String refusal = null;
        for (InetAddress address : addresses) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address, port), (int) every.toMillis());
                return Optional.empty();
            } catch (ConnectException e) {
                refusal = e.getMessage();
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(refusal);
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
    }
}

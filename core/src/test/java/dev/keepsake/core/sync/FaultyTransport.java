package dev.keepsake.core.sync;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.error.BackendUnavailableException;
import dev.keepsake.core.remote.Transport;
import java.util.Random;

/**
 * A transport in front of a fake server that loses requests and answers on purpose: down
 * (nothing arrives), a dropped answer (the server applied the push but the client hears
 * nothing, as when the connection dies mid-push), duplicated requests, and a token check
 * answering 401 to every token but the valid one.
 */
final class FaultyTransport implements Transport {

    private final Transport server;
    private final String token;
    private final Faults faults;

    /** What goes wrong, shared by the transports of one device. */
    static final class Faults {
        volatile boolean down;
        volatile double dropAnswer;
        volatile double duplicate;
        volatile String validToken;
        /** Runs (once) when a pull request arrives, before it is answered. */
        volatile Runnable beforePull;
        final Random random;
        int dropped;
        int duplicated;

        Faults(long seed) {
            this.random = new Random(seed);
        }
    }

    FaultyTransport(Transport server, String token, Faults faults) {
        this.server = server;
        this.token = token;
        this.faults = faults;
    }

    @Override
    public Async<Response> send(Request request) {
        if (faults.down) {
            return Async.failed(new BackendUnavailableException("test", null, "connection refused", null));
        }
        if (faults.validToken != null && !faults.validToken.equals(token)) {
            return Async.of(new Response(401,
                    "{\"error\":\"unauthorized\",\"message\":\"no\",\"horizon\":0}".getBytes()));
        }
        Runnable hook = faults.beforePull;
        if (hook != null && request.path().contains("/changes")) {
            faults.beforePull = null;
            hook.run();
        }
        boolean isPush = request.path().endsWith("/push");
        if (isPush && faults.random.nextDouble() < faults.duplicate) {
            faults.duplicated++;
            server.send(request);
        }
        Async<Response> answer = server.send(request);
        if (isPush && faults.random.nextDouble() < faults.dropAnswer) {
            faults.dropped++;
            return Async.failed(new BackendUnavailableException("test", null, "connection reset", null));
        }
        return answer;
    }
}

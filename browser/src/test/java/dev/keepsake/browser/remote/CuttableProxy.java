package dev.keepsake.browser.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a free loopback port in front of a sync server, for the faults a device on a
 * real network sees: {@link #offline()} closes every open connection and refuses new ones (a
 * page's {@code fetch} then fails as it does without network) until {@link #online()};
 * {@link #dropResponsesToPushes(int)} lets the next pushes reach the server and then closes
 * their connections before any byte of the answer reaches the client, so the client cannot know
 * whether the server applied them. One thread per direction per connection; test use only.
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pushesToDrop = new AtomicInteger();
    private final AtomicInteger droppedPushes = new AtomicInteger();
    private volatile boolean online = true;
    private volatile boolean closed;

    private CuttableProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** Starts a proxy to the server at {@code server} (an {@code http://host:port} address). */
    public static CuttableProxy start(URI server) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        CuttableProxy proxy = new CuttableProxy(listener, new InetSocketAddress(server.getHost(), server.getPort()));
        Thread accept = new Thread(proxy::acceptLoop, "proxy-accept");
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    /** Returns the proxy's address, {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Cuts every open connection and refuses new ones until {@link #online()}. */
    public void offline() {
        online = false;
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Lets connections through again. */
    public void online() {
        online = true;
    }

    /**
     * Lets the next {@code count} pushes reach the server, then cuts each one's connection before
     * its answer reaches the client.
     */
    public void dropResponsesToPushes(int count) {
        pushesToDrop.set(count);
    }

    /** Returns how many pushes had their answer cut so far. */
    public int droppedPushes() {
        return droppedPushes.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (!online) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 5000);
                open.add(client);
                open.add(server);
                boolean[] swallow = {false};
                pump(client, server, swallow, true);
                pump(server, client, swallow, false);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean[] swallow, boolean request) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (request && startsWithPush(buffer, n)
                            && pushesToDrop.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
                        synchronized (swallow) {
                            swallow[0] = true;
                        }
                    }
                    if (!request) {
                        boolean cut;
                        synchronized (swallow) {
                            cut = swallow[0];
                        }
                        if (cut) {
                            droppedPushes.incrementAndGet();
                            break;
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // Either side closed (or offline() cut it): close both below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, request ? "proxy-request" : "proxy-answer");
        t.setDaemon(true);
        t.start();
    }

    private static boolean startsWithPush(byte[] buffer, int n) {
        String head = new String(buffer, 0, Math.min(n, 200), StandardCharsets.ISO_8859_1);
        int line = head.indexOf('\n');
        String first = line < 0 ? head : head.substring(0, line);
        return first.startsWith("POST ") && first.contains("/push");
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        closed = true;
        offline();
        try {
            listener.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}

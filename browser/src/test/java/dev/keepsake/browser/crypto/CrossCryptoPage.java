package dev.keepsake.browser.crypto;

import dev.keepsake.browser.compress.BrowserCompression;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExport;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;

/**
 * The exports of the test page {@code crosscrypto.html} (and its wasm-gc twin), compiled by
 * {@link CrossCryptoBuild}: envelopes sealed in the browser for the JVM to open, and timings
 * of each algorithm. Setups are named {@code plain}, {@code gzip}, {@code lz4}, {@code aes},
 * {@code chacha}, {@code gzip+aes}, {@code lz4+chacha}; the key is {@link CrossPlatformVectors#key()}.
 */
public final class CrossCryptoPage {

    private CrossCryptoPage() {
    }

    /** Seals {@link #payload(int)} of {@code size} bytes under {@code storeKey}; resolves with base64. */
    @JSExport
    public static JSPromise<JSString> seal(String setup, String storeKey, int size) {
        return promise(Async.attempt(() -> Envelope.create().seal(storeKey, CrossPlatformVectors.FORMAT_ID,
                payload(size), compressor(setup), cipher(setup)))
                .map(sealed -> Base64.getEncoder().encodeToString(sealed)));
    }

    /**
     * Seals and opens {@code rounds} times a payload of {@code size} bytes (after
     * {@code warmup} untimed rounds); resolves with "sealMillis openMillis storedBytes". The
     * browser algorithms benchmark ({@code bench/page/algorithms.js}) calls it.
     */
    @JSExport
    public static JSPromise<JSString> bench(String setup, int size, int warmup, int rounds) {
        Compressor compressor = compressor(setup);
        Cipher cipher = cipher(setup);
        byte[] payload = payload(size);
        Envelope envelope = Envelope.create();
        Async<byte[]> sample = envelope.seal("bench", 1, payload, compressor, cipher);
        Async<String> result = sample.flatMap(sealed -> {
            dev.keepsake.core.format.Algorithms.Builder builder = dev.keepsake.core.format.Algorithms.builder();
            if (compressor != null) {
                builder.compressor(compressor);
            }
            if (cipher != null) {
                builder.cipher(cipher);
            }
            dev.keepsake.core.format.Algorithms algorithms = builder.build();
            Async.Completer<String> done = Async.completer();
            double[] times = new double[2];
            repeat(warmup, () -> envelope.seal("bench", 1, payload, compressor, cipher), () ->
                    repeat(warmup, () -> envelope.open("bench", sealed, algorithms), () -> {
                        double start = now();
                        repeat(rounds, () -> envelope.seal("bench", 1, payload, compressor, cipher), () -> {
                            times[0] = now() - start;
                            double openStart = now();
                            repeat(rounds, () -> envelope.open("bench", sealed, algorithms), () -> {
                                times[1] = now() - openStart;
                                done.complete(times[0] + " " + times[1] + " " + sealed.length);
                            }, done::fail);
                        }, done::fail);
                    }, done::fail), done::fail);
            return done.async();
        });
        return promise(result);
    }

    /**
     * Runs {@code step} {@code count} times one after another, without deepening the stack for steps that settle at
     * once.
     */
    private static void repeat(int count, java.util.function.Supplier<Async<?>> step, Runnable then,
            java.util.function.Consumer<Throwable> failed) {
        int[] left = {count};
        Runnable[] loop = new Runnable[1];
        loop[0] = () -> {
            while (left[0] > 0) {
                left[0]--;
                Async<?> next = step.get();
                if (next.isDone()) {
                    if (next.isFailed()) {
                        failed.accept(next.failure());
                        return;
                    }
                    continue;
                }
                next.whenComplete((value, failure) -> {
                    if (failure != null) {
                        failed.accept(failure);
                    } else {
                        loop[0].run();
                    }
                });
                return;
            }
            then.run();
        };
        loop[0].run();
    }

    /** Returns {@code size} bytes of JSON-like records: what a state store typically holds. */
    public static byte[] payload(int size) {
        StringBuilder text = new StringBuilder(size + 64);
        for (int i = 0; text.length() < size; i++) {
            text.append("{\"id\":").append(i).append(",\"name\":\"item ").append(i).append("\",\"score\":")
                    .append((i * 7919) % 1000).append(",\"done\":").append(i % 3 == 0).append("},");
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[size];
        System.arraycopy(bytes, 0, out, 0, size);
        return out;
    }

    static Compressor compressor(String setup) {
        if (setup.startsWith("gzip")) {
            return BrowserCompression.gzip();
        }
        if (setup.startsWith("lz4")) {
            return BrowserCompression.lz4();
        }
        return null;
    }

    static Cipher cipher(String setup) {
        if (setup.endsWith("aes")) {
            return BrowserCrypto.aes256Gcm(CrossPlatformVectors.key());
        }
        if (setup.endsWith("chacha")) {
            return BrowserCrypto.chacha20Poly1305(CrossPlatformVectors.key());
        }
        return null;
    }

    private static JSPromise<JSString> promise(Async<String> async) {
        return new JSPromise<>((resolve, reject) -> async.whenComplete((value, failure) -> {
            if (failure != null) {
                reject.accept(JSString.valueOf(failure.toString()));
            } else {
                resolve.accept(JSString.valueOf(value));
            }
        }));
    }

    @JSBody(script = "return performance.now();")
    private static native double now();
}

package dev.keepsake.jvm.crypto;

import dev.keepsake.core.compress.Compressors;
import dev.keepsake.core.crypto.Ciphers;
import dev.keepsake.core.crypto.Encryption;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.SealedStorageContract;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.jvm.compress.JvmCompression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Seal and open throughput (MB/s of payload) of every JVM compressor and cipher through the
 * envelope, next to the plain envelope, for 1 KiB and 1 MiB JSON-like payloads. Not a test and
 * not run by the build (jvm has no JMH profile on main yet); run it by hand:
 *
 * <pre>
 * mvn -B -q -pl jvm -am test-compile -DskipTests
 * java -cp "$(cat jvm/target/bench.classpath)" dev.keepsake.jvm.crypto.EnvelopeThroughputBenchmark [seconds]
 * </pre>
 *
 * A hand-rolled loop: each case warms up, then measures for the given seconds (default 1); the
 * figures are indicative, not JMH-grade.
 */
public final class EnvelopeThroughputBenchmark {

    private record Case(String name, Compressor compressor, Cipher cipher) {
    }

    private static volatile Object sink;

    private EnvelopeThroughputBenchmark() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        EncryptionKey key = EncryptionKey.of(new byte[32]);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("plain", null, null));
        cases.add(new Case("gzip-1", JvmCompression.gzip(1), null));
        cases.add(new Case("gzip-6", JvmCompression.gzip(6), null));
        cases.add(new Case("lz4 (lz4-java)", JvmCompression.lz4(), null));
        cases.add(new Case("lz4 (core)", Compressors.lz4(), null));
        cases.add(new Case("zstd-3", JvmCompression.zstd(3), null));
        cases.add(new Case("zstd-19", JvmCompression.zstd(19), null));
        cases.add(new Case("aes-256-gcm (JDK)", null, JvmCrypto.aes256Gcm(key)));
        cases.add(new Case("chacha20-poly1305 (JDK)", null, JvmCrypto.chacha20Poly1305(key)));
        cases.add(new Case("chacha20-poly1305 (core)", null, Ciphers.chacha20Poly1305(key, JvmCrypto.random())));
        cases.add(new Case("lz4 + aes-256-gcm", JvmCompression.lz4(), JvmCrypto.of(Encryption.aes256Gcm(key))));
        cases.add(new Case("zstd-3 + chacha20 (JDK)", JvmCompression.zstd(3), JvmCrypto.chacha20Poly1305(key)));
        Envelope envelope = Envelope.create();
        System.out.printf(Locale.ROOT, "%-26s %8s %10s %10s %8s%n", "case", "payload", "seal MB/s", "open MB/s",
                "stored");
        for (int size : new int[] {1024, 1 << 20}) {
            byte[] payload = SealedStorageContract.jsonLike(size).getBytes(StandardCharsets.UTF_8);
            for (Case c : cases) {
                Algorithms.Builder b = Algorithms.builder();
                if (c.compressor != null) {
                    b.compressor(c.compressor);
                }
                if (c.cipher != null) {
                    b.cipher(c.cipher);
                }
                Algorithms algorithms = b.build();
                byte[] sealed = envelope.seal("bench:key", 1, payload, c.compressor, c.cipher).peek();
                double seal = rate(seconds, payload.length,
                        () -> sink = envelope.seal("bench:key", 1, payload, c.compressor, c.cipher).peek());
                double open = rate(seconds, payload.length,
                        () -> sink = envelope.open("bench:key", sealed, algorithms).peek());
                System.out.printf(Locale.ROOT, "%-26s %8s %10.1f %10.1f %7.1f%%%n", c.name,
                        size == 1024 ? "1 KiB" : "1 MiB", seal, open, 100.0 * sealed.length / payload.length);
            }
        }
    }

    /** Returns MB/s (10^6 bytes) of {@code bytesPerRun} over repeated runs, after a warm-up. */
    private static double rate(double seconds, int bytesPerRun, Runnable run) {
        long warmEnd = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warmEnd) {
            run.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long runs = 0;
        long now;
        do {
            run.run();
            runs++;
            now = System.nanoTime();
        } while (now < end);
        return runs * (double) bytesPerRun / ((now - start) / 1e9) / 1e6;
    }
}

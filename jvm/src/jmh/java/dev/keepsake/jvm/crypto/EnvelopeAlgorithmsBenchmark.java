package dev.keepsake.jvm.crypto;

import dev.keepsake.core.compress.Compressors;
import dev.keepsake.core.crypto.Ciphers;
import dev.keepsake.core.crypto.EncryptionKey;
import dev.keepsake.core.crypto.SealedStorageContract;
import dev.keepsake.core.format.Algorithms;
import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import dev.keepsake.core.format.Envelope;
import dev.keepsake.jvm.compress.JvmCompression;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Seal and open cost of each JVM compressor and cipher through the envelope, next to the plain
 * envelope ({@code plain}), for JSON-like payloads of 1 KiB and 1 MiB. MB/s = payload bytes
 * &times; ops/s / 10^6. Each trial also prints what is stored, as a share of the payload.
 *
 * <pre>
 * mvn -B -Pbench -DskipTests verify -pl jvm -am -Djmh.args="EnvelopeAlgorithmsBenchmark -f 1 -wi 2 -i 3"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnvelopeAlgorithmsBenchmark {

    @Param({"plain", "gzip-1", "gzip-6", "lz4", "lz4-core", "zstd-3", "zstd-19", "aes-256-gcm", "chacha20-poly1305",
            "chacha20-poly1305-core", "lz4+aes-256-gcm", "zstd-3+chacha20-poly1305"})
    public String algorithms;

    @Param({"1024", "1048576"})
    public int payloadBytes;

    private final Envelope envelope = Envelope.create();
    private byte[] payload;
    private byte[] sealed;
    private Compressor compressor;
    private Cipher cipher;
    private Algorithms readers;

    @Setup
    public void setUp() {
        payload = SealedStorageContract.jsonLike(payloadBytes).getBytes(StandardCharsets.UTF_8);
        EncryptionKey key = EncryptionKey.of(new byte[32]);
        for (String part : algorithms.split("\\+")) {
            switch (part) {
                case "plain" -> { }
                case "gzip-1" -> compressor = JvmCompression.gzip(1);
                case "gzip-6" -> compressor = JvmCompression.gzip(6);
                case "lz4" -> compressor = JvmCompression.lz4();
                case "lz4-core" -> compressor = Compressors.lz4();
                case "zstd-3" -> compressor = JvmCompression.zstd(3);
                case "zstd-19" -> compressor = JvmCompression.zstd(19);
                case "aes-256-gcm" -> cipher = JvmCrypto.aes256Gcm(key);
                case "chacha20-poly1305" -> cipher = JvmCrypto.chacha20Poly1305(key);
                case "chacha20-poly1305-core" -> cipher = Ciphers.chacha20Poly1305(key, JvmCrypto.random());
                default -> throw new IllegalArgumentException(part);
            }
        }
        Algorithms.Builder b = Algorithms.builder();
        if (compressor != null) {
            b.compressor(compressor);
        }
        if (cipher != null) {
            b.cipher(cipher);
        }
        readers = b.build();
        sealed = seal();
        System.out.printf(Locale.ROOT, "%n%s, %d-byte payload: stored %d bytes (%.1f%%)%n", algorithms, payloadBytes,
                sealed.length, 100.0 * sealed.length / payload.length);
    }

    @Benchmark
    public byte[] seal() {
        return envelope.seal("bench:key", 1, payload, compressor, cipher).peek();
    }

    @Benchmark
    public Envelope.Opened open() {
        return envelope.open("bench:key", sealed, readers).peek();
    }
}

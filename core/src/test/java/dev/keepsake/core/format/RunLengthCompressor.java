package dev.keepsake.core.format;

import dev.keepsake.core.async.Async;
import java.util.function.Supplier;

/**
 * A deterministic test compressor (user id 200): run-length pairs of (count 1-255, byte). It
 * can inject the faults a real platform compressor might show, and can settle later.
 */
public class RunLengthCompressor implements Compressor {

    /** What this fake does wrong. */
    enum Fault {
        NONE,
        /** compress throws instead of returning. */
        THROW_ON_COMPRESS,
        /** decompress ignores maxOutput, like a naive decoder fed a bomb. */
        IGNORE_LIMIT,
        /** decompress returns one byte fewer than it should. */
        SHORT_OUTPUT
    }

    static final int ID = 200;

    private final Fault fault;
    private final Pending pending;
    int decompressCalls;

    public RunLengthCompressor() {
        this(Fault.NONE, null);
    }

    RunLengthCompressor(Fault fault, Pending pending) {
        this.fault = fault;
        this.pending = pending;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return "test-rle";
    }

    @Override
    public Async<byte[]> compress(byte[] data) {
        if (fault == Fault.THROW_ON_COMPRESS) {
            throw new IllegalStateException("injected compression fault");
        }
        return settle(() -> encode(data));
    }

    @Override
    public Async<byte[]> decompress(byte[] data, int maxOutput) {
        decompressCalls++;
        return settle(() -> {
            byte[] out = decode(data, fault == Fault.IGNORE_LIMIT ? Integer.MAX_VALUE : maxOutput);
            if (fault == Fault.SHORT_OUTPUT && out.length > 0) {
                byte[] shorter = new byte[out.length - 1];
                System.arraycopy(out, 0, shorter, 0, shorter.length);
                return shorter;
            }
            return out;
        });
    }

    private Async<byte[]> settle(Supplier<byte[]> work) {
        return pending != null ? pending.later(work) : Async.of(work.get());
    }

    static byte[] encode(byte[] data) {
        byte[] out = new byte[data.length * 2];
        int j = 0;
        int i = 0;
        while (i < data.length) {
            byte b = data[i];
            int run = 1;
            while (i + run < data.length && run < 255 && data[i + run] == b) {
                run++;
            }
            out[j++] = (byte) run;
            out[j++] = b;
            i += run;
        }
        byte[] result = new byte[j];
        System.arraycopy(out, 0, result, 0, j);
        return result;
    }

    static byte[] decode(byte[] data, int maxOutput) {
        if ((data.length & 1) != 0) {
            throw new IllegalArgumentException("malformed run-length data: odd length " + data.length);
        }
        int total = 0;
        for (int i = 0; i < data.length; i += 2) {
            int run = data[i] & 0xFF;
            if (run == 0) {
                throw new IllegalArgumentException("malformed run-length data: empty run at " + i);
            }
            total += run;
            if (total > maxOutput) {
                throw new IllegalArgumentException("output exceeds " + maxOutput + " bytes");
            }
        }
        byte[] out = new byte[total];
        int j = 0;
        for (int i = 0; i < data.length; i += 2) {
            int run = data[i] & 0xFF;
            for (int k = 0; k < run; k++) {
                out[j++] = data[i + 1];
            }
        }
        return out;
    }
}

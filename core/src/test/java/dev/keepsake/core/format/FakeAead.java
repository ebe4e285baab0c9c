package dev.keepsake.core.format;

import dev.keepsake.core.async.Async;
import java.util.function.Supplier;

/**
 * A deterministic test cipher (user id 201) with the shape of a real AEAD: a 4-byte nonce
 * (a counter, so sealed bytes are reproducible), the plaintext XORed with a keystream from the
 * secret and nonce, and a 4-byte tag over secret, nonce, associated data and ciphertext. Not
 * secure; it exists to prove the envelope hands the right associated data and bytes around.
 * It can inject faults and settle later.
 */
public class FakeAead implements Cipher {

    /** What this fake does wrong. */
    enum Fault {
        NONE,
        /** encrypt fails asynchronously. */
        FAIL_ENCRYPT,
        /** encrypt returns one byte more than its declared overhead allows. */
        LONG_CIPHERTEXT,
        /** decrypt returns one byte fewer than the plaintext. */
        SHORT_PLAINTEXT
    }

    static final int ID = 201;
    static final int OVERHEAD = 8;

    private final int secret;
    private final Fault fault;
    private final Pending pending;
    private int nextNonce;

    public FakeAead(int secret) {
        this(secret, Fault.NONE, null);
    }

    FakeAead(int secret, Fault fault, Pending pending) {
        this.secret = secret;
        this.fault = fault;
        this.pending = pending;
        this.nextNonce = 0x01020304;
    }

    @Override
    public int id() {
        return ID;
    }

    @Override
    public String name() {
        return "test-aead";
    }

    @Override
    public int overheadBytes() {
        return OVERHEAD;
    }

    @Override
    public Async<byte[]> encrypt(byte[] plaintext, byte[] associatedData) {
        int nonce = nextNonce++;
        return settle(() -> {
            if (fault == Fault.FAIL_ENCRYPT) {
                throw new IllegalStateException("injected encryption fault");
            }
            int extra = fault == Fault.LONG_CIPHERTEXT ? 1 : 0;
            byte[] out = new byte[plaintext.length + OVERHEAD + extra];
            writeInt(out, 0, nonce);
            xor(plaintext, 0, out, 4, plaintext.length, nonce);
            writeInt(out, 4 + plaintext.length + extra, tag(nonce, associatedData, out, 4, plaintext.length + extra));
            return out;
        });
    }

    @Override
    public Async<byte[]> decrypt(byte[] ciphertext, byte[] associatedData) {
        return settle(() -> {
            if (ciphertext.length < OVERHEAD) {
                throw new IllegalArgumentException("ciphertext shorter than the overhead");
            }
            int nonce = readInt(ciphertext, 0);
            int length = ciphertext.length - OVERHEAD;
            int expectedTag = tag(nonce, associatedData, ciphertext, 4, length);
            if (readInt(ciphertext, 4 + length) != expectedTag) {
                throw new IllegalStateException("tag mismatch");
            }
            int outLength = fault == Fault.SHORT_PLAINTEXT ? Math.max(0, length - 1) : length;
            byte[] out = new byte[outLength];
            xor(ciphertext, 4, out, 0, outLength, nonce);
            return out;
        });
    }

    private Async<byte[]> settle(Supplier<byte[]> work) {
        return pending != null ? pending.later(work) : Async.of(work.get());
    }

    private void xor(byte[] in, int inOffset, byte[] out, int outOffset, int length, int nonce) {
        int state = (secret ^ (nonce * 0x9E3779B9)) | 1;
        for (int i = 0; i < length; i++) {
            state ^= state << 13;
            state ^= state >>> 17;
            state ^= state << 5;
            out[outOffset + i] = (byte) (in[inOffset + i] ^ state);
        }
    }

    private int tag(int nonce, byte[] associatedData, byte[] data, int offset, int length) {
        byte[] prefix = new byte[8];
        writeInt(prefix, 0, secret);
        writeInt(prefix, 4, nonce);
        int crc = Crc32c.compute(prefix);
        crc = Crc32c.update(crc, associatedData, 0, associatedData.length);
        return Crc32c.update(crc, data, offset, length);
    }

    private static int readInt(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8
                | (b[offset + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }
}

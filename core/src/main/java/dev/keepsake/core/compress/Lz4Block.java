package dev.keepsake.core.compress;

import java.util.Arrays;
import java.util.Objects;

/**
 * The LZ4 block format (the raw format of lz4's {@code LZ4_compress_default} and
 * {@code LZ4_decompress_safe}, and of lz4-java's {@code LZ4Compressor} /
 * {@code LZ4SafeDecompressor}) in plain Java, so that every platform Keepsake runs on, including
 * JavaScript and WebAssembly, reads and writes the same bytes.
 *
 * <p>A block is a series of sequences; the original length is not part of it and must be stored
 * by the caller:
 *
 * <pre>
 * | field          | size         | meaning                                                      |
 * |----------------|--------------|--------------------------------------------------------------|
 * | token          | 1            | high nibble: literal count, low nibble: match length - 4     |
 * | literal length | 0..n         | when the high nibble is 15: bytes added until one is not 255 |
 * | literals       | literal count| copied to the output                                         |
 * | offset         | 2 (LE)       | 1..65535: the match copies from this far back in the output  |
 * | match length   | 0..n         | when the low nibble is 15: bytes added until one is not 255  |
 * </pre>
 *
 * <p>The last sequence has literals only and ends the block. The compressor keeps the format's
 * end rules (the last 5 bytes are literals, the last match starts at least 12 bytes before the
 * end), so any conforming decoder reads its output.
 *
 * <p>Guarantees: all methods are static, stateless and thread-safe; inputs are never modified.
 * {@link #decompress} is safe on hostile input. Any input that is not a block
 * decoding to exactly the expected length throws {@link Lz4FormatException}, after work bounded
 * by the input and output sizes, and never writes outside the returned array. The decoder does
 * not insist on the end rules: it accepts every block lz4-java's safe decoder accepts, plus
 * blocks that break only those rules.
 *
 * <p>Non-goals: the LZ4 frame format (magic number, checksums, dictionaries, streaming), and the
 * high-compression mode; the compressor is a single-pass greedy matcher with a hash table, like
 * lz4's fast mode. All arithmetic is {@code int}, because {@code long} is slow in TeaVM's
 * JavaScript output.
 */
final class Lz4Block {

    /** Matches are at least this long. */
    private static final int MIN_MATCH = 4;
    /** The last bytes of a block are always literals. */
    private static final int LAST_LITERALS = 5;
    /** The last match must start at least this many bytes before the end of the block. */
    private static final int MF_LIMIT = 12;
    /** Blocks shorter than this cannot hold a match and are stored as literals. */
    private static final int MIN_INPUT_FOR_MATCH = MF_LIMIT + 1;
    private static final int MAX_OFFSET = 65535;
    private static final int RUN_MASK = 15;
    private static final int MAX_HASH_LOG = 14;
    /** After 2^SKIP_TRIGGER failed probes the search starts stepping over bytes. */
    private static final int SKIP_TRIGGER = 6;
    private static final int HASH_MULTIPLIER = -1640531535; // 2654435761, Knuth's golden ratio
    /**
     * Copies up to this long are done byte by byte: most literal runs and matches are short, and
     * a call to {@code System.arraycopy} costs more than the copy in TeaVM's JavaScript.
     */
    private static final int SHORT_COPY = 16;

    private Lz4Block() {
    }

    /**
     * Returns the largest size {@link #compress} can produce for {@code length} input bytes.
     *
     * @throws IllegalArgumentException if {@code length} is negative or so large that the bound
     *     does not fit an array
     */
    public static int maxCompressedLength(int length) {
        if (length < 0 || length > 0x7E000000) {
            throw new IllegalArgumentException("length out of range: " + length);
        }
        return length + length / 255 + 16;
    }

    /**
     * Compresses all of {@code src} into a new LZ4 block.
     *
     * @throws NullPointerException if {@code src} is null
     * @throws IllegalArgumentException if {@code src} is so large that the worst-case block
     *     would not fit an array (over 2,113,929,216 bytes)
     */
    public static byte[] compress(byte[] src) {
        Objects.requireNonNull(src, "src");
        return compress(src, 0, src.length);
    }

    /**
     * Compresses {@code src[offset, offset + length)} into a new LZ4 block.
     *
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code src}
     * @throws IllegalArgumentException if {@code length} is so large that the worst-case block
     *     would not fit an array
     */
    public static byte[] compress(byte[] src, int offset, int length) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(offset, length, src.length);
        byte[] dst = new byte[maxCompressedLength(length)];
        int written = compressInto(src, offset, length, dst);
        return written == dst.length ? dst : Arrays.copyOf(dst, written);
    }

    /**
     * Decodes the LZ4 block {@code src} whose original length is {@code originalLength}.
     *
     * @throws NullPointerException if {@code src} is null
     * @throws IllegalArgumentException if {@code originalLength} is negative
     * @throws Lz4FormatException if {@code src} is not a valid block of that original length
     */
    public static byte[] decompress(byte[] src, int originalLength) {
        Objects.requireNonNull(src, "src");
        return decompress(src, 0, src.length, originalLength);
    }

    /**
     * Decodes the LZ4 block in {@code src[offset, offset + length)} whose original length is
     * {@code originalLength}. The output array is allocated up front, so callers reading an
     * untrusted length should cap it first.
     *
     * @throws NullPointerException if {@code src} is null
     * @throws IndexOutOfBoundsException if the range is not inside {@code src}
     * @throws IllegalArgumentException if {@code originalLength} is negative
     * @throws Lz4FormatException if the range is not a valid block of that original length
     */
    public static byte[] decompress(byte[] src, int offset, int length, int originalLength) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(offset, length, src.length);
        if (originalLength < 0) {
            throw new IllegalArgumentException("originalLength must not be negative: " + originalLength);
        }
        byte[] dst = new byte[originalLength];
        decompressInto(src, offset, offset + length, dst);
        return dst;
    }

    /** Writes the block for {@code src[off, off + len)} to {@code dst} and returns its size. */
    static int compressInto(byte[] src, int off, int len, byte[] dst) {
        int end = off + len;
        int anchor = off; // first byte not yet emitted
        int dp = 0;
        if (len >= MIN_INPUT_FOR_MATCH) {
            int hashLog = Math.min(MAX_HASH_LOG, Math.max(8, 32 - Integer.numberOfLeadingZeros(len) - 2));
            int shift = 32 - hashLog;
            // Positions relative to off: a fresh (zero) slot names position off, a valid candidate.
            int[] table = new int[1 << hashLog];
            int mfLimit = end - MF_LIMIT;
            int matchLimit = end - LAST_LITERALS;
            int ip = off + 1;
            search:
            while (true) {
                int ref;
                int probes = 1 << SKIP_TRIGGER;
                while (true) {
                    if (ip > mfLimit) {
                        break search;
                    }
                    int seq = readIntLe(src, ip);
                    int h = (seq * HASH_MULTIPLIER) >>> shift;
                    ref = table[h] + off;
                    table[h] = ip - off;
                    int distance = ip - ref;
                    if (distance > 0 && distance <= MAX_OFFSET && readIntLe(src, ref) == seq) {
                        break;
                    }
                    ip += probes++ >>> SKIP_TRIGGER;
                }
                // Extend the match backwards over literals that also match.
                while (ip > anchor && ref > off && src[ip - 1] == src[ref - 1]) {
                    ip--;
                    ref--;
                }
                int tokenPos = dp++;
                int literals = ip - anchor;
                if (literals >= RUN_MASK) {
                    dst[tokenPos] = (byte) (RUN_MASK << 4);
                    dp = writeLength(dst, dp, literals - RUN_MASK);
                } else {
                    dst[tokenPos] = (byte) (literals << 4);
                }
                copyBytes(src, anchor, dst, dp, literals);
                dp += literals;
                while (true) {
                    int mEnd = ip + MIN_MATCH;
                    int r = ref + MIN_MATCH;
                    while (mEnd < matchLimit && src[mEnd] == src[r]) {
                        mEnd++;
                        r++;
                    }
                    int distance = ip - ref;
                    dst[dp++] = (byte) distance;
                    dst[dp++] = (byte) (distance >>> 8);
                    int matchExtra = mEnd - ip - MIN_MATCH;
                    if (matchExtra >= RUN_MASK) {
                        dst[tokenPos] |= (byte) RUN_MASK;
                        dp = writeLength(dst, dp, matchExtra - RUN_MASK);
                    } else {
                        dst[tokenPos] |= (byte) matchExtra;
                    }
                    ip = mEnd;
                    anchor = ip;
                    if (ip > mfLimit) {
                        break search;
                    }
                    int before = ip - 2;
                    table[(readIntLe(src, before) * HASH_MULTIPLIER) >>> shift] = before - off;
                    // A match often follows a match directly; try it before searching again.
                    int seq = readIntLe(src, ip);
                    int h = (seq * HASH_MULTIPLIER) >>> shift;
                    ref = table[h] + off;
                    table[h] = ip - off;
                    distance = ip - ref;
                    if (distance > 0 && distance <= MAX_OFFSET && readIntLe(src, ref) == seq) {
                        tokenPos = dp++;
                        dst[tokenPos] = 0;
                        continue;
                    }
                    ip++;
                    break;
                }
            }
        }
        int literals = end - anchor;
        if (literals >= RUN_MASK) {
            dst[dp++] = (byte) (RUN_MASK << 4);
            dp = writeLength(dst, dp, literals - RUN_MASK);
        } else {
            dst[dp++] = (byte) (literals << 4);
        }
        System.arraycopy(src, anchor, dst, dp, literals);
        return dp + literals;
    }

    /**
     * Decodes {@code src[sp, sEnd)} into exactly all of {@code dst}; every read and write is
     * checked before it happens, and lengths are bounded by the room left so they cannot
     * overflow.
     */
    static void decompressInto(byte[] src, int sp, int sEnd, byte[] dst) {
        int dEnd = dst.length;
        int dp = 0;
        if (sp >= sEnd) {
            throw new Lz4FormatException("empty LZ4 block");
        }
        while (true) {
            int token = src[sp++] & 0xFF;
            int literals = token >>> 4;
            if (literals == RUN_MASK) {
                int b;
                do {
                    if (sp >= sEnd) {
                        throw new Lz4FormatException("LZ4 block truncated in a literal length");
                    }
                    b = src[sp++] & 0xFF;
                    literals += b;
                    if (literals > dEnd - dp) {
                        throw new Lz4FormatException("LZ4 literals run past the expected length");
                    }
                } while (b == 255);
            }
            if (literals > dEnd - dp) {
                throw new Lz4FormatException("LZ4 literals run past the expected length");
            }
            if (literals > sEnd - sp) {
                throw new Lz4FormatException("LZ4 block truncated in literals");
            }
            copyBytes(src, sp, dst, dp, literals);
            sp += literals;
            dp += literals;
            if (sp == sEnd) {
                break; // the last sequence has literals only
            }
            if (sEnd - sp < 2) {
                throw new Lz4FormatException("LZ4 block truncated in a match offset");
            }
            int distance = (src[sp] & 0xFF) | (src[sp + 1] & 0xFF) << 8;
            sp += 2;
            if (distance == 0) {
                // The block format says an offset of 0 marks a corrupted block (lz4-java's Java
                // decoder lets it through and copies not-yet-written output).
                throw new Lz4FormatException("LZ4 match offset 0 is invalid");
            }
            if (distance > dp) {
                throw new Lz4FormatException("LZ4 match offset points before the output");
            }
            int matchLength = token & RUN_MASK;
            if (matchLength == RUN_MASK) {
                int b;
                do {
                    if (sp >= sEnd) {
                        throw new Lz4FormatException("LZ4 block truncated in a match length");
                    }
                    b = src[sp++] & 0xFF;
                    matchLength += b;
                    if (matchLength > dEnd - dp) {
                        throw new Lz4FormatException("LZ4 match runs past the expected length");
                    }
                } while (b == 255);
            }
            matchLength += MIN_MATCH;
            if (matchLength > dEnd - dp) {
                throw new Lz4FormatException("LZ4 match runs past the expected length");
            }
            copyMatch(dst, dp - distance, dp, matchLength);
            dp += matchLength;
            if (sp == sEnd) {
                throw new Lz4FormatException("LZ4 block does not end with literals");
            }
        }
        if (dp != dEnd) {
            throw new Lz4FormatException("LZ4 block decodes to " + dp + " bytes, expected " + dEnd);
        }
    }

    /**
     * Copies {@code length} bytes from {@code from} to {@code to > from} front to back, so that an
     * overlapping match repeats its pattern. Doubling non-overlapping chunks keeps this to a few
     * {@code arraycopy} calls even for long runs of a short pattern.
     */
    private static void copyMatch(byte[] buf, int from, int to, int length) {
        if (length <= SHORT_COPY) {
            for (int i = 0; i < length; i++) {
                buf[to + i] = buf[from + i];
            }
            return;
        }
        int distance = to - from;
        if (distance >= length) {
            System.arraycopy(buf, from, buf, to, length);
            return;
        }
        int done = 0;
        int chunk = distance;
        while (done < length) {
            int n = Math.min(chunk, length - done);
            System.arraycopy(buf, from, buf, to + done, n);
            done += n;
            chunk = distance + done;
        }
    }

    private static void copyBytes(byte[] src, int from, byte[] dst, int to, int length) {
        if (length <= SHORT_COPY) {
            for (int i = 0; i < length; i++) {
                dst[to + i] = src[from + i];
            }
        } else {
            System.arraycopy(src, from, dst, to, length);
        }
    }

    private static int writeLength(byte[] dst, int dp, int remaining) {
        while (remaining >= 255) {
            dst[dp++] = (byte) 255;
            remaining -= 255;
        }
        dst[dp++] = (byte) remaining;
        return dp;
    }

    private static int readIntLe(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24;
    }
}

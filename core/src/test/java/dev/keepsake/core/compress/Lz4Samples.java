package dev.keepsake.core.compress;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Deterministic inputs for the LZ4 tests, built the same way on every platform, chosen to reach
 * each part of the format: empty and tiny blocks (literals only), length extension bytes for
 * literals and matches (runs of 255), overlapping matches with offsets 1 to 3, the largest
 * offsets, and incompressible data.
 */
final class Lz4Samples {

    static final String[] NAMES = {
        "empty", "one byte", "twelve bytes", "thirteen bytes", "text", "zeros 1000", "pattern abc 700",
        "pattern 1..7 2000", "random 300", "long literals then long match", "match 65 KB back",
        "mixed 8000",
    };

    private Lz4Samples() {
    }

    static byte[] sample(int index) {
        switch (index) {
            case 0:
                return new byte[0];
            case 1:
                return new byte[] {42};
            case 2:
                return ascii("aaaaaaaaaaaa");
            case 3:
                return ascii("aaaaaaaaaaaaa");
            case 4:
                return ascii("It was the best of times, it was the worst of times, it was the age of wisdom, "
                        + "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
                        + "incredulity, it was the season of Light, it was the season of Darkness.");
            case 5:
                return new byte[1000];
            case 6:
                return repeat(ascii("abc"), 700);
            case 7:
                return repeat(new byte[] {1, 2, 3, 4, 5, 6, 7}, 2000);
            case 8:
                return random(300, 8);
            case 9: {
                byte[] head = random(600, 10);
                byte[] out = Arrays.copyOf(head, 600 + 1500);
                for (int i = 600; i < out.length; i++) {
                    out[i] = head[i % 600];
                }
                return out;
            }
            case 10: {
                byte[] out = new byte[65_600];
                byte[] marker = random(40, 11);
                System.arraycopy(marker, 0, out, 0, 40);
                for (int i = 40; i < 65_500; i++) {
                    out[i] = (byte) (i * 31 >>> 3);
                }
                System.arraycopy(marker, 0, out, 65_520, 40);
                return out;
            }
            case 11:
                return mixed(8_000, 12);
            default:
                throw new IllegalArgumentException("no sample " + index);
        }
    }

    /** Pseudo-random bytes from a linear congruential generator, identical on every platform. */
    static byte[] random(int length, int seed) {
        byte[] out = new byte[length];
        int x = seed * 7919 + 17;
        for (int i = 0; i < length; i++) {
            x = x * 1103515245 + 12345;
            out[i] = (byte) (x >>> 16);
        }
        return out;
    }

    /** Text-like data: words from a small vocabulary, some random bytes, some runs. */
    static byte[] mixed(int length, int seed) {
        String[] words = {"keepsake ", "state ", "store ", "value ", "{\"id\":", "12345", "\n", "null,"};
        byte[] out = new byte[length];
        int x = seed;
        int i = 0;
        while (i < length) {
            x = x * 1103515245 + 12345;
            int pick = (x >>> 16) & 15;
            if (pick < words.length) {
                byte[] w = ascii(words[pick]);
                for (int j = 0; j < w.length && i < length; j++) {
                    out[i++] = w[j];
                }
            } else if (pick < 12) {
                out[i++] = (byte) (x >>> 8);
            } else {
                int run = ((x >>> 20) & 63) + 1;
                for (int j = 0; j < run && i < length; j++) {
                    out[i++] = (byte) pick;
                }
            }
        }
        return out;
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] out = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, out, i * unit.length, unit.length);
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

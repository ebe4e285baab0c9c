package dev.keepsake.core.codec;

/**
 * A small mutable natural number (little-endian 32-bit words) for exact decimal/binary
 * conversion of doubles. Only the operations those conversions need, all in {@code int}/{@code
 * long} arithmetic so that JVM, JavaScript and wasm-gc compute identical results.
 */
final class BigNat {
    private int[] words;
    private int length;

    BigNat(int capacity) {
        words = new int[Math.max(capacity, 2)];
    }

    static BigNat of(long value) {
        BigNat n = new BigNat(4);
        n.set(value);
        return n;
    }

    BigNat copy() {
        BigNat n = new BigNat(length + 2);
        System.arraycopy(words, 0, n.words, 0, length);
        n.length = length;
        return n;
    }

    void set(long value) {
        words[0] = (int) value;
        words[1] = (int) (value >>> 32);
        length = 2;
        trim();
    }

    boolean isZero() {
        return length == 0;
    }

    int bitLength() {
        if (length == 0) {
            return 0;
        }
        return (length - 1) * 32 + 32 - Integer.numberOfLeadingZeros(words[length - 1]);
    }

    /** this = this * factor + addend, for factor and addend below 2^31. */
    void mulAdd(int factor, int addend) {
        long carry = addend;
        for (int i = 0; i < length; i++) {
            long p = (words[i] & 0xFFFFFFFFL) * factor + carry;
            words[i] = (int) p;
            carry = p >>> 32;
        }
        if (carry != 0) {
            ensure(length + 1);
            words[length++] = (int) carry;
        }
    }

    void mulPow10(int exponent) {
        while (exponent >= 9) {
            mulAdd(1_000_000_000, 0);
            exponent -= 9;
        }
        int f = 1;
        while (exponent-- > 0) {
            f *= 10;
        }
        if (f != 1) {
            mulAdd(f, 0);
        }
    }

    void shiftLeft(int bits) {
        if (length == 0 || bits == 0) {
            return;
        }
        int wordShift = bits >>> 5;
        int bitShift = bits & 31;
        ensure(length + wordShift + 1);
        if (bitShift == 0) {
            for (int i = length - 1; i >= 0; i--) {
                words[i + wordShift] = words[i];
            }
        } else {
            words[length + wordShift] = words[length - 1] >>> (32 - bitShift);
            for (int i = length - 1; i > 0; i--) {
                words[i + wordShift] = (words[i] << bitShift) | (words[i - 1] >>> (32 - bitShift));
            }
            words[wordShift] = words[0] << bitShift;
        }
        for (int i = 0; i < wordShift; i++) {
            words[i] = 0;
        }
        length += wordShift + 1;
        trim();
    }

    int compareTo(BigNat other) {
        if (length != other.length) {
            return length < other.length ? -1 : 1;
        }
        for (int i = length - 1; i >= 0; i--) {
            int a = words[i];
            int b = other.words[i];
            if (a != b) {
                return (a ^ 0x80000000) < (b ^ 0x80000000) ? -1 : 1;
            }
        }
        return 0;
    }

    /** Compares this + addend with other, without changing this. */
    int compareSum(BigNat addend, BigNat other) {
        BigNat sum = copy();
        sum.add(addend);
        return sum.compareTo(other);
    }

    void add(BigNat other) {
        int n = Math.max(length, other.length);
        ensure(n + 1);
        long carry = 0;
        for (int i = 0; i < n; i++) {
            long a = i < length ? words[i] & 0xFFFFFFFFL : 0;
            long b = i < other.length ? other.words[i] & 0xFFFFFFFFL : 0;
            long s = a + b + carry;
            words[i] = (int) s;
            carry = s >>> 32;
        }
        length = n;
        if (carry != 0) {
            words[length++] = (int) carry;
        }
    }

    /** this = this - other; requires this >= other. */
    void subtract(BigNat other) {
        long borrow = 0;
        for (int i = 0; i < length; i++) {
            long b = i < other.length ? other.words[i] & 0xFFFFFFFFL : 0;
            long d = (words[i] & 0xFFFFFFFFL) - b - borrow;
            words[i] = (int) d;
            borrow = d < 0 ? 1 : 0;
        }
        trim();
    }

    /**
     * Divides this by divisor when the quotient is known to be below 2^62, leaving the
     * remainder in this and returning the quotient.
     */
    long divideSmallQuotient(BigNat divisor) {
        int shift = bitLength() - divisor.bitLength();
        if (shift < 0) {
            return 0;
        }
        BigNat d = divisor.copy();
        d.shiftLeft(shift);
        long q = 0;
        for (int i = shift; i >= 0; i--) {
            q <<= 1;
            if (compareTo(d) >= 0) {
                subtract(d);
                q |= 1;
            }
            d.shiftRightOne();
        }
        return q;
    }

    /** Returns floor(this * 10 / divisor) (below 10 by the caller's invariant) and keeps the remainder. */
    int nextDigit(BigNat divisor) {
        mulAdd(10, 0);
        int digit = 0;
        while (compareTo(divisor) >= 0) {
            subtract(divisor);
            digit++;
        }
        return digit;
    }

    private void shiftRightOne() {
        for (int i = 0; i < length; i++) {
            int next = i + 1 < length ? words[i + 1] : 0;
            words[i] = (words[i] >>> 1) | (next << 31);
        }
        trim();
    }

    private void ensure(int capacity) {
        if (words.length < capacity) {
            int[] grown = new int[Math.max(capacity, words.length * 2)];
            System.arraycopy(words, 0, grown, 0, length);
            words = grown;
        }
    }

    private void trim() {
        while (length > 0 && words[length - 1] == 0) {
            length--;
        }
    }
}

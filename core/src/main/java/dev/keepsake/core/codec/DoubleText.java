package dev.keepsake.core.codec;

/**
 * Exact conversion between doubles and decimal text, identical on every platform.
 *
 * <p>Why not {@code Double.parseDouble}/{@code Double.toString}: TeaVM's versions are not
 * correctly rounded ({@code "1e23"} parses one ulp off, {@code "4.9e-324"} parses to zero) and
 * format some values differently from the JDK, so JSON written in a browser would differ from
 * JSON written on a server. Parsing is correctly rounded (round half to even): a fast exact path
 * for short inputs and otherwise exact big-integer arithmetic. Formatting yields the shortest
 * decimal that parses back to the same double (Steele-White/Burger-Dybvig with exact
 * arithmetic), laid out like {@code Double.toString}: plain notation for magnitudes in
 * [10^-3, 10^7), otherwise {@code d.dddE±n}.
 */
final class DoubleText {
    private static final double[] POW10 = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    /** More significant digits than this never change the rounding, given a sticky digit. */
    private static final int MAX_DIGITS = 800;

    private DoubleText() {
    }

    /**
     * Parses JSON number text that the caller has already checked against the grammar; returns
     * an infinity when the value is beyond the double range.
     */
    static double parse(byte[] text, int start, int end) {
        int i = start;
        boolean negative = text[i] == '-';
        if (negative) {
            i++;
        }
        byte[] digits = null;
        int count = 0;
        long fast = 0;
        int pointShift = 0; // digits after the decimal point that were kept
        boolean afterPoint = false;
        boolean truncated = false;
        int exponent = 0;
        for (; i < end; i++) {
            int c = text[i];
            if (c == '.') {
                afterPoint = true;
                continue;
            }
            if (c == 'e' || c == 'E') {
                exponent = parseExponent(text, i + 1, end);
                break;
            }
            int d = c - '0';
            if (count == 0 && d == 0) {
                if (afterPoint) {
                    pointShift++;
                }
                continue;
            }
            if (count < 18) {
                fast = fast * 10 + d;
            } else {
                if (digits == null) {
                    digits = new byte[MAX_DIGITS + 1];
                    long f = fast;
                    for (int k = 17; k >= 0; k--) {
                        digits[k] = (byte) (f % 10);
                        f /= 10;
                    }
                }
                if (count >= MAX_DIGITS) {
                    truncated |= d != 0;
                    if (!afterPoint) {
                        pointShift--;
                    }
                    continue;
                }
                digits[count] = (byte) d;
            }
            count++;
            if (afterPoint) {
                pointShift++;
            }
        }
        if (count == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (truncated) {
            digits[count++] = 1;
            pointShift++;
        }
        // value = D * 10^e10 where D is the integer made of the kept digits
        long e10Long = (long) exponent - pointShift;
        // drop trailing zeros so that short values take the fast path
        if (digits == null) {
            while (fast % 10 == 0) {
                fast /= 10;
                count--;
                e10Long++;
            }
        } else {
            while (digits[count - 1] == 0) {
                count--;
                e10Long++;
            }
        }
        if (count + e10Long > 310) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (count + e10Long < -330) {
            return negative ? -0.0 : 0.0;
        }
        int e10 = (int) e10Long;
        if (digits == null && count <= 15 && e10 >= -22 && e10 <= 22) {
            double v = (double) fast;
            v = e10 < 0 ? v / POW10[-e10] : v * POW10[e10];
            return negative ? -v : v;
        }
        BigNat n = new BigNat(8);
        if (digits == null) {
            n.set(fast);
        } else {
            n.set(0);
            for (int k = 0; k < count; k++) {
                n.mulAdd(10, digits[k]);
            }
        }
        BigNat m = BigNat.of(1);
        if (e10 >= 0) {
            n.mulPow10(e10);
        } else {
            m.mulPow10(-e10);
        }
        double v = Double.longBitsToDouble(nearest(n, m));
        return negative ? -v : v;
    }

    private static int parseExponent(byte[] text, int i, int end) {
        boolean negative = false;
        if (text[i] == '-' || text[i] == '+') {
            negative = text[i] == '-';
            i++;
        }
        int e = 0;
        for (; i < end; i++) {
            if (e < 100_000_000) {
                e = e * 10 + (text[i] - '0');
            }
        }
        return negative ? -e : e;
    }

    /** Returns the bits of the double nearest to n / m (both positive), +infinity on overflow. */
    private static long nearest(BigNat n, BigNat m) {
        int e = n.bitLength() - m.bitLength();
        // e is floor(log2(n/m)) or one more; settle it exactly
        BigNat a = n.copy();
        BigNat b = m.copy();
        if (e >= 0) {
            b.shiftLeft(e);
        } else {
            a.shiftLeft(-e);
        }
        if (a.compareTo(b) < 0) {
            e--;
        }
        int p = Math.max(e - 52, -1074); // weight of the last mantissa bit
        BigNat x = n.copy();
        BigNat y = m.copy();
        if (p >= 0) {
            y.shiftLeft(p);
        } else {
            x.shiftLeft(-p);
        }
        long q = x.divideSmallQuotient(y);
        x.shiftLeft(1);
        int half = x.compareTo(y);
        if (half > 0 || (half == 0 && (q & 1) != 0)) {
            q++;
        }
        if (q == 1L << 53) {
            q >>= 1;
            p++;
        }
        if (p > 971) {
            return Double.doubleToLongBits(Double.POSITIVE_INFINITY);
        }
        if (q < 1L << 52) {
            return q;
        }
        return ((long) (p + 1075) << 52) | (q - (1L << 52));
    }

    /** Appends the shortest round-tripping text of a finite double. */
    static void format(double value, StringBuilder out) {
        byte[] buf = new byte[32];
        int n = format(value, buf, 0);
        for (int i = 0; i < n; i++) {
            out.append((char) buf[i]);
        }
    }

    /** Writes the shortest round-tripping ASCII text of a finite double at pos; returns its end. */
    static int format(double value, byte[] out, int pos) {
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            out[pos++] = '-';
            value = -value;
        }
        if (value == 0) {
            return put(out, pos, "0.0");
        }
        if (value < 1e7 && value == Math.rint(value)) {
            pos = putInt(out, pos, (int) value);
            out[pos++] = '.';
            out[pos++] = '0';
            return pos;
        }
        if (value >= 1e-3 && value < 1e7) {
            int end = formatShortPlain(value, out, pos);
            if (end >= 0) {
                return end;
            }
        }
        return formatExact(value, out, pos);
    }

    /** The general case of {@link #format} for a positive finite value, with exact arithmetic. */
    static int formatExact(double value, byte[] out, int pos) {
        byte[] digits = new byte[20];
        long bits = Double.doubleToLongBits(value);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long fraction = bits & ((1L << 52) - 1);
        long f = biased == 0 ? fraction : fraction | (1L << 52);
        int e = biased == 0 ? -1074 : biased - 1075;
        boolean inclusive = (f & 1) == 0;
        boolean closerBelow = fraction == 0 && biased > 1;
        BigNat r;
        BigNat s;
        BigNat mPlus;
        BigNat mMinus;
        if (e >= 0) {
            r = BigNat.of(f);
            r.shiftLeft(e + (closerBelow ? 2 : 1));
            s = BigNat.of(closerBelow ? 4 : 2);
            mPlus = BigNat.of(1);
            mPlus.shiftLeft(e + (closerBelow ? 1 : 0));
            mMinus = BigNat.of(1);
            mMinus.shiftLeft(e);
        } else {
            r = BigNat.of(f << (closerBelow ? 2 : 1));
            s = BigNat.of(1);
            s.shiftLeft((closerBelow ? 2 : 1) - e);
            mPlus = BigNat.of(closerBelow ? 2 : 1);
            mMinus = BigNat.of(1);
        }
        int bitLength = 64 - Long.numberOfLeadingZeros(f);
        int k = (int) Math.ceil((e + bitLength - 1) * 0.30102999566398114 - 1e-10);
        if (k >= 0) {
            s.mulPow10(k);
        } else {
            r.mulPow10(-k);
            mPlus.mulPow10(-k);
            mMinus.mulPow10(-k);
        }
        int high = r.compareSum(mPlus, s);
        if (inclusive ? high >= 0 : high > 0) {
            s.mulAdd(10, 0);
            k++;
        }
        BigNat start = r.copy();
        int count = 0;
        while (true) {
            int d = r.nextDigit(s);
            mPlus.mulAdd(10, 0);
            mMinus.mulAdd(10, 0);
            int low = r.compareTo(mMinus);
            boolean lowEnough = inclusive ? low <= 0 : low < 0;
            int up = r.compareSum(mPlus, s);
            boolean highEnough = inclusive ? up >= 0 : up > 0;
            if (!lowEnough && !highEnough) {
                digits[count++] = (byte) d;
                continue;
            }
            if (lowEnough && highEnough) {
                BigNat twice = r.copy();
                twice.shiftLeft(1);
                int c = twice.compareTo(s);
                if (c > 0 || (c == 0 && (d & 1) != 0)) {
                    d++;
                }
            } else if (highEnough) {
                d++;
            }
            digits[count++] = (byte) d;
            break;
        }
        if (count == 1) {
            // like Double.toString: a one-digit result becomes the closest two-digit decimal
            k = closestTwoDigits(start, s, k, digits);
            count = digits[1] == 0 ? 1 : 2;
        }
        return layout(digits, count, k, out, pos);
    }

    /**
     * The common case without big numbers: a value in plain-notation range that some decimal of
     * at most 15 significant digits reads back to. With so few digits the decimal grid is more
     * than four times coarser than the doubles around the value, so at most one decimal of each
     * length can read back to it, {@code rint(value * 10^k)} finds it, and the exact division
     * {@code m / 10^k} (both operands exact) is precisely what the correctly rounded parser
     * would return. The first k that works therefore gives the shortest text. Returns -1 when no
     * such decimal exists.
     */
    private static int formatShortPlain(double value, byte[] out, int pos) {
        for (int k = 1; k <= 18; k++) {
            double x = value * POW10[k];
            if (x >= 1e15) {
                return -1;
            }
            double m = Math.rint(x);
            if (m / POW10[k] == value) {
                long digits = (long) m;
                byte[] tmp = new byte[16];
                int n = 0;
                while (digits != 0) {
                    tmp[n++] = (byte) ('0' + (int) (digits % 10));
                    digits /= 10;
                }
                if (n <= k) {
                    out[pos++] = '0';
                    out[pos++] = '.';
                    for (int i = n; i < k; i++) {
                        out[pos++] = '0';
                    }
                    while (n > 0) {
                        out[pos++] = tmp[--n];
                    }
                } else {
                    while (n > k) {
                        out[pos++] = tmp[--n];
                    }
                    out[pos++] = '.';
                    while (n > 0) {
                        out[pos++] = tmp[--n];
                    }
                }
                return pos;
            }
        }
        return -1;
    }

    /** Writes the two-digit decimal nearest to r/s * 10^k into digits; returns its exponent. */
    private static int closestTwoDigits(BigNat r, BigNat s, int k, byte[] digits) {
        int n = 0;
        while (n < 2) {
            int d = r.nextDigit(s);
            if (n == 0 && d == 0) {
                k--;
                continue;
            }
            digits[n++] = (byte) d;
        }
        r.shiftLeft(1);
        int c = r.compareTo(s);
        if (c > 0 || (c == 0 && (digits[1] & 1) != 0)) {
            if (++digits[1] == 10) {
                digits[1] = 0;
                if (++digits[0] == 10) {
                    digits[0] = 1;
                    k++;
                }
            }
        }
        return k;
    }

    /** Lays out 0.d1d2...dn * 10^k the way Double.toString does. */
    private static int layout(byte[] digits, int n, int k, byte[] out, int pos) {
        if (k >= -2 && k <= 7) {
            if (k <= 0) {
                out[pos++] = '0';
                out[pos++] = '.';
                for (int i = k; i < 0; i++) {
                    out[pos++] = '0';
                }
                for (int i = 0; i < n; i++) {
                    out[pos++] = (byte) ('0' + digits[i]);
                }
            } else {
                for (int i = 0; i < k; i++) {
                    out[pos++] = (byte) (i < n ? '0' + digits[i] : '0');
                }
                out[pos++] = '.';
                if (n <= k) {
                    out[pos++] = '0';
                } else {
                    for (int i = k; i < n; i++) {
                        out[pos++] = (byte) ('0' + digits[i]);
                    }
                }
            }
            return pos;
        }
        out[pos++] = (byte) ('0' + digits[0]);
        out[pos++] = '.';
        if (n == 1) {
            out[pos++] = '0';
        }
        for (int i = 1; i < n; i++) {
            out[pos++] = (byte) ('0' + digits[i]);
        }
        out[pos++] = 'E';
        int x = k - 1;
        if (x < 0) {
            out[pos++] = '-';
            x = -x;
        }
        return putInt(out, pos, x);
    }

    private static int put(byte[] out, int pos, String ascii) {
        for (int i = 0; i < ascii.length(); i++) {
            out[pos++] = (byte) ascii.charAt(i);
        }
        return pos;
    }

    /** Writes a non-negative int in decimal. */
    static int putInt(byte[] out, int pos, int v) {
        if (v == 0) {
            out[pos++] = '0';
            return pos;
        }
        int digits = 0;
        for (int t = v; t != 0; t /= 10) {
            digits++;
        }
        int end = pos + digits;
        for (int i = end - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return end;
    }
}

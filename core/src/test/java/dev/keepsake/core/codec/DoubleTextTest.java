package dev.keepsake.core.codec;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Exact double text conversion, identical on the JVM, JavaScript and wasm-gc. Expected bits come
 * from the JDK's correctly rounded {@code Double.parseDouble}; TeaVM's own parser gets several of
 * these wrong, which is why core has its own.
 */
@RunWith(TeaVMTestRunner.class)
public class DoubleTextTest {
    private static final String[][] PARSE = {
        {"0.1", "3fb999999999999a"},
        {"2.2250738585072011e-308", "fffffffffffff"},
        {"2.225073858507201136057409796709131975934819546351645648e-308", "fffffffffffff"},
        {"9007199254740993", "4340000000000000"},
        {"9007199254740995", "4340000000000002"},
        {"1.7976931348623157e308", "7fefffffffffffff"},
        {"1.7976931348623158e308", "7fefffffffffffff"},
        {"1.7976931348623159e308", "7ff0000000000000"},
        {"4.9e-324", "1"},
        {"2.4703282292062328e-324", "1"},
        {"2.4703282292062327e-324", "0"},
        {"1e-400", "0"},
        {"1e23", "44b52d02c7e14af6"},
        {"8.41e21", "447c7e83209e90b2"},
        {"5e-324", "1"},
        {"0.30000000000000004", "3fd3333333333334"},
        {"123456789012345678901234567890", "45f8ee90ff6c373e"},
        {"1.00000000000000011102230246251565404236316680908203125", "3ff0000000000000"},
        {"1.00000000000000011102230246251565404236316680908203124", "3ff0000000000000"},
        {"1.00000000000000011102230246251565404236316680908203126", "3ff0000000000001"},
        {"7.038531e-26", "3ab5c87fb0000000"},
        {"3.4028235e38", "47efffffe54daff8"},
        {"1.5e-5", "3eef75104d551d69"},
        {"100", "4059000000000000"},
        {"1e7", "416312d000000000"},
        {"1.0E-3", "3f50624dd2f1a9fc"},
        {"123.456e-7", "3ee9e3fe580f5494"},
        {"6.02214076e23", "44dfe185ca57c517"},
        {"-0.0", "8000000000000000"},
        {"0e999999999999", "0"},
        {"1e-99999999999", "0"},
    };

    private static final Object[][] FORMAT = {
        {0.1, "0.1"}, {1e23, "1.0E23"}, {1e22, "1.0E22"}, {1e21, "1.0E21"}, {1e7, "1.0E7"},
        {1e6, "1000000.0"}, {9999999.0, "9999999.0"}, {1e-3, "0.001"}, {1e-4, "1.0E-4"},
        {Double.MIN_VALUE, "4.9E-324"}, {2 * Double.MIN_VALUE, "9.9E-324"}, {0.5, "0.5"}, {2e-3, "0.002"},
        {9e22, "9.0E22"},
        {Double.MAX_VALUE, "1.7976931348623157E308"}, {Double.MIN_NORMAL, "2.2250738585072014E-308"},
        {0.30000000000000004, "0.30000000000000004"}, {1.0 / 3, "0.3333333333333333"},
        {2.0 / 3, "0.6666666666666666"}, {123456.789, "123456.789"}, {-0.0, "-0.0"}, {0.0, "0.0"},
        {100.0, "100.0"}, {-12.5, "-12.5"}, {9007199254740992.0, "9.007199254740992E15"}, {4.35, "4.35"},
        {2.0E-3, "0.002"}, {1.0E-5, "1.0E-5"}, {1.2345678901234567E8, "1.2345678901234567E8"},
        {2.82879384806159E17, "2.82879384806159E17"}, {8.41E21, "8.41E21"},
        {1.1920928955078125E-7, "1.1920928955078125E-7"}, {3.141592653589793, "3.141592653589793"},
    };

    @Test
    public void parsesCorrectlyRounded() {
        StringBuilder wrong = new StringBuilder();
        for (String[] c : PARSE) {
            byte[] text = JsonConformanceTest.utf8(c[0]);
            String bits = Long.toHexString(Double.doubleToRawLongBits(DoubleText.parse(text, 0, text.length)));
            if (!bits.equals(c[1])) {
                wrong.append(c[0]).append(" -> ").append(bits).append(" instead of ").append(c[1]).append('\n');
            }
        }
        assertEquals("", wrong.toString());
    }

    @Test
    public void parsesVeryLongInputs() {
        StringBuilder tenth = new StringBuilder("0.");
        for (int i = 0; i < 1000; i++) {
            tenth.append('0');
        }
        tenth.append("1e1000");
        assertEquals(0.1, parse(tenth.toString()), 0.0);
        StringBuilder one = new StringBuilder("1");
        for (int i = 0; i < 900; i++) {
            one.append('0');
        }
        one.append("e-900");
        assertEquals(1.0, parse(one.toString()), 0.0);
        // just above the halfway point between 1 and its successor, decided by digit 1000
        StringBuilder above = new StringBuilder("1.00000000000000011102230246251565404236316680908203125");
        while (above.length() < 1000) {
            above.append('0');
        }
        above.append('1');
        assertEquals(Math.nextUp(1.0), parse(above.toString()), 0.0);
    }

    @Test
    public void formatsShortest() {
        StringBuilder wrong = new StringBuilder();
        for (Object[] c : FORMAT) {
            StringBuilder sb = new StringBuilder();
            DoubleText.format((Double) c[0], sb);
            if (!sb.toString().equals(c[1])) {
                wrong.append(c[1]).append(" written as ").append(sb).append('\n');
            }
        }
        assertEquals("", wrong.toString());
    }

    @Test
    public void roundTripsPseudoRandomDoubles() {
        int seed = 12345;
        StringBuilder wrong = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            seed = seed * 1103515245 + 12345;
            int hi = seed;
            seed = seed * 1103515245 + 12345;
            int lo = seed;
            double d = Double.longBitsToDouble(((long) hi << 32) | (lo & 0xFFFFFFFFL));
            if (i % 3 == 1) {
                d = (hi % 100000) / 1000.0; // short decimals, the common case
            }
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                continue;
            }
            StringBuilder sb = new StringBuilder();
            DoubleText.format(d, sb);
            double back = parse(sb.toString());
            if (Double.doubleToRawLongBits(back) != Double.doubleToRawLongBits(d)) {
                wrong.append(Long.toHexString(Double.doubleToRawLongBits(d))).append(" -> ").append(sb).append('\n');
            }
        }
        assertEquals("", wrong.toString());
    }

    @Test
    public void shortcutForShortDecimalsAgreesWithExactArithmetic() {
        StringBuilder wrong = new StringBuilder();
        int seed = 987654321;
        for (int i = 0; i < 3000; i++) {
            seed = seed * 1103515245 + 12345;
            int scale = 1 + ((seed >>> 8) & 7); // 1 to 8 fraction digits
            seed = seed * 1103515245 + 12345;
            double d = (seed & 0x7FFFFFFF) / Math.pow(10, scale);
            if (d < 1e-3 || d >= 1e7) {
                continue;
            }
            byte[] fast = new byte[32];
            byte[] exact = new byte[32];
            String a = new String(fast, 0, DoubleText.format(d, fast, 0), java.nio.charset.StandardCharsets.US_ASCII);
            String b = new String(exact, 0, DoubleText.formatExact(d, exact, 0),
                    java.nio.charset.StandardCharsets.US_ASCII);
            if (!a.equals(b)) {
                wrong.append(a).append(" but exactly ").append(b).append('\n');
            }
        }
        assertEquals("", wrong.toString());
    }

    private static double parse(String s) {
        byte[] b = JsonConformanceTest.utf8(s);
        return DoubleText.parse(b, 0, b.length);
    }
}

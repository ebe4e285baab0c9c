package dev.keepsake.core.codec;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * In JavaScript and wasm-gc: every deep shape reads and writes at {@link Serializers#MAX_DEPTH}
 * on the browser's own stack. (On the JVM, {@link DepthCapTest} runs them on a 512 KB stack.)
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class DepthCapInBrowserTest {

    @Test
    public void everyDeepShapeRoundTripsAtTheCap() {
        DeepShapes.roundTripAll(Serializers.MAX_DEPTH);
    }
}

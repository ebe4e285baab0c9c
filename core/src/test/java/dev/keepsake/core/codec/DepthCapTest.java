package dev.keepsake.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.core.error.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * JVM only: reading and writing at {@link Serializers#MAX_DEPTH}, the largest limit accepted,
 * fit a 512 KB thread stack in every deep shape; deeper limits are refused. (The same shapes
 * at the cap run in JavaScript and wasm-gc in {@link DepthCapInBrowserTest}.)
 */
class DepthCapTest {

    @Test
    void everyDeepShapeRoundTripsAtTheCapOnA512KbThreadStack() throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                DeepShapes.roundTripAll(Serializers.MAX_DEPTH);
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "512 KB stack", 512 * 1024);
        small.start();
        small.join();
        if (failure[0] != null) {
            throw new AssertionError("at depth " + Serializers.MAX_DEPTH + " on a 512 KB stack", failure[0]);
        }
    }

    @Test
    void aLimitAboveTheCapIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Serializers.json(Codecs.json(), Serializers.MAX_DEPTH + 1));
        assertTrue(e.getMessage().contains(String.valueOf(Serializers.MAX_DEPTH)), e.getMessage());
        Serializers.json(Codecs.json(), Serializers.MAX_DEPTH);
    }

    @Test
    void inputDeeperThanTheCapIsATypedFailure() {
        Serializer<JsonValue> tree = Serializers.json(Codecs.json(), Serializers.MAX_DEPTH);
        SerializationException e = assertThrows(SerializationException.class,
                () -> tree.deserialize(DeepShapes.bytes(DeepShapes.arrays(Serializers.MAX_DEPTH + 1))));
        assertTrue(e.getMessage().contains("nests deeper"), e.getMessage());
        assertEquals(Serializers.MAX_DEPTH, Serializers.DEFAULT_MAX_DEPTH);
    }
}

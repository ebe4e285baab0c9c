package dev.keepsake.core.manager;

import dev.keepsake.core.codec.Serializer;
import dev.keepsake.core.error.SerializationException;
import java.nio.charset.StandardCharsets;

/** Small serializers for manager tests, independent of the codec layer. */
final class TestSerializers {

    private TestSerializers() {
    }

    /** Strings as UTF-8; refuses the string "unencodable" so tests can provoke an encoding error. */
    static Serializer<String> strings() {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String value) {
                if (value.equals("unencodable")) {
                    throw new SerializationException(null, null, "refused by the test serializer", null);
                }
                return value.getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public String deserialize(byte[] bytes) {
                return new String(bytes, StandardCharsets.UTF_8);
            }

            @Override
            public int formatId() {
                return 200;
            }
        };
    }
}

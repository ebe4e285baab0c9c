package dev.keepsake.core.codec;
/** TEMP stub until the codec branch merges. */
public interface Serializer<T> {
    byte[] serialize(T value);
    T deserialize(byte[] bytes);
    int formatId();
}

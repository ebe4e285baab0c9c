package dev.keepsake.core.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the variants of a tagged union (typically the records of a sealed interface); made by
 * {@link Codecs#union}. Each variant has a tag string (stored in JSON) and a position (its
 * declaration order, stored in binary): add new variants at the end and never reuse a tag.
 *
 * @param <T> the union's common supertype
 */
public final class UnionBuilder<T> {
    private final String tagName;
    private final List<String> tags = new ArrayList<>();
    private final List<Class<?>> types = new ArrayList<>();
    private final List<RecordCodec<?>> codecs = new ArrayList<>();

    UnionBuilder(String tagName) {
        this.tagName = tagName;
    }

    /**
     * Adds a variant.
     *
     * @param tag the tag value written for this variant
     * @param type the variant's class; a value is written as the first variant whose type it is
     *     an instance of
     * @param codec the variant's codec, made by one of the {@code Codecs.record} methods
     * @return this builder
     * @throws IllegalArgumentException if the tag is empty or taken, the codec is not a record
     *     codec, or the record has a field named like the tag member
     */
    public <V extends T> UnionBuilder<T> variant(String tag, Class<V> type, Codec<V> codec) {
        if (tag == null || type == null || codec == null) {
            throw new NullPointerException("tag, type and codec are required");
        }
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("variant tag must not be empty");
        }
        if (tags.contains(tag)) {
            throw new IllegalArgumentException("variant tag \"" + tag + "\" is used twice");
        }
        if (!(codec instanceof RecordCodec<?> record)) {
            throw new IllegalArgumentException("variant \"" + tag + "\" must have a record codec (Codecs.record)");
        }
        if (record.hasField(tagName)) {
            throw new IllegalArgumentException("variant \"" + tag + "\" has a field named like the tag \"" + tagName
                    + "\"");
        }
        tags.add(tag);
        types.add(type);
        codecs.add(record);
        return this;
    }

    /**
     * Returns the union codec.
     *
     * @throws IllegalStateException if no variant was added
     */
    public Codec<T> build() {
        if (tags.isEmpty()) {
            throw new IllegalStateException("a union needs at least one variant");
        }
        return new UnionCodec<>(tagName, tags.toArray(new String[0]), types.toArray(new Class<?>[0]),
                codecs.toArray(new RecordCodec<?>[0]));
    }
}

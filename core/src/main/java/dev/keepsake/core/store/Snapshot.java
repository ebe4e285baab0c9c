package dev.keepsake.core.store;

import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;

/**
 * What a store writes: its persisted state with the schema version it was written under.
 *
 * @param version the schema version
 * @param state the persisted state (the whole value, or the chosen projection of it)
 * @param migrated whether it was migrated from an older version on the way in (not stored)
 */
record Snapshot<P>(int version, P state, boolean migrated) {

    static <P> Codec<Snapshot<P>> codec(Codec<P> state) {
        return Codecs.record((Integer v, P s) -> new Snapshot<>(v, s, false),
                Codecs.field("version", Codecs.ints(), Snapshot::version),
                Codecs.field("state", state, Snapshot::state));
    }
}

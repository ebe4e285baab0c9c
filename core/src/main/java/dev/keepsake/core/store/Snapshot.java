package dev.keepsake.core.store;

import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;

/**
 * What a store writes: its persisted state with the schema version it was written under.
 *
 * @param version the schema version
 * @param state the persisted state (the whole value, or the chosen projection of it)
 * @param migrated whether it was migrated from an older version on the way in (not stored)
 * @param seq the store's change count it includes, for the store's own bookkeeping (not stored; 0 when read)
 */
record Snapshot<P>(int version, P state, boolean migrated, long seq) {

    static <P> Codec<Snapshot<P>> codec(Codec<P> state) {
        return Codecs.record((Integer v, P s) -> new Snapshot<>(v, s, false, 0),
                Codecs.field("version", Codecs.ints(), Snapshot::version),
                Codecs.field("state", state, Snapshot::state));
    }
}

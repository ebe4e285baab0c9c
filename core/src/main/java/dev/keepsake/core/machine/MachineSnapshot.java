package dev.keepsake.core.machine;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import java.util.Objects;

/**
 * What a {@link PersistedMachine} saves on every transition.
 *
 * @param state the state the machine is in
 * @param context its context
 * @param timestampMillis when the transition happened, by the machine's clock
 * @param version the machine definition's version the snapshot was written under
 */
@JsonPropertyOrder({"state", "context", "timestampMillis", "version"})
public record MachineSnapshot<S, C>(
        @JsonProperty("state") S state,
        @JsonProperty("context") C context,
        @JsonProperty("timestampMillis") long timestampMillis,
        @JsonProperty("version") int version) {

    /**
     * Validates the snapshot.
     *
     * @throws NullPointerException if {@code state} or {@code context} is null
     */
    public MachineSnapshot {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(context, "context");
    }

    /** Returns the codec of snapshots whose state and context {@code states} and {@code contexts} describe. */
    public static <S, C> Codec<MachineSnapshot<S, C>> codec(Codec<S> states, Codec<C> contexts) {
        return Codecs.record(MachineSnapshot<S, C>::new,
                Codecs.field("state", states, MachineSnapshot::state),
                Codecs.field("context", contexts, MachineSnapshot::context),
                Codecs.field("timestampMillis", Codecs.longs(), MachineSnapshot::timestampMillis),
                Codecs.field("version", Codecs.ints(), MachineSnapshot::version));
    }
}

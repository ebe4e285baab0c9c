package dev.keepsake.core.machine;

import java.util.function.Consumer;

/**
 * A {@link StateMachine} in motion: its current state and context, moved by events. Runs in
 * memory ({@link StateMachine#start()}) or persisted ({@link PersistedMachine}).
 *
 * <p>Thread-safe: events are applied one at a time; listeners run on the sending thread after
 * the change, outside any lock.
 */
public interface RunningMachine<S, E, C> {

    /** Returns the definition this machine runs. */
    StateMachine<S, E, C> definition();

    /** Returns the current state. */
    S state();

    /** Returns the current context. */
    C context();

    /**
     * Applies {@code event}: fires the first matching transition whose guard accepts, and
     * returns whether one fired. Exceptions from a guard or update propagate and change nothing.
     *
     * @throws NullPointerException if {@code event} is null
     */
    boolean send(E event);

    /** Returns whether {@code event} would fire a transition now. */
    boolean can(E event);

    /**
     * Calls {@code listener} with (previous state, new state, new context) after every transition.
     *
     * @return a handle that removes the listener
     */
    Subscription subscribe(Listener<S, C> listener);

    /** Hears transitions. */
    @FunctionalInterface
    interface Listener<S, C> {
        /** Called after a transition from {@code from} into {@code to} with {@code context}. */
        void changed(S from, S to, C context);
    }

    /** Removes a listener; idempotent. */
    @FunctionalInterface
    interface Subscription {
        /** Stops the notifications. */
        void unsubscribe();
    }

    /** Adapts a plain consumer of states. */
    static <S, C> Listener<S, C> onState(Consumer<? super S> consumer) {
        return (from, to, context) -> consumer.accept(to);
    }
}

package dev.keepsake.core.machine;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/** A machine whose state lives only in memory; also the engine inside {@link PersistedMachine}. */
final class MemoryMachine<S, E, C> implements RunningMachine<S, E, C> {

    private final StateMachine<S, E, C> definition;
    private final List<Listener<S, C>> listeners = new CopyOnWriteArrayList<>();
    private S state;
    private C context;

    MemoryMachine(StateMachine<S, E, C> definition, S state, C context) {
        this.definition = definition;
        this.state = state;
        this.context = context;
    }

    @Override
    public StateMachine<S, E, C> definition() {
        return definition;
    }

    @Override
    public synchronized S state() {
        return state;
    }

    @Override
    public synchronized C context() {
        return context;
    }

    @Override
    public boolean send(E event) {
        Objects.requireNonNull(event, "event");
        S from;
        S to;
        C next;
        synchronized (this) {
            StateMachine.Transition<S, E, C> t = definition.find(state, context, event);
            if (t == null) {
                return false;
            }
            next = Objects.requireNonNull(t.update().apply(context, event), "transition update returned null");
            from = state;
            to = t.to();
            state = to;
            context = next;
        }
        for (Listener<S, C> listener : listeners) {
            listener.changed(from, to, next);
        }
        return true;
    }

    @Override
    public synchronized boolean can(E event) {
        Objects.requireNonNull(event, "event");
        return definition.find(state, context, event) != null;
    }

    @Override
    public Subscription subscribe(Listener<S, C> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Replaces state and context without firing a transition; for restoring a snapshot. */
    void restore(S newState, C newContext) {
        S from;
        synchronized (this) {
            from = state;
            state = newState;
            context = newContext;
        }
        for (Listener<S, C> listener : listeners) {
            listener.changed(from, newState, newContext);
        }
    }

    @Override
    public synchronized String toString() {
        return "Machine[" + state + "]";
    }
}

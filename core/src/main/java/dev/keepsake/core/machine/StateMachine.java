package dev.keepsake.core.machine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The definition of a small typed state machine: states, events, guarded transitions and a
 * context that transitions update. Immutable; {@link #start()} runs it in memory and
 * {@link PersistedMachine} runs it with its snapshot saved on every transition.
 *
 * <p>Semantics: on an event, the transitions leaving the current state are tried in the order
 * they were defined; the first whose event matches and whose guard accepts (context, event)
 * fires: its update computes the new context and the machine moves to its target state. If
 * none fires, the event is ignored and nothing changes. Guards and updates must be pure
 * functions of their arguments; the context should be an immutable value.
 *
 * <pre>{@code
 * StateMachine<Step, Event, Cart> checkout = StateMachine.<Step, Event, Cart>builder(Step.CART, Cart.EMPTY)
 *     .on(Step.CART, Event.NEXT).when((cart, e) -> !cart.isEmpty()).to(Step.ADDRESS)
 *     .on(Step.ADDRESS, Event.BACK).to(Step.CART)
 *     .build();
 * }</pre>
 *
 * @param <S> the state type (an enum or strings)
 * @param <E> the event type (an enum, strings, or records matched by a predicate)
 * @param <C> the context type
 */
public final class StateMachine<S, E, C> {

    private final S initialState;
    private final C initialContext;
    private final Set<S> states;
    private final List<Transition<S, E, C>> transitions;

    private StateMachine(Builder<S, E, C> b) {
        this.initialState = b.initialState;
        this.initialContext = b.initialContext;
        this.states = Collections.unmodifiableSet(new LinkedHashSet<>(b.states));
        this.transitions = Collections.unmodifiableList(new ArrayList<>(b.transitions));
    }

    /**
     * Returns a builder for a machine that starts in {@code initialState} with
     * {@code initialContext}.
     *
     * @throws NullPointerException if an argument is null
     */
    public static <S, E, C> Builder<S, E, C> builder(S initialState, C initialContext) {
        return new Builder<>(initialState, initialContext);
    }

    /** Returns the state a new machine starts in. */
    public S initialState() {
        return initialState;
    }

    /** Returns the context a new machine starts with. */
    public C initialContext() {
        return initialContext;
    }

    /** Returns every state named by the definition, the initial one first. */
    public Set<S> states() {
        return states;
    }

    /** Returns the transitions in the order they are tried. */
    public List<Transition<S, E, C>> transitions() {
        return transitions;
    }

    /** Returns whether {@code state} is one of this machine's states. */
    public boolean hasState(S state) {
        return states.contains(state);
    }

    /** Returns a machine running this definition in memory, from the initial state. */
    public RunningMachine<S, E, C> start() {
        return new MemoryMachine<>(this, initialState, initialContext);
    }

    /**
     * Returns the transition that fires for {@code event} in {@code state} with
     * {@code context}, or null if the event is ignored there.
     */
    Transition<S, E, C> find(S state, C context, E event) {
        for (Transition<S, E, C> t : transitions) {
            if (t.from().equals(state) && t.event().test(event) && t.guard().test(context, event)) {
                return t;
            }
        }
        return null;
    }

    /**
     * One transition.
     *
     * @param from the state it leaves
     * @param event which events it answers
     * @param eventName a name for the event matcher, for diagrams and errors
     * @param guard whether it may fire for a context and event
     * @param update the new context
     * @param to the state it enters
     */
    public record Transition<S, E, C>(S from, Predicate<? super E> event, String eventName,
            BiPredicate<? super C, ? super E> guard, BiFunction<? super C, ? super E, ? extends C> update, S to) {
    }

    /** Collects states and transitions; not thread-safe. */
    public static final class Builder<S, E, C> {
        private final S initialState;
        private final C initialContext;
        private final Set<S> states = new LinkedHashSet<>();
        private final List<Transition<S, E, C>> transitions = new ArrayList<>();

        private Builder(S initialState, C initialContext) {
            this.initialState = Objects.requireNonNull(initialState, "initialState");
            this.initialContext = Objects.requireNonNull(initialContext, "initialContext");
            states.add(initialState);
        }

        /** Declares a state that no transition names yet (a final state, for instance). */
        public Builder<S, E, C> state(S state) {
            states.add(Objects.requireNonNull(state, "state"));
            return this;
        }

        /** Starts a transition from {@code from} on events equal to {@code event}. */
        public TransitionBuilder on(S from, E event) {
            Objects.requireNonNull(event, "event");
            return new TransitionBuilder(from, event::equals, String.valueOf(event));
        }

        /** Starts a transition from {@code from} on events that {@code matcher} accepts. */
        public TransitionBuilder on(S from, String eventName, Predicate<? super E> matcher) {
            return new TransitionBuilder(from, Objects.requireNonNull(matcher, "matcher"),
                    Objects.requireNonNull(eventName, "eventName"));
        }

        /** Returns the definition. */
        public StateMachine<S, E, C> build() {
            return new StateMachine<>(this);
        }

        /** One transition being defined; finished by {@link #to}. */
        public final class TransitionBuilder {
            private final S from;
            private final Predicate<? super E> event;
            private final String eventName;
            private BiPredicate<? super C, ? super E> guard = (c, e) -> true;
            private BiFunction<? super C, ? super E, ? extends C> update = (c, e) -> c;

            private TransitionBuilder(S from, Predicate<? super E> event, String eventName) {
                this.from = Objects.requireNonNull(from, "from");
                this.event = event;
                this.eventName = eventName;
            }

            /** Lets the transition fire only when {@code guard} accepts. */
            public TransitionBuilder when(BiPredicate<? super C, ? super E> guard) {
                this.guard = Objects.requireNonNull(guard, "guard");
                return this;
            }

            /** Computes the new context when the transition fires. */
            public TransitionBuilder update(BiFunction<? super C, ? super E, ? extends C> update) {
                this.update = Objects.requireNonNull(update, "update");
                return this;
            }

            /** Finishes the transition into {@code to} and returns the machine builder. */
            public Builder<S, E, C> to(S to) {
                Objects.requireNonNull(to, "to");
                states.add(from);
                states.add(to);
                transitions.add(new Transition<>(from, event, eventName, guard, update, to));
                return Builder.this;
            }
        }
    }
}

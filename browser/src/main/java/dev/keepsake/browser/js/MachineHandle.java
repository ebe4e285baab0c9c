package dev.keepsake.browser.js;

import dev.keepsake.browser.sync.TabSync;
import dev.keepsake.browser.time.BrowserScheduler;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.machine.PersistedMachine;
import dev.keepsake.core.machine.RunningMachine;
import dev.keepsake.core.machine.StateMachine;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.core.JSString;

/**
 * {@code createMachine(description, options)}: a {@link PersistedMachine} built from a plain JS
 * description, presented as a {@link JsMachine}.
 *
 * <pre>{@code
 * {initial: 'cart', context: {items: 0},
 *  states: {cart: {on: {ADD: {target: 'cart', update: (ctx, evt) => ({items: ctx.items + 1})},
 *                       NEXT: {target: 'paid', guard: ctx => ctx.items > 0}}},
 *           paid: {}}}
 * }</pre>
 *
 * <p>A transition is a target state name, an object {@code {target, guard?, update?}}, or an
 * array of those tried in order. Guards and updates get fresh copies of the context and the
 * event {@code {type, payload}}; an update returns the new context (JSON), or undefined to keep
 * it. States and context are stored as a {@code MachineSnapshot} whose context is the JSON
 * value.
 */
final class MachineHandle implements JsMachine {

    private final PersistedMachine<String, Event, JsValue> machine;
    private final DeferredBackend backend;
    private final JSPromise<JSObject> ready;
    private final FrozenView context = new FrozenView();

    private MachineHandle(PersistedMachine<String, Event, JsValue> machine, DeferredBackend backend) {
        this.machine = machine;
        this.backend = backend;
        this.ready = Promises.toPromise(machine.whenRestored(), ignored -> this);
    }

    /** What {@code send} was given. */
    static final class Event {
        final String type;
        final JSObject payload;

        Event(String type, JSObject payload) {
            this.type = type;
            this.payload = payload;
        }

        JSObject toJs() {
            return event(type, payload);
        }
    }

    /**
     * Builds and starts the machine {@code description} describes, persisted as {@code options} say.
     *
     * @throws IllegalArgumentException if the description or an option is invalid
     */
    static MachineHandle create(JSObject description, JSObject options) {
        if (description == null || !JsOptions.isObject(description)) {
            throw new IllegalArgumentException("createMachine needs a description object");
        }
        JSObject normalized = normalize(description);
        String problem = problemOf(normalized);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (JsOptions.has(options, "onFlush")) {
            throw new IllegalArgumentException("createMachine does not report flushes: onFlush is for stores and"
                    + " key-value layers");
        }
        JsConfig c = JsConfig.read(options, "keepsake", "keep-retrying", BrowserAlgorithms.INSTANCE, "");
        String initial = JsOptions.string(description, "initial", null);
        JSObject contextJs = JsOptions.get(description, "context");
        JsValue context = contextJs == null ? JsValue.ofJson("null") : JsValue.fromJs(contextJs, "context");
        if (context.isBytes()) {
            throw new IllegalArgumentException("context must be a JSON value");
        }
        StateMachine.Builder<String, Event, JsValue> b = StateMachine.builder(initial, context);
        int states = count(normalized, "states");
        for (int i = 0; i < states; i++) {
            b.state(stateAt(normalized, i));
        }
        int transitions = count(normalized, "transitions");
        for (int i = 0; i < transitions; i++) {
            JSObject t = transitionAt(normalized, i);
            String type = text(t, "event");
            StateMachine.Builder<String, Event, JsValue>.TransitionBuilder tb = b.on(text(t, "from"), type,
                    e -> e.type.equals(type));
            JSObject guard = JsOptions.get(t, "guard");
            if (guard != null) {
                tb.when((ctx, e) -> JsCalls.test2(guard, ctx.toJs(), e.toJs()));
            }
            JSObject update = JsOptions.get(t, "update");
            if (update != null) {
                tb.update((ctx, e) -> {
                    JSObject next = JsCalls.call2OrNull(update, ctx.toJs(), e.toJs());
                    return next == null ? ctx : JsValue.fromJs(next, "the context update returned");
                });
            }
            tb.to(text(t, "target"));
        }
        String key = JsOptions.string(options, "key", "machine");
        PersistedMachine<String, Event, JsValue> machine = PersistedMachine
                .builder(b.build(), c.backend(), BrowserScheduler.get(), key,
                        Codecs.strings(), JsValue.StoreCodecs.JSON)
                .config(c.config)
                .version(Math.max(1, JsOptions.count(options, "version", 1)))
                .onError(c.errorListener()::accept)
                .build();
        c.attach(backend -> TabSync.attach(machine, key, backend, c.config), machine::flush);
        return new MachineHandle(machine, c.backend());
    }

    @Override
    public boolean send(String type, JSObject payload) {
        if (type == null) {
            JsErrors.throwTypeError("send needs an event type (a string)");
        }
        boolean[] fired = {false};
        JsErrors.rethrowSync(() -> fired[0] = machine.send(new Event(type, payload)));
        return fired[0];
    }

    @Override
    public boolean can(String type, JSObject payload) {
        if (type == null) {
            JsErrors.throwTypeError("can needs an event type (a string)");
        }
        boolean[] possible = {false};
        JsErrors.rethrowSync(() -> possible[0] = machine.can(new Event(type, payload)));
        return possible[0];
    }

    @Override
    public JSObject subscribe(JSObject listener) {
        if (!JsOptions.isFunction(listener)) {
            JsErrors.throwTypeError("subscribe needs a function");
        }
        RunningMachine.Subscription subscription = machine.subscribe((from, to, context) ->
                JsCalls.notify3(listener, JSString.valueOf(to), this.context.of(context), JSString.valueOf(from)));
        return JsCalls.function(subscription::unsubscribe);
    }

    @Override
    public JSPromise<JSObject> flush() {
        return Promises.call(machine::flush);
    }

    @Override
    public JSPromise<JSObject> close() {
        return Promises.call(machine::close);
    }

    @Override
    public JSPromise<JSObject> reload() {
        return Promises.call(machine::reload, ignored -> this);
    }

    @Override
    public JSPromise<JSObject> info() {
        return JsInfo.of(backend);
    }

    @Override
    public String getState() {
        return machine.state();
    }

    @Override
    public JSObject getContext() {
        return context.of(machine.context());
    }

    @Override
    public JSObject getStates() {
        return JsStrings.array(machine.definition().states());
    }

    @Override
    public JSPromise<JSObject> getReady() {
        return ready;
    }

    @Override
    public String getBackend() {
        return JsInfo.chosenKind(backend);
    }

    /**
     * Flattens a description into {@code {states: [...], transitions: [{from, event, target,
     * guard, update}]}}, or {@code {problem}} naming what is wrong.
     */
    @JSBody(params = "description", script = ""
            + "var states = description.states, initial = description.initial, list = [], names = [];"
            + "if (typeof initial !== 'string') return {problem: 'description.initial must be a state name'};"
            + "if (states === null || typeof states !== 'object') return {problem: 'description.states must be an "
            + "object'};"
            + "if (!Object.prototype.hasOwnProperty.call(states, initial))"
            + "  return {problem: 'initial state ' + initial + ' is not in description.states'};"
            + "var stateNames = Object.keys(states);"
            + "for (var stateIndex = 0; stateIndex < stateNames.length; stateIndex++) {"
            + "  var from = stateNames[stateIndex], on = states[from] && states[from].on; names.push(from);"
            + "  if (on == null) continue;"
            + "  if (typeof on !== 'object') return {problem: 'states.' + from + '.on must be an object'};"
            + "  var events = Object.keys(on);"
            + "  for (var eventIndex = 0; eventIndex < events.length; eventIndex++) {"
            + "    var options = Array.isArray(on[events[eventIndex]]) ? on[events[eventIndex]] : "
            + "[on[events[eventIndex]]];"
            + "    for (var optionIndex = 0; optionIndex < options.length; optionIndex++) {"
            + "      var spec = typeof options[optionIndex] === 'string' ? {target: options[optionIndex]} : "
            + "options[optionIndex];"
            + "      var where = 'states.' + from + '.on.' + events[eventIndex];"
            + "      if (spec === null || typeof spec !== 'object' || typeof spec.target !== 'string')"
            + "        return {problem: where + ' must be a state name or {target, guard?, update?}'};"
            + "      if (!Object.prototype.hasOwnProperty.call(states, spec.target))"
            + "        return {problem: where + ' targets ' + spec.target + ', which is not in description.states'};"
            + "      if (spec.guard != null && typeof spec.guard !== 'function') return {problem: where + '.guard "
            + "must be a function'};"
            + "      if (spec.update != null && typeof spec.update !== 'function') return {problem: where + '.update "
            + "must be a function'};"
            + "      list.push({from: from, event: events[eventIndex], target: spec.target, guard: spec.guard || null,"
            + "        update: spec.update || null});"
            + "    }"
            + "  }"
            + "}"
            + "return {states: names, transitions: list};")
    private static native JSObject normalize(JSObject description);

    @JSBody(params = "normalized", script = "return normalized.problem || null;")
    private static native String problemOf(JSObject normalized);

    @JSBody(params = {"normalized", "list"}, script = "return normalized[list].length;")
    private static native int count(JSObject normalized, String list);

    @JSBody(params = {"normalized", "index"}, script = "return normalized.states[index];")
    private static native String stateAt(JSObject normalized, int index);

    @JSBody(params = {"normalized", "index"}, script = "return normalized.transitions[index];")
    private static native JSObject transitionAt(JSObject normalized, int index);

    @JSBody(params = {"object", "name"}, script = "return object[name];")
    private static native String text(JSObject object, String name);

    @JSBody(params = {"type", "payload"},
            script = "return {type: type, payload: payload === undefined ? null : payload};")
    private static native JSObject event(String type, JSObject payload);
}

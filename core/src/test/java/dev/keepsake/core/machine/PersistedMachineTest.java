package dev.keepsake.core.machine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.backend.MemoryBackend;
import dev.keepsake.core.codec.Codec;
import dev.keepsake.core.codec.Codecs;
import dev.keepsake.core.error.PersistenceException;
import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.time.ManualScheduler;
import dev.keepsake.testing.FaultyBackend;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

@RunWith(TeaVMTestRunner.class)
public class PersistedMachineTest {

    enum Step { CART, ADDRESS, PAYMENT, DONE }

    enum Event { ADD, NEXT, BACK, PAY }

    static final Codec<Integer> ITEMS = Codecs.ints();

    static StateMachine<Step, Event, Integer> checkout() {
        return StateMachine.<Step, Event, Integer>builder(Step.CART, 0)
                .on(Step.CART, Event.ADD).update((n, e) -> n + 1).to(Step.CART)
                .on(Step.CART, Event.NEXT).when((n, e) -> n > 0).to(Step.ADDRESS)
                .on(Step.ADDRESS, Event.BACK).to(Step.CART)
                .on(Step.ADDRESS, Event.NEXT).to(Step.PAYMENT)
                .on(Step.PAYMENT, Event.PAY).to(Step.DONE)
                .build();
    }

    private final ManualScheduler time = ManualScheduler.startingAt(5_000);
    private final MemoryBackend memory = MemoryBackend.create();
    private final FaultyBackend backend = new FaultyBackend(memory);
    private final List<PersistenceException> errors = new ArrayList<>();

    private PersistedMachine<Step, Event, Integer> machine() {
        return PersistedMachine.builder(checkout(), backend, time, "checkout", Codecs.enums(Step.values()), ITEMS)
                .onError(errors::add).build();
    }

    private static <T> T done(Async<T> async) {
        assertTrue("expected a settled result: " + async, async.isDone());
        return async.peek();
    }

    @Test
    public void theMachineResumesWhereItWasAfterARestart() {
        PersistedMachine<Step, Event, Integer> m = machine();
        m.send(Event.ADD);
        m.send(Event.ADD);
        m.send(Event.NEXT);
        time.advance(100);
        assertEquals("three transitions, one write", 1, backend.batches().size());
        PersistedMachine<Step, Event, Integer> again = machine();
        done(again.whenRestored());
        assertEquals(Step.ADDRESS, again.state());
        assertEquals(2, (int) again.context());
        assertEquals(5_000, again.snapshot().timestampMillis());
        assertEquals(1, again.snapshot().version());
        again.send(Event.NEXT);
        again.send(Event.PAY);
        done(again.close());
        assertEquals(Step.DONE, machine().state());
    }

    @Test
    public void listenersHearTheRestoredState() {
        PersistedMachine<Step, Event, Integer> m = machine();
        m.send(Event.ADD);
        m.send(Event.NEXT);
        done(m.close());
        backend.holdLoads();
        PersistedMachine<Step, Event, Integer> again = machine();
        List<Step> heard = new ArrayList<>();
        again.subscribe(RunningMachine.onState(heard::add));
        assertEquals(Step.CART, again.state());
        backend.releaseLoads();
        assertEquals(List.of(Step.ADDRESS), heard);
        assertTrue(again.isRestored());
    }

    @Test
    public void aTransitionBeforeRestoringWinsOverTheStoredSnapshot() {
        PersistedMachine<Step, Event, Integer> m = machine();
        m.send(Event.ADD);
        m.send(Event.NEXT);
        done(m.close());
        backend.holdLoads();
        PersistedMachine<Step, Event, Integer> again = machine();
        again.send(Event.ADD);
        backend.releaseLoads();
        assertEquals(Step.CART, again.state());
        assertEquals(1, (int) again.context());
    }

    @Test
    public void aSnapshotNamingAStateTheMachineNoLongerHasFallsBackToTheInitialState() {
        StateMachine<String, String, Integer> old = StateMachine.<String, String, Integer>builder("idle", 0)
                .on("idle", "go").to("legacy-state").build();
        PersistedMachine<String, String, Integer> writer = PersistedMachine
                .builder(old, backend, time, "m", Codecs.strings(), ITEMS).build();
        writer.send("go");
        done(writer.close());
        StateMachine<String, String, Integer> current = StateMachine.<String, String, Integer>builder("idle", 0)
                .on("idle", "go").to("running").build();
        PersistedMachine<String, String, Integer> m = PersistedMachine
                .builder(current, backend, time, "m", Codecs.strings(), ITEMS).onError(errors::add).build();
        done(m.whenRestored());
        assertEquals("idle", m.state());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0) instanceof SerializationException);
        assertTrue(errors.get(0).getMessage(), errors.get(0).getMessage().contains("legacy-state"));
        assertTrue(m.send("go"));
        assertEquals("running", m.state());
    }

    @Test
    public void anUnknownEnumStateIsATypedErrorAndTheMachineStillStarts() {
        StateMachine<String, String, Integer> old = StateMachine.<String, String, Integer>builder("CART", 0)
                .on("CART", "x").to("GIFT_WRAP").build();
        PersistedMachine<String, String, Integer> writer = PersistedMachine
                .builder(old, backend, time, "checkout", Codecs.strings(), ITEMS).build();
        writer.send("x");
        done(writer.close());
        PersistedMachine<Step, Event, Integer> m = machine();
        done(m.whenRestored());
        assertEquals(Step.CART, m.state());
        assertTrue(errors.get(0) instanceof SerializationException);
        assertTrue(m.send(Event.ADD));
    }

    // ---- two writers ---------------------------------------------------------------------

    private final List<List<Event>> droppedOnConflict = new ArrayList<>();

    private PersistedMachine<Step, Event, Integer> restoredRebasingMachine() {
        PersistedMachine<Step, Event, Integer> m = PersistedMachine
                .builder(checkout(), backend, time, "checkout", Codecs.enums(Step.values()), ITEMS)
                .onError(errors::add)
                .onConflict((conflict, dropped) -> droppedOnConflict.add(new ArrayList<>(dropped)))
                .build();
        done(m.whenRestored());
        return m;
    }

    @Test
    public void aMachineWhoseSaveMeetsANewerSnapshotSendsItsEventsAgainFromThere() {
        PersistedMachine<Step, Event, Integer> tab1 = restoredRebasingMachine();
        PersistedMachine<Step, Event, Integer> tab2 = restoredRebasingMachine();
        tab1.send(Event.ADD);
        done(tab1.flush());
        tab2.send(Event.ADD);
        tab2.send(Event.ADD);
        done(tab2.flush());
        assertEquals(Step.CART, tab2.state());
        assertEquals(Integer.valueOf(3), tab2.context());
        assertEquals(List.of(List.of()), droppedOnConflict);
        PersistedMachine<Step, Event, Integer> reader = restoredRebasingMachine();
        assertEquals(Integer.valueOf(3), reader.context());
        assertEquals(List.of(), errors);
    }

    @Test
    public void anEventNoTransitionAcceptsFromTheNewerSnapshotIsDroppedAndReported() {
        PersistedMachine<Step, Event, Integer> tab1 = restoredRebasingMachine();
        PersistedMachine<Step, Event, Integer> tab2 = restoredRebasingMachine();
        tab1.send(Event.ADD);
        tab1.send(Event.NEXT);
        done(tab1.flush());
        tab2.send(Event.ADD);
        done(tab2.flush());
        assertEquals(List.of(List.of(Event.ADD)), droppedOnConflict);
        assertEquals(Step.ADDRESS, tab2.state());
        assertEquals(Integer.valueOf(1), tab2.context());
        PersistedMachine<Step, Event, Integer> reader = restoredRebasingMachine();
        assertEquals(Step.ADDRESS, reader.state());
    }
}

package dev.keepsake.core.machine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

@RunWith(TeaVMTestRunner.class)
public class StateMachineTest {

    enum Step { CART, ADDRESS, PAYMENT, DONE }

    enum Event { ADD, NEXT, BACK, PAY }

    /** Items in the cart: the context. */
    record Cart(int items) {
    }

    static StateMachine<Step, Event, Cart> checkout() {
        return StateMachine.<Step, Event, Cart>builder(Step.CART, new Cart(0))
                .on(Step.CART, Event.ADD).update((cart, e) -> new Cart(cart.items() + 1)).to(Step.CART)
                .on(Step.CART, Event.NEXT).when((cart, e) -> cart.items() > 0).to(Step.ADDRESS)
                .on(Step.ADDRESS, Event.BACK).to(Step.CART)
                .on(Step.ADDRESS, Event.NEXT).to(Step.PAYMENT)
                .on(Step.PAYMENT, Event.PAY).to(Step.DONE)
                .build();
    }

    @Test
    public void transitionsMoveTheStateAndUpdateTheContext() {
        RunningMachine<Step, Event, Cart> m = checkout().start();
        assertEquals(Step.CART, m.state());
        assertTrue(m.send(Event.ADD));
        assertTrue(m.send(Event.ADD));
        assertEquals(new Cart(2), m.context());
        assertTrue(m.send(Event.NEXT));
        assertEquals(Step.ADDRESS, m.state());
        assertTrue(m.send(Event.NEXT));
        assertTrue(m.send(Event.PAY));
        assertEquals(Step.DONE, m.state());
    }

    @Test
    public void aGuardThatRefusesLeavesEverythingAsItWas() {
        RunningMachine<Step, Event, Cart> m = checkout().start();
        assertFalse(m.can(Event.NEXT));
        assertFalse(m.send(Event.NEXT));
        assertEquals(Step.CART, m.state());
        m.send(Event.ADD);
        assertTrue(m.can(Event.NEXT));
    }

    @Test
    public void eventsWithoutATransitionAreIgnored() {
        RunningMachine<Step, Event, Cart> m = checkout().start();
        assertFalse(m.send(Event.PAY));
        assertEquals(Step.CART, m.state());
        assertEquals(new Cart(0), m.context());
    }

    @Test
    public void listenersHearEveryTransitionAndCanUnsubscribe() {
        RunningMachine<Step, Event, Cart> m = checkout().start();
        List<String> heard = new ArrayList<>();
        RunningMachine.Subscription s = m.subscribe((from, to, ctx) -> heard.add(from + ">" + to + ":" + ctx.items()));
        m.send(Event.ADD);
        m.send(Event.NEXT);
        s.unsubscribe();
        m.send(Event.BACK);
        assertEquals(List.of("CART>CART:1", "CART>ADDRESS:1"), heard);
    }

    @Test
    public void theDefinitionKnowsItsStates() {
        StateMachine<Step, Event, Cart> def = checkout();
        assertEquals(Set.of(Step.CART, Step.ADDRESS, Step.PAYMENT, Step.DONE), def.states());
        assertEquals(Step.CART, def.states().iterator().next());
        assertEquals(5, def.transitions().size());
        assertTrue(def.hasState(Step.DONE));
    }

    @Test
    public void eventsWithDataAreMatchedByAPredicate() {
        StateMachine<String, Object, Integer> counter = StateMachine.<String, Object, Integer>builder("on", 0)
                .on("on", "add", e -> e instanceof Integer).update((n, e) -> n + (Integer) e).to("on")
                .on("on", "off").to("off")
                .build();
        RunningMachine<String, Object, Integer> m = counter.start();
        m.send(5);
        m.send(7);
        assertEquals(12, (int) m.context());
        assertFalse(m.send("nonsense"));
        m.send("off");
        assertEquals("off", m.state());
    }

    @Test
    public void aFailingUpdateChangesNothing() {
        StateMachine<String, String, Integer> def = StateMachine.<String, String, Integer>builder("a", 1)
                .on("a", "go").update((n, e) -> {
                    throw new IllegalStateException("broken update");
                }).to("b")
                .build();
        RunningMachine<String, String, Integer> m = def.start();
        assertThrows(IllegalStateException.class, () -> m.send("go"));
        assertEquals("a", m.state());
        assertEquals(1, (int) m.context());
    }

    @Test
    public void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> StateMachine.builder(null, 1));
        assertThrows(NullPointerException.class, () -> checkout().start().send(null));
    }
}

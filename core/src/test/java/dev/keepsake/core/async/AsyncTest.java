package dev.keepsake.core.async;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.TeaVMTestRunner;

@RunWith(TeaVMTestRunner.class)
public class AsyncTest {

    private static final RuntimeException BOOM = new IllegalStateException("boom");

    @Test
    public void settlesOnlyOnce() {
        Async.Completer<String> c = Async.completer();
        assertFalse(c.async().isDone());
        assertTrue(c.complete("a"));
        assertFalse(c.complete("b"));
        assertFalse(c.fail(BOOM));
        assertEquals("a", c.async().peek());
    }

    @Test
    public void listenersRunExactlyOnceWhetherRegisteredBeforeOrAfter() {
        Async.Completer<Integer> c = Async.completer();
        List<Integer> calls = new ArrayList<>();
        c.async().whenComplete((v, f) -> calls.add(v));
        c.complete(1);
        c.complete(2);
        c.async().whenComplete((v, f) -> calls.add(v * 10));
        assertEquals(List.of(1, 10), calls);
    }

    @Test
    public void mapAndFlatMapCompose() {
        Async.Completer<Integer> c = Async.completer();
        Async.Completer<String> inner = Async.completer();
        Async<String> result = c.async().map(i -> i + 1).flatMap(i -> inner.async().map(s -> s + i));
        c.complete(41);
        assertFalse(result.isDone());
        inner.complete("answer ");
        assertEquals("answer 42", result.peek());
    }

    @Test
    public void failuresPassThroughMapAndFlatMap() {
        Async<Integer> failed = Async.failed(BOOM);
        List<String> calls = new ArrayList<>();
        Async<Integer> mapped = failed.map(i -> {
            calls.add("map");
            return i;
        }).flatMap(i -> {
            calls.add("flatMap");
            return Async.of(i);
        });
        assertSame(BOOM, mapped.failure());
        assertEquals(List.of(), calls);
    }

    @Test
    public void anExceptionInACallbackFailsTheDerivedValue() {
        Async<Integer> base = Async.of(1);
        RuntimeException thrown = new IllegalArgumentException("callback");
        assertSame(thrown, base.map(i -> {
            throw thrown;
        }).failure());
        assertSame(thrown, base.flatMap(i -> {
            throw thrown;
        }).failure());
        assertSame(thrown, base.whenComplete((v, f) -> {
            throw thrown;
        }).failure());
        assertTrue(base.flatMap(i -> null).failure() instanceof NullPointerException);
    }

    @Test
    public void aCallbackFailureAfterAFailureKeepsTheOriginalAsSuppressed() {
        RuntimeException second = new IllegalArgumentException("second");
        Async<Integer> result = Async.<Integer>failed(BOOM).recover(f -> {
            throw second;
        });
        assertSame(second, result.failure());
        assertSame(BOOM, second.getSuppressed()[0]);
    }

    @Test
    public void recoverTurnsAFailureIntoAValue() {
        assertEquals("fallback", Async.<String>failed(BOOM).recover(f -> "fallback").peek());
        assertEquals("value", Async.of("value").recover(f -> "fallback").peek());
        assertEquals("later", Async.<String>failed(BOOM).recoverWith(f -> Async.of("later")).peek());
    }

    @Test
    public void whenCompleteSeesValueOrFailureAndPassesThemOn() {
        List<Object> seen = new ArrayList<>();
        Async<String> ok = Async.of("v").whenComplete((v, f) -> seen.add(v));
        Async<String> bad = Async.<String>failed(BOOM).whenComplete((v, f) -> seen.add(f));
        assertEquals("v", ok.peek());
        assertSame(BOOM, bad.failure());
        assertEquals(List.of("v", BOOM), seen);
    }

    @Test
    public void peekOfAPendingValueIsAnError() {
        assertThrows(IllegalStateException.class, () -> Async.completer().async().peek());
    }

    @Test
    public void peekRethrowsUncheckedAndWrapsChecked() {
        assertSame(BOOM, assertThrows(IllegalStateException.class, () -> Async.failed(BOOM).peek()));
        IOException io = new IOException("io");
        Async.AsyncFailureException wrapped =
                assertThrows(Async.AsyncFailureException.class, () -> Async.failed(io).peek());
        assertSame(io, wrapped.getCause());
    }

    @Test
    public void allCollectsValuesInOrder() {
        Async.Completer<String> a = Async.completer();
        Async.Completer<String> b = Async.completer();
        Async<List<String>> all = Async.all(List.of(a.async(), b.async(), Async.of("c")));
        b.complete("b");
        assertFalse(all.isDone());
        a.complete("a");
        assertEquals(List.of("a", "b", "c"), all.peek());
        assertEquals(List.of(), Async.all(List.of()).peek());
    }

    @Test
    public void allFailsWithTheFirstFailure() {
        Async.Completer<String> a = Async.completer();
        Async<List<String>> all = Async.all(List.of(a.async(), Async.failed(BOOM)));
        assertSame(BOOM, all.failure());
        a.complete("late");
        assertSame(BOOM, all.failure());
    }

    @Test
    public void allKeepsNullValues() {
        List<String> values = Async.all(List.<Async<String>>of(Async.of(null), Async.of("x"))).peek();
        assertNull(values.get(0));
        assertEquals("x", values.get(1));
    }

    @Test
    public void attemptCatchesSynchronousThrows() {
        assertSame(BOOM, Async.attempt(() -> {
            throw BOOM;
        }).failure());
        assertEquals("ok", Async.attempt(() -> Async.of("ok")).peek());
    }

    @Test
    public void followCopiesTheOutcome() {
        Async.Completer<String> source = Async.completer();
        Async.Completer<String> target = Async.completer();
        target.follow(source.async());
        source.fail(BOOM);
        assertSame(BOOM, target.async().failure());
    }

    @Test
    public void longSynchronousChainsDoNotOverflowWhenBuiltIteratively() {
        Async<Integer> chain = Async.of(0);
        for (int i = 0; i < 10_000; i++) {
            chain = chain.map(x -> x + 1);
        }
        assertEquals(10_000, (int) chain.peek());
    }

    @Test
    public void discardDropsTheValue() {
        assertNull(Async.of("x").discard().peek());
        assertTrue(Async.done().isDone());
    }

    @Test
    public void failRejectsNull() {
        assertThrows(NullPointerException.class, () -> Async.completer().fail(null));
        assertThrows(NullPointerException.class, () -> Async.failed(null));
    }
}

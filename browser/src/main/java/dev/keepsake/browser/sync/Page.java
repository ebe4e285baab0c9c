package dev.keepsake.browser.sync;

import java.util.List;
import java.util.function.Consumer;

/**
 * The page events the sync package reacts to, and the one message it sends: the seam between
 * the plain-Java logic and the DOM ({@link DomPage}), so that the logic runs under test with a
 * fake page. Each {@code on*} method installs one listener and returns what removes it.
 */
interface Page {

    /** Calls {@code listener} when the page becomes hidden ({@code visibilitychange}) or is left ({@code pagehide}). */
    Runnable onHide(Runnable listener);

    /**
     * Calls {@code listener} with the localStorage key another tab changed, or with null when
     * another tab cleared localStorage.
     */
    Runnable onStorage(Consumer<String> listener);

    /**
     * Calls {@code listener} with each key announced on the channel {@code name} by another
     * page, or with null when another page announced that everything may have changed.
     */
    Runnable onChannel(String name, Consumer<String> listener);

    /** Announces {@code keys} (null: everything) on the channel {@code name} to other pages. */
    void announce(String name, List<String> keys);
}

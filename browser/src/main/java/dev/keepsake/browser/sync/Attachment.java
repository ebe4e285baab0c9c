package dev.keepsake.browser.sync;

/**
 * A live connection between a store (or machine, or manager) and the page: a flush on hide
 * from {@link PageLifecycle}, or cross-tab following from {@link TabSync}. Detaching removes
 * every listener it added, so an attachment that was detached holds nothing alive.
 */
public interface Attachment {

    /** Removes the listeners; idempotent. */
    void detach();

    /**
     * Returns whether the listeners are still installed: false after {@link #detach()}, after
     * the attached store was found closed, and for an attachment that had nothing to follow.
     */
    boolean isAttached();
}

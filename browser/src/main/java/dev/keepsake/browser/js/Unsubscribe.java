package dev.keepsake.browser.js;

import org.teavm.jso.JSObject;

/** Stops a subscription; pages get it wrapped as a plain function ({@link JsCalls#function}). */
interface Unsubscribe extends JSObject {

    void unsubscribe();
}

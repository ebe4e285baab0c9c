package dev.keepsake.browser.js;

import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSString;

/** Java strings to the page: one conversion for every list of keys, reasons and state names. */
final class JsStrings {

    private JsStrings() {
    }

    /** Returns a new JS array of {@code strings}, in iteration order. */
    static JSArray<JSString> array(Iterable<String> strings) {
        JSArray<JSString> array = JSArray.create();
        for (String s : strings) {
            array.push(JSString.valueOf(s));
        }
        return array;
    }
}

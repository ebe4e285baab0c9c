package dev.keepsake.browser.js;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;

/**
 * Reads the plain option objects pages pass to the exported factories. A wrong type is misuse:
 * it throws {@link IllegalArgumentException}, which reaches the page as a {@code TypeError}.
 */
final class JsOptions {

    private JsOptions() {
    }

    /** Returns whether {@code options} has a non-null, non-undefined {@code name}. */
    @JSBody(params = {"options", "name"},
            script = "return options != null && options[name] !== undefined && options[name] !== null;")
    static native boolean has(JSObject options, String name);

    /** Returns the raw option value, or null when absent. */
    @JSBody(params = {"options", "name"},
            script = "var option = options == null ? undefined : options[name]; return option == null ? null : option;")
    static native JSObject get(JSObject options, String name);

    @JSBody(params = {"options", "name"}, script = "var option = options[name];"
            + " return typeof option === 'string' ? option : null;")
    static native String stringOrNull(JSObject options, String name);

    @JSBody(params = {"options", "name"}, script = "var option = options[name];"
            + " return typeof option === 'number' && isFinite(option) ? option : -1;")
    private static native double numberOrMinusOne(JSObject options, String name);

    @JSBody(params = {"options", "name"}, script = "var option = options[name];"
            + " return typeof option === 'boolean' ? (option ? 1 : 0) : -1;")
    private static native int booleanOrMinusOne(JSObject options, String name);

    /**
     * Returns the length of {@code array}, an array of strings.
     *
     * @throws IllegalArgumentException if it is not an array or holds anything but strings
     */
    static int stringArrayLength(JSObject array, String name) {
        int length = stringArrayLengthOrMinusOne(array);
        if (length < 0) {
            throw new IllegalArgumentException(name + " must be an array of strings");
        }
        return length;
    }

    @JSBody(params = "array", script = "if (!Array.isArray(array)) return -1;"
            + " for (var i = 0; i < array.length; i++) if (typeof array[i] !== 'string') return -1;"
            + " return array.length;")
    private static native int stringArrayLengthOrMinusOne(JSObject array);

    /** Returns element {@code i} of an array that {@link #stringArrayLength} accepted. */
    @JSBody(params = {"array", "i"}, script = "return array[i];")
    static native String stringAt(JSObject array, int i);

    @JSBody(params = "value", script = "return typeof value === 'function';")
    static native boolean isFunction(JSObject value);

    @JSBody(params = "value", script = "return value !== null && typeof value === 'object';")
    static native boolean isObject(JSObject value);

    /** Returns the string option {@code name}, or {@code fallback} when absent. */
    static String string(JSObject options, String name, String fallback) {
        if (!has(options, name)) {
            return fallback;
        }
        String value = stringOrNull(options, name);
        if (value == null) {
            throw new IllegalArgumentException(name + " must be a string");
        }
        return value;
    }

    /** Returns the whole, non-negative number option {@code name}, or {@code fallback}. */
    static int count(JSObject options, String name, int fallback) {
        return count(options, name, fallback, 0);
    }

    /** Returns the whole number option {@code name}, at least {@code min}, or {@code fallback}. */
    static int count(JSObject options, String name, int fallback, int min) {
        if (!has(options, name)) {
            return fallback;
        }
        double value = numberOrMinusOne(options, name);
        if (value < min || value != Math.floor(value) || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a whole number of at least " + min);
        }
        return (int) value;
    }

    /** Returns the whole, positive number option {@code name} (such as a time in ms), or 0 when absent. */
    static long positive(JSObject options, String name) {
        if (!has(options, name)) {
            return 0;
        }
        double value = numberOrMinusOne(options, name);
        if (value < 1 || value != Math.floor(value) || value > 9.007199254740991E15) {
            throw new IllegalArgumentException(name + " must be a whole number of at least 1");
        }
        return (long) value;
    }

    /** Returns the boolean option {@code name}, or {@code fallback}. */
    static boolean flag(JSObject options, String name, boolean fallback) {
        if (!has(options, name)) {
            return fallback;
        }
        int value = booleanOrMinusOne(options, name);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return value == 1;
    }

    /** Returns the function option {@code name}, or null when absent. */
    static JSObject function(JSObject options, String name) {
        JSObject value = get(options, name);
        if (value != null && !isFunction(value)) {
            throw new IllegalArgumentException(name + " must be a function");
        }
        return value;
    }

    /** Returns the object option {@code name}, or null when absent. */
    static JSObject object(JSObject options, String name) {
        JSObject value = get(options, name);
        if (value != null && !isObject(value)) {
            throw new IllegalArgumentException(name + " must be an object");
        }
        return value;
    }

    /** Checks that {@code options} is an object, or absent (null or undefined, as the typings allow). */
    static void requireObject(JSObject options, String what) {
        if (!isObjectOrAbsent(options)) {
            throw new IllegalArgumentException(what + " must be an object");
        }
    }

    @JSBody(params = "value", script = "return value == null || typeof value === 'object';")
    private static native boolean isObjectOrAbsent(JSObject value);
}

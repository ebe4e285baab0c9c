package dev.keepsake.core.codec;

import dev.keepsake.core.error.SerializationException;
import dev.keepsake.core.internal.Utf8;
import java.util.ArrayList;
import java.util.List;

/**
 * The codecs' internal failure: a problem, the input position and the path of fields and
 * indexes leading to it, collected while the stack unwinds. Never escapes the package: the
 * serializers turn it into a {@link SerializationException} with a message such as {@code
 * missing required field "y" at $.points[2] (byte 41)}.
 */
final class CodecFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int position;
    private final List<String> segments = new ArrayList<>(); // innermost first

    CodecFailure(String problem, int position) {
        this(problem, position, null);
    }

    CodecFailure(String problem, int position, Throwable cause) {
        super(problem, cause, false, false);
        this.problem = problem;
        this.position = position;
    }

    /** A string with an unpaired surrogate, which has no UTF-8 form, at char {@code index}. */
    static CodecFailure unpairedSurrogate(int index) {
        return new CodecFailure("unpaired surrogate at char " + index + " cannot be encoded", -1);
    }

    /** Malformed UTF-8 at {@code position}; {@code kind} is what {@code Utf8.decodeAt} returned there. */
    static CodecFailure malformedUtf8(int kind, int position) {
        String problem = kind == Utf8.INVALID_LEAD ? "invalid UTF-8 lead byte"
                : kind == Utf8.TRUNCATED ? "truncated UTF-8 sequence" : "invalid UTF-8 sequence";
        return new CodecFailure(problem, position);
    }

    /** Prepends a field name to the path; returns this for rethrowing. */
    CodecFailure inField(String name) {
        segments.add("." + name);
        return this;
    }

    /** Prepends a list index to the path; returns this for rethrowing. */
    CodecFailure atIndex(int index) {
        segments.add("[" + index + "]");
        return this;
    }

    String problem() {
        return problem;
    }

    void copyPathFrom(CodecFailure other) {
        segments.addAll(other.segments);
    }

    SerializationException toSerializationException(String what) {
        StringBuilder sb = new StringBuilder(what).append(": ").append(problem).append(" at $");
        for (int i = segments.size() - 1; i >= 0; i--) {
            sb.append(segments.get(i));
        }
        if (position >= 0) {
            sb.append(" (byte ").append(position).append(')');
        }
        return new SerializationException(null, null, sb.toString(), getCause());
    }
}

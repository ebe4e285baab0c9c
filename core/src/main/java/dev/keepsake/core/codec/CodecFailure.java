package dev.keepsake.core.codec;

import dev.keepsake.core.error.SerializationException;
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

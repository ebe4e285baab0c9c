package dev.keepsake.core.sync;

/**
 * A local write that met a newer value on the server, and how it was resolved. Never silent:
 * every conflict is reported to {@link Sync#onConflict} (and, for a store, to its conflict
 * listener with decoded values).
 *
 * @param key the backend key
 * @param local the bytes written locally (a manager's sealed envelope), or null for a delete
 * @param remote the server's bytes, or null when the server has no entry
 * @param resolved the bytes kept: written locally and pushed on top of {@code remote}, or
 *     {@code remote} itself when the remote value was adopted; null when the key ends deleted
 * @param writeId the id of the conflicting write ({@link WriteFate#id})
 */
public record SyncConflict(String key, byte[] local, byte[] remote, byte[] resolved, String writeId) {

    @Override
    public String toString() {
        return "SyncConflict[" + writeId + "]";
    }
}

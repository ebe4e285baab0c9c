package dev.keepsake.core.backend;

/**
 * A stored value with its version, as {@link StorageBackend#loadVersioned} returns it.
 *
 * <p>A version identifies one write of one entry: every put gives its entry a new version,
 * chosen at random by {@link WriteBatch.Builder} among the integers from 2 to 2<sup>53</sup>
 * (so JavaScript numbers hold it exactly). Because a deleted entry has no version and a
 * re-created one gets a fresh random version, a version read once is not seen again on that key
 * after other writes (the chance of a repeat is about 2<sup>-48</sup> per write).
 *
 * @param value the stored bytes, or null when nothing is stored under the key
 * @param version the entry's version; {@link #ABSENT} when nothing is stored
 */
public record Versioned(byte[] value, long version) {

    /** The version of a key with no entry. */
    public static final long ABSENT = 0;

    /** The version of an entry stored before versions existed. */
    public static final long UNVERSIONED = 1;

    /** Returns whether a value is stored. */
    public boolean isPresent() {
        return value != null;
    }

    @Override
    public String toString() {
        return value == null ? "absent" : "version " + version + " (" + value.length + " bytes)";
    }
}

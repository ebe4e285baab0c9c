package dev.keepsake.jvm.fs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The mapping from storage keys to file names inside the backend's directory, and the names of
 * the backend's own temporary files.
 *
 * <p>A key is written as UTF-8; bytes {@code a-z}, {@code 0-9} and {@code -} stay as they are,
 * every other byte becomes {@code _} followed by two lowercase hex digits (so {@code "A/b"} is
 * {@code "_41_2fb"}). The name is {@code "k-" + escaped + ".kv"}. When that would be longer
 * than {@value #MAX_NAME_BYTES} bytes the name is {@code "h-" + hex(SHA-256(UTF-8 key)) + ".kv"}
 * instead and the real key is only recoverable from the file's record.
 *
 * <p>Why this shape:
 * <ul>
 *   <li>Injective and reversible: the escaping is a bijection onto canonical escaped strings,
 *       and the two prefixes keep escaped and hashed names apart.</li>
 *   <li>No escape from the directory: names contain only {@code [a-z0-9_.-]}, never a separator,
 *       and never equal {@code "."} or {@code ".."}.</li>
 *   <li>Case-insensitive file systems: names hold no uppercase letters, so two names never
 *       differ only in case.</li>
 *   <li>Windows: the fixed {@code k-}/{@code h-} prefix means no name starts with a reserved
 *       device name ({@code CON}, {@code NUL}, {@code COM1}...), and the fixed suffix means no
 *       name ends with a dot or a space.</li>
 *   <li>Every name is at most {@value #MAX_NAME_BYTES} bytes, the limit of ext4, XFS, APFS and
 *       NTFS (in UTF-16 units, and our names are ASCII).</li>
 * </ul>
 */
final class FileNames {

    /** The longest file name produced. */
    static final int MAX_NAME_BYTES = 255;

    private static final String ESCAPED_PREFIX = "k-";
    private static final String HASHED_PREFIX = "h-";
    private static final String DATA_SUFFIX = ".kv";
    private static final String TEMP_PREFIX = "t-";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int TEMP_ID_CHARS = 16;
    private static final int SHA256_HEX_CHARS = 64;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private FileNames() {
    }

    /** Returns the file name that holds {@code key}. */
    static String forKey(String key) {
        return forUtf8(key.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns {@link #forKey} of the key whose UTF-8 bytes are {@code utf8}. */
    static String forUtf8(byte[] utf8) {
        StringBuilder sb = new StringBuilder(ESCAPED_PREFIX.length() + utf8.length + DATA_SUFFIX.length());
        sb.append(ESCAPED_PREFIX);
        int limit = MAX_NAME_BYTES - DATA_SUFFIX.length();
        for (byte b : utf8) {
            int v = b & 0xff;
            if (isPlain(v)) {
                sb.append((char) v);
            } else {
                sb.append('_').append(HEX[v >>> 4]).append(HEX[v & 15]);
            }
            if (sb.length() > limit) {
                return hashedName(utf8);
            }
        }
        return sb.append(DATA_SUFFIX).toString();
    }

    /** Returns whether {@code name} is the hashed form, whose key must be read from the file. */
    static boolean isHashed(String name) {
        if (name.length() != HASHED_PREFIX.length() + SHA256_HEX_CHARS + DATA_SUFFIX.length()
                || !name.startsWith(HASHED_PREFIX) || !name.endsWith(DATA_SUFFIX)) {
            return false;
        }
        for (int i = HASHED_PREFIX.length(); i < HASHED_PREFIX.length() + SHA256_HEX_CHARS; i++) {
            if (hexValue(name.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the key an escaped name stands for, or null if {@code name} is not exactly what
     * {@link #forKey} produces for some key (a foreign file, a hashed name, a temporary file).
     */
    static String keyOf(String name) {
        if (!name.startsWith(ESCAPED_PREFIX) || !name.endsWith(DATA_SUFFIX)
                || name.length() > MAX_NAME_BYTES) {
            return null;
        }
        int end = name.length() - DATA_SUFFIX.length();
        byte[] utf8 = new byte[end - ESCAPED_PREFIX.length()];
        int n = 0;
        for (int i = ESCAPED_PREFIX.length(); i < end; i++) {
            char c = name.charAt(i);
            if (c == '_') {
                if (i + 2 >= end) {
                    return null;
                }
                int hi = hexValue(name.charAt(i + 1));
                int lo = hexValue(name.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    return null;
                }
                utf8[n++] = (byte) (hi << 4 | lo);
                i += 2;
            } else if (c < 0x80 && isPlain(c)) {
                utf8[n++] = (byte) c;
            } else {
                return null;
            }
        }
        if (n == 0) {
            return null;
        }
        String key = new String(utf8, 0, n, StandardCharsets.UTF_8);
        // Only the canonical spelling counts: "_61" for "a", malformed UTF-8, or a name that
        // should have been hashed would otherwise give a second name for one key.
        return name.equals(forKey(key)) ? key : null;
    }

    /** Returns whether {@code name} has the shape of one of our temporary files. */
    static boolean isTemp(String name) {
        if (name.length() != TEMP_PREFIX.length() + TEMP_ID_CHARS + TEMP_SUFFIX.length()
                || !name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) {
            return false;
        }
        for (int i = TEMP_PREFIX.length(); i < TEMP_PREFIX.length() + TEMP_ID_CHARS; i++) {
            if (hexValue(name.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Returns a temporary file name made from {@code id}; distinct ids give distinct names. */
    static String temp(long id) {
        StringBuilder sb = new StringBuilder(TEMP_PREFIX);
        for (int shift = 60; shift >= 0; shift -= 4) {
            sb.append(HEX[(int) (id >>> shift) & 15]);
        }
        return sb.append(TEMP_SUFFIX).toString();
    }

    private static boolean isPlain(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private static String hashedName(byte[] utf8) {
        byte[] digest = sha256(utf8);
        StringBuilder sb = new StringBuilder(HASHED_PREFIX.length() + SHA256_HEX_CHARS + DATA_SUFFIX.length());
        sb.append(HASHED_PREFIX);
        for (byte b : digest) {
            sb.append(HEX[(b >>> 4) & 15]).append(HEX[b & 15]);
        }
        return sb.append(DATA_SUFFIX).toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform must support SHA-256", e);
        }
    }
}

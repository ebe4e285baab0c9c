package dev.keepsake.browser.js;

import dev.keepsake.core.async.Async;
import dev.keepsake.core.format.Cipher;

/**
 * A cipher whose key is still being derived from a passphrase (PBKDF2 in WebCrypto is
 * asynchronous): encrypt and decrypt wait for it. Its id and overhead are known up front.
 */
final class DeferredCipher implements Cipher {

    private final int id;
    private final String name;
    private final int overhead;
    private final Async<Cipher> cipher;

    DeferredCipher(int id, String name, int overhead, Async<Cipher> cipher) {
        this.id = id;
        this.name = name;
        this.overhead = overhead;
        this.cipher = cipher;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int overheadBytes() {
        return overhead;
    }

    @Override
    public Async<byte[]> encrypt(byte[] plaintext, byte[] associatedData) {
        return cipher.flatMap(c -> c.encrypt(plaintext, associatedData));
    }

    @Override
    public Async<byte[]> decrypt(byte[] ciphertext, byte[] associatedData) {
        return cipher.flatMap(c -> c.decrypt(ciphertext, associatedData));
    }
}

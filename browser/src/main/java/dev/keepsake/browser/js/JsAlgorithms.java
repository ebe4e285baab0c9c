package dev.keepsake.browser.js;

import dev.keepsake.core.backend.StorageBackend;
import dev.keepsake.core.manager.PersistenceConfig;
import org.teavm.jso.JSObject;

/**
 * The compression and encryption a build offers for the {@code compression} and
 * {@code encryption} options: {@link BrowserAlgorithms} in {@code keepsake.js}, none in
 * {@code keepsake-kv.js} ({@link NoAlgorithms}), so that the smaller build does not carry them.
 */
interface JsAlgorithms {

    /**
     * Gives {@code config} the compressor the {@code compression} option names, every
     * compressor this build can read with (so that values written compressed stay readable after
     * the option changes) and the cipher the {@code encryption} option asks for, if given.
     *
     * <p>Only a build with algorithms calls the builder's compressor and cipher methods: TeaVM
     * then leaves the envelope's compression and encryption stages out of one without.
     *
     * @param encryption the {@code encryption} option, or null if absent
     * @param storageName the {@code name} option, from which the default passphrase salt is derived
     * @param backend where {@code salt: "stored"} keeps its random salt
     * @throws IllegalArgumentException for an unknown or unavailable compression, or invalid
     *     encryption options
     */
    void configure(PersistenceConfig.Builder config, String compression, JSObject encryption, String storageName,
            StorageBackend backend);
}

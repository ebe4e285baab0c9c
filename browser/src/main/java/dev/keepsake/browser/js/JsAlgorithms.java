package dev.keepsake.browser.js;

import dev.keepsake.core.format.Cipher;
import dev.keepsake.core.format.Compressor;
import java.util.List;
import org.teavm.jso.JSObject;

/**
 * The compression and encryption a build offers for the {@code compression} and
 * {@code encryption} options: {@link BrowserAlgorithms} in {@code keepsake.js}, none in
 * {@code keepsake-kv.js} ({@link NoAlgorithms}), so that the smaller build does not carry them.
 */
interface JsAlgorithms {

    /**
     * Returns the compressor named by the {@code compression} option, or null for {@code 'none'}.
     *
     * @throws IllegalArgumentException for an unknown or unavailable name
     */
    Compressor compressor(String name);

    /**
     * Returns every compressor this build can read with, whatever the {@code compression}
     * option, so that values written compressed stay readable after it changes.
     */
    List<Compressor> decompressors();

    /**
     * Returns the cipher the {@code encryption} option asks for.
     *
     * @throws IllegalArgumentException if the option is invalid or the algorithm unknown or unavailable
     */
    Cipher cipher(JSObject encryption, String storageName);
}

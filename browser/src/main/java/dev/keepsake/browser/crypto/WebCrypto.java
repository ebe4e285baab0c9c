package dev.keepsake.browser.crypto;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * The Web Cryptography API calls Keepsake makes: {@code crypto.getRandomValues} and, on
 * {@code crypto.subtle}, AES-GCM and PBKDF2. Promises are settled through callbacks that
 * receive the result or the {@code DOMException}'s name and message. Thin by design: checks
 * and error mapping live in the callers.
 */
final class WebCrypto {

    private WebCrypto() {
    }

    /** Returns {@code crypto.subtle}, or null where it is missing (an insecure context, an old browser). */
    @JSBody(script = "return typeof crypto !== 'undefined' && crypto != null && crypto.subtle != null"
            + " && typeof crypto.subtle.importKey === 'function' ? crypto.subtle : null;")
    static native JSObject subtle();

    /** Returns whether {@code crypto.getRandomValues} exists (it does in insecure contexts too). */
    @JSBody(script = "return typeof crypto !== 'undefined' && crypto != null"
            + " && typeof crypto.getRandomValues === 'function';")
    static native boolean hasRandomValues();

    /** Returns {@code window.isSecureContext} (false where undeclared), for messages. */
    @JSBody(script = "return typeof isSecureContext === 'boolean' && isSecureContext;")
    static native boolean isSecureContext();

    /** Fills {@code target} (at most 65536 bytes) from the platform's cryptographic generator. */
    @JSBody(params = "target", script = "crypto.getRandomValues(target);")
    static native void getRandomValues(Int8Array target);

    /** Imports {@code raw} as a non-extractable AES-GCM key for encrypt and decrypt. */
    @JSBody(params = {"subtle", "raw", "onKey", "onError"},
            script = "try {"
                    + " subtle.importKey('raw', raw, {name: 'AES-GCM'}, false, ['encrypt', 'decrypt']).then(onKey,"
                    + "  function (error) { onError(String(error && error.name), String(error && error.message)); });"
                    + "} catch (error) { onError(String(error && error.name), String(error && error.message)); }")
    static native void importAesGcmKey(JSObject subtle, Int8Array raw, KeyDone onKey, Failed onError);

    /** Encrypts with a 128-bit tag; delivers {@code iv ‖ ciphertext ‖ tag}. */
    @JSBody(params = {"subtle", "key", "iv", "plaintext", "aad", "onDone", "onError"},
            script = "try {"
                    + " subtle.encrypt({name: 'AES-GCM', iv: iv, additionalData: aad, tagLength: 128}, key, plaintext)"
                    + " .then(function (sealed) {"
                    + "  var out = new Int8Array(iv.length + sealed.byteLength);"
                    + "  out.set(iv, 0); out.set(new Int8Array(sealed), iv.length); onDone(out);"
                    + " }, function (error) { onError(String(error && error.name), String(error && error.message)); });"
                    + "} catch (error) { onError(String(error && error.name), String(error && error.message)); }")
    static native void aesGcmEncrypt(JSObject subtle, JSObject key, Int8Array iv, Int8Array plaintext, Int8Array aad,
            BytesDone onDone, Failed onError);

    /** Decrypts {@code body = iv ‖ ciphertext ‖ tag}, {@code ivLength} bytes of iv; a bad tag is an OperationError. */
    @JSBody(params = {"subtle", "key", "body", "ivLength", "aad", "onDone", "onError"},
            script = "try {"
                    + " subtle.decrypt({name: 'AES-GCM', iv: body.subarray(0, ivLength), additionalData: aad,"
                    + "  tagLength: 128}, key, body.subarray(ivLength))"
                    + " .then(function (plain) { onDone(new Int8Array(plain)); },"
                    + "  function (error) { onError(String(error && error.name), String(error && error.message)); });"
                    + "} catch (error) { onError(String(error && error.name), String(error && error.message)); }")
    static native void aesGcmDecrypt(JSObject subtle, JSObject key, Int8Array body, int ivLength, Int8Array aad,
            BytesDone onDone, Failed onError);

    /** Derives {@code bits} bits by PBKDF2-HMAC-SHA256 from {@code password} and {@code salt}. */
    @JSBody(params = {"subtle", "password", "salt", "iterations", "bits", "onDone", "onError"},
            script = "try {"
                    + " subtle.importKey('raw', password, {name: 'PBKDF2'}, false, ['deriveBits'])"
                    + " .then(function (key) {"
                    + "  return subtle.deriveBits({name: 'PBKDF2', hash: 'SHA-256', salt: salt, "
                    + "iterations: iterations},"
                    + "   key, bits); })"
                    + " .then(function (derived) { onDone(new Int8Array(derived)); },"
                    + "  function (error) { onError(String(error && error.name), String(error && error.message)); });"
                    + "} catch (error) { onError(String(error && error.name), String(error && error.message)); }")
    static native void pbkdf2Sha256(JSObject subtle, Int8Array password, Int8Array salt, int iterations, int bits,
            BytesDone onDone, Failed onError);

    /** Receives an imported key. */
    @JSFunctor
    interface KeyDone extends JSObject {
        void done(JSObject key);
    }

    /** Receives bytes. */
    @JSFunctor
    interface BytesDone extends JSObject {
        void done(Int8Array bytes);
    }

    /** Receives the name and message of what WebCrypto threw or rejected with. */
    @JSFunctor
    interface Failed extends JSObject {
        void failed(String name, String message);
    }
}

package dev.keepsake.browser.js;

import dev.keepsake.core.manager.PersistenceConfig;
import org.teavm.jso.JSObject;

/** The server sync of {@code keepsake.js} and {@code keepsake-kv.js}: none, said plainly. */
final class NoServerSync implements JsServerSync {

    static final NoServerSync INSTANCE = new NoServerSync();

    private NoServerSync() {
    }

    @Override
    public SyncLink link(DeferredBackend local, JSObject options) {
        throw new IllegalArgumentException("sync: {url, scope, token} needs keepsake-sync.js");
    }

    @Override
    public JsSync view(SyncLink link, PersistenceConfig config) {
        return null;
    }
}

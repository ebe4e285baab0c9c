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
        throw new IllegalArgumentException("sync with a server ({url, scope, token}) is in keepsake-sync.js:"
                + " import openStore and openKeyValue from it; here sync is true or false (follow other tabs)");
    }

    @Override
    public JsSync view(SyncLink link, PersistenceConfig config) {
        return null;
    }
}

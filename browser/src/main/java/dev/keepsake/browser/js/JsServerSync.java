package dev.keepsake.browser.js;

import dev.keepsake.core.manager.PersistenceConfig;
import org.teavm.jso.JSObject;

/**
 * What a build offers for a {@code sync} option that names a server: {@link ServerSyncs} in
 * {@code keepsake-sync.js}, nothing in the other builds ({@link NoServerSync}), so that they carry
 * no replicator.
 */
interface JsServerSync {

    /**
     * Returns the sync of {@code local} with the server {@code options} names
     * ({@code {url, scope, token}}), shared by every store and key-value layer on that backend
     * and scope in this page.
     *
     * @throws IllegalArgumentException if the options are invalid, or this build has no sync
     */
    SyncLink link(DeferredBackend local, JSObject options);

    /** Returns the {@code sync} property for a store or key-value layer with {@code config} on {@code link}. */
    JsSync view(SyncLink link, PersistenceConfig config);
}

package dev.keepsake.browser.js;

import dev.keepsake.browser.crypto.BrowserCrypto;
import dev.keepsake.browser.remote.RemoteTransports;
import dev.keepsake.browser.time.BrowserScheduler;
import dev.keepsake.core.async.Async;
import dev.keepsake.core.manager.PersistenceConfig;
import dev.keepsake.core.sync.Sync;
import dev.keepsake.core.sync.SyncConfig;
import dev.keepsake.core.sync.TokenProvider;
import java.util.HashMap;
import java.util.Map;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/**
 * The server sync of {@code keepsake-sync.js}: reads {@code sync: {url, scope, token}} and
 * opens one {@link SyncLink} per storage and scope in the page, over the {@code fetch}
 * transport. A token given as a function is called for the first token and again after every
 * 401 answer ({@code renew} true); it may return the token or a Promise of it.
 */
final class ServerSyncs implements JsServerSync {

    static final ServerSyncs INSTANCE = new ServerSyncs();

    private final Map<DeferredBackend, SyncLink> links = new HashMap<>();
    private final Map<DeferredBackend, String> targets = new HashMap<>();

    private ServerSyncs() {
    }

    @Override
    public SyncLink link(DeferredBackend local, JSObject options) {
        String url = JsOptions.string(options, "url", null);
        String scope = JsOptions.string(options, "scope", null);
        if (url == null || scope == null || !JsOptions.has(options, "token")) {
            throw new IllegalArgumentException("sync needs {url, scope, token}");
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("sync.url must start with http:// or https://: " + url);
        }
        String target = url + " " + scope;
        SyncLink shared = links.get(local);
        if (shared != null) {
            if (!targets.get(local).equals(target)) {
                throw new IllegalArgumentException("this storage already syncs with " + targets.get(local)
                        + "; one storage (name and backend) syncs with one server and scope");
            }
            return shared;
        }
        TokenProvider tokens = tokens(JsOptions.get(options, "token"));
        SyncConfig.Builder config = SyncConfig.builder(scope, token -> RemoteTransports.fetch(url, token), tokens,
                BrowserCrypto.random());
        if (JsOptions.has(options, "minBackoffMs") || JsOptions.has(options, "maxBackoffMs")) {
            int min = JsOptions.count(options, "minBackoffMs", 500, 1);
            config.backoff(min, JsOptions.count(options, "maxBackoffMs", Math.max(min, 60_000), 1));
        }
        SyncConfig built = config.build();
        Async<Sync> opened = local.choice().flatMap(choice -> Sync.open(local, built, BrowserScheduler.get()));
        SyncLink link = new SyncLink(new DeferredSync(local, opened), "keepsake-sync " + local.id() + " " + scope);
        links.put(local, link);
        targets.put(local, target);
        return link;
    }

    @Override
    public JsSync view(SyncLink link, PersistenceConfig config) {
        return new SyncView(link, config);
    }

    private static TokenProvider tokens(JSObject token) {
        if (isString(token)) {
            return TokenProvider.of(asString(token));
        }
        if (!JsOptions.isFunction(token)) {
            throw new IllegalArgumentException("sync.token must be a string or a function that returns one");
        }
        return renew -> {
            Async.Completer<String> done = Async.completer();
            callForToken(token, renew, done::complete,
                    message -> done.fail(new IllegalStateException("sync.token failed: " + message)));
            return done.async();
        };
    }

    @JSBody(params = "value", script = "return typeof value === 'string';")
    private static native boolean isString(JSObject value);

    @JSBody(params = "value", script = "return value;")
    private static native String asString(JSObject value);

    /** Receives a token. */
    @JSFunctor
    interface Got extends JSObject {
        void got(String token);
    }

    /** Receives why no token came. */
    @JSFunctor
    interface Failed extends JSObject {
        void failed(String message);
    }

    @JSBody(params = {"fn", "renew", "got", "failed"}, script = "var result;"
            + " try { result = fn(renew); } catch (e) { failed(String(e && e.message || e)); return; }"
            + " Promise.resolve(result).then(function (token) {"
            + "  if (typeof token === 'string' && token.length > 0) got(token);"
            + "  else failed('sync.token returned ' + typeof token + ', not a non-empty string'); },"
            + " function (e) { failed(String(e && e.message || e)); });")
    private static native void callForToken(JSObject fn, boolean renew, Got got, Failed failed);

    /** The {@code sync} property of one store or key-value layer: keys in its namespace. */
    private static final class SyncView implements JsSync {
        private final SyncLink link;
        private final PersistenceConfig config;

        SyncView(SyncLink link, PersistenceConfig config) {
            this.link = link;
            this.config = config;
        }

        @Override
        public JSObject getStatus() {
            return link.status();
        }

        @Override
        public JSObject onStatus(JSObject listener) {
            if (!JsOptions.isFunction(listener)) {
                JsErrors.throwTypeError("onStatus needs a function");
            }
            return link.onStatus(listener);
        }

        @Override
        public JSObject onFate(JSObject listener) {
            if (!JsOptions.isFunction(listener)) {
                JsErrors.throwTypeError("onFate needs a function");
            }
            return link.onFate(listener);
        }

        @Override
        public JSPromise<JSObject> settled(String key) {
            return Promises.toPromise(Async.attempt(() -> link.settled(config.storageKey(key))), f -> f);
        }

        @Override
        public JSObject pendingWrites() {
            return link.pendingWrites();
        }

        @Override
        public void setOffline(boolean offline) {
            link.setOffline(offline);
        }
    }
}

package dev.keepsake.browser.js;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keepsake.browser.page.BrowserSession;
import dev.keepsake.browser.page.NodeTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store works as React's external store: {@code useSyncExternalStore(store.subscribe,
 * store.get)}, written as React's documentation writes it (methods passed on detached), renders
 * each change once and never loops, with real React 18 from npm (its development build, which
 * reports a snapshot that is not cached) in Chromium, in the ES module and the wasm-gc build.
 * The same page with a snapshot that is a fresh copy each time does loop, so the test can
 * tell.
 */
class ReactSyncExternalStoreTest {

    private static final Path WORK = Paths.get("target/react");

    private static final String RENDER = ""
            + "const problems = [];"
            + "const error = console.error;"
            + "console.error = (...args) => { problems.push(String(args[0]).slice(0, 60)); error(...args); };"
            + "window.addEventListener('error', e => problems.push('error: ' + String(e.message).slice(0, 60)));"
            + "for (const src of ['/react/react.js', '/react/react-dom.js']) {"
            + "  await new Promise((resolve, reject) => { const script = document.createElement('script');"
            + "    script.src = src; script.onload = resolve; script.onerror = reject; document.head.append(script); "
            + "}); }"
            + "const store = keepsake.openStore({name: 'react', backend: 'memory', initial: {count: 0}});"
            + "await store.ready;"
            + "const getSnapshot = SNAPSHOT;"
            + "let renders = 0;"
            + "function Counter() {"
            + "  renders++;"
            + "  const value = React.useSyncExternalStore(store.subscribe, getSnapshot);"
            + "  return React.createElement('span', {id: 'count'}, String(value.count));"
            + "}"
            + "const root = ReactDOM.createRoot(document.body.appendChild(document.createElement('div')));"
            + "try { ReactDOM.flushSync(() => root.render(React.createElement(Counter))); }"
            + " catch (e) { problems.push('threw: ' + String(e.message).slice(0, 60)); }"
            + "for (let i = 0; i < 5; i++) {"
            + "  store.update(value => ({count: value.count + 1}));"
            + "  await new Promise(resolve => setTimeout(resolve, 20));"
            + "}"
            + "await new Promise(resolve => setTimeout(resolve, 100));"
            + "const shown = document.getElementById('count');"
            + "return {'count shown': shown ? shown.textContent : 'nothing shown',"
            + "  'renders': renders <= 12 ? 'few renders' : renders + ' renders',"
            + "  'problems': problems.length === 0 ? 'no problems' : 'problem: ' + problems.join('; ')};";

    @RegisterExtension
    final BrowserSession browser = new BrowserSession();

    @BeforeEach
    void installReact() throws Exception {
        NodeTools.requireNode("the React test");
        NodeTools.install(WORK, WORK.resolve("node_modules/react-dom/umd/react-dom.development.js"),
                "react@18.3.1", "react-dom@18.3.1");
        browser.serve("/react/react.js", Files.readString(WORK.resolve("node_modules/react/umd/react.development.js")));
        browser.serve("/react/react-dom.js",
                Files.readString(WORK.resolve("node_modules/react-dom/umd/react-dom.development.js")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html", "/pages/wasm.html"})
    void useSyncExternalStoreRendersEachChangeWithoutLooping(String page) {
        browser.open(page);
        browser.assertChecks(Map.of("count shown", 5, "renders", "few renders", "problems", "no problems"),
                RENDER.replace("SNAPSHOT", "store.get"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pages/module.html"})
    void aSnapshotCopiedOnEveryCallLoops(String page) {
        browser.open(page);
        Map<?, ?> outcome = (Map<?, ?>) browser.run(RENDER.replace("SNAPSHOT",
                "() => JSON.parse(JSON.stringify(store.get()))"));
        assertTrue(String.valueOf(outcome.get("problems")).startsWith("problem: "),
                "React reports the snapshot that changes on every call: " + outcome);
    }
}

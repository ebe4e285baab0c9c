// redux-persist with Keepsake as its storage (the one changed line is storage:).
import { legacy_createStore as createStore } from "redux";
import { persistReducer, persistStore } from "redux-persist";
import { openKeyValue } from "keepsake/kv";
import { reduxPersistStorage } from "keepsake/redux-persist";

interface Todos {
  items: string[];
}
type Action = { type: "add"; item: string } | { type: "other" };

function todos(state: Todos = { items: [] }, action: Action): Todos {
  return action.type === "add" ? { items: [...state.items, action.item] } : state;
}

const kv = openKeyValue({ name: "npm-redux" });
const store = createStore(persistReducer({ key: "root", storage: reduxPersistStorage(kv) }, todos));
const persistor = persistStore(store);
const hydrated = new Promise<void>((resolve) => {
  const check = () => {
    if (persistor.getState().bootstrapped) {
      resolve();
    }
  };
  persistor.subscribe(check);
  check();
});

Object.assign(window, { keepsake: { kv, store, persistor, hydrated }, keepsakeReady: true });

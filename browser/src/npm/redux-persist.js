// redux-persist's storage on a Keepsake key-value layer:
//   persistReducer({ key: "root", storage: reduxPersistStorage(kv) }, reducer)
// in place of storage from "redux-persist/lib/storage". redux-persist hands over serialized
// strings (or, with serialize: false, plain objects); either is stored as one JSON value.
export function reduxPersistStorage(kv) {
  for (const method of ["get", "set", "delete"]) {
    if (kv == null || typeof kv[method] !== "function") {
      throw new TypeError("reduxPersistStorage: expected a key-value layer from openKeyValue(), with " + method + "()");
    }
  }
  return {
    getItem: async (key) => {
      const value = await kv.get(key);
      return value === undefined ? null : value;
    },
    setItem: (key, value) => kv.set(key, value),
    removeItem: (key) => kv.delete(key),
  };
}

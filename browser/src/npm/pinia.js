// pinia-plugin-persistedstate's storage on a Keepsake key-value layer:
//   persist: { storage: await piniaStorage(kv) }   (or createPersistedState({ storage: ... }))
// in place of storage: localStorage. The plugin reads synchronously while a store is created,
// so piniaStorage reads every key of the layer first (one getMany) and answers from that copy;
// writes update the copy at once and reach Keepsake batched, as every write does.
export async function piniaStorage(kv, options) {
  for (const method of ["keys", "getMany", "set", "delete"]) {
    if (kv == null || typeof kv[method] !== "function") {
      throw new TypeError("piniaStorage: expected a key-value layer from openKeyValue(), with " + method + "()");
    }
  }
  const onError = options != null ? options.onError : undefined;
  if (onError !== undefined && typeof onError !== "function") {
    throw new TypeError("piniaStorage: options.onError must be a function");
  }
  const keys = await kv.keys();
  const values = keys.length === 0 ? [] : await kv.getMany(keys);
  const copy = new Map();
  keys.forEach((key, i) => {
    if (values[i] !== undefined) {
      copy.set(key, values[i]);
    }
  });
  // The plugin cannot wait for a write; a failed one goes to onError, else surfaces as an
  // unhandled rejection (and to the layer's own onError).
  const settle = (written) => {
    if (onError !== undefined) {
      written.catch(onError);
    }
  };
  return {
    getItem: (key) => (copy.has(key) ? copy.get(key) : null),
    setItem: (key, value) => {
      copy.set(key, value);
      settle(kv.set(key, value));
    },
    removeItem: (key) => {
      copy.delete(key);
      settle(kv.delete(key));
    },
  };
}

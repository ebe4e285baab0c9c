// zustand's persist middleware on a Keepsake key-value layer:
//   persist(creator, { name: "cart", storage: zustandStorage(kv) })
// in place of storage: createJSONStorage(() => localStorage). The persisted { state, version } is
// stored as one JSON value (functions and undefined dropped, as JSON.stringify does), so it is
// batched, checksummed and, with keepsake.js, compressed or encrypted as the layer is configured.
export function zustandStorage(kv) {
  requireKeyValue(kv, "zustandStorage", ["get", "set", "delete"]);
  return {
    getItem: async (name) => {
      const value = await kv.get(name);
      return value === undefined ? null : value;
    },
    setItem: (name, value) => kv.set(name, JSON.parse(JSON.stringify(value))),
    removeItem: (name) => kv.delete(name),
  };
}

function requireKeyValue(kv, caller, methods) {
  for (const method of methods) {
    if (kv == null || typeof kv[method] !== "function") {
      throw new TypeError(caller + ": expected a key-value layer from openKeyValue(), with " + method + "()");
    }
  }
}

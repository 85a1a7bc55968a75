/**
 * vitest 5 prints failed tests with `Map.groupBy` (Node 21+). On Node 20 the failure summary itself crashes
 * ("Map.groupBy is not a function") and hides every assertion message. A vitest config runs in the main
 * process, where the reporter does, so configs call this (the gateway's root config imports it too).
 */
export function installMapGroupBy(): void {
  const map = Map as unknown as { groupBy?: unknown };
  if (typeof map.groupBy === 'function') return;
  Object.defineProperty(Map, 'groupBy', {
    configurable: true,
    writable: true,
    value<K, T>(items: Iterable<T>, keyOf: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const key = keyOf(item, index++);
        const group = groups.get(key);
        if (group) group.push(item);
        else groups.set(key, [item]);
      }
      return groups;
    },
  });
}

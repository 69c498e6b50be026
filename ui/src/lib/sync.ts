/** Merging what `/sync` answered into the list the dashboard holds. */

export interface Delta<T> {
  version: number;
  /** Tasks created or changed after the version asked about, as they are now. */
  tasks: T[];
  /** Ids deleted after it. */
  deleted: string[];
  /** `tasks` is the whole list: replace everything. */
  full: boolean;
}

/**
 * The list after a delta: changed tasks replaced, new ones first, deleted ids
 * dropped; `full` replaces everything. Unchanged tasks keep their objects, so
 * only changed rows render again, and an empty delta returns the same array
 * (nothing renders). The work is one pass with a hash lookup per task; what
 * crosses the network and is parsed is only the change.
 */
export function mergeDelta<T extends { id: string }>(list: T[], delta: Delta<T>): T[] {
  if (delta.full) return delta.tasks;
  if (!delta.tasks.length && !delta.deleted.length) return list;
  const changed = new Map(delta.tasks.map((t) => [t.id, t]));
  const gone = new Set(delta.deleted);
  const kept: T[] = [];
  for (const t of list) {
    if (gone.has(t.id)) continue;
    const next = changed.get(t.id);
    if (next) changed.delete(t.id);
    kept.push(next ?? t);
  }
  // What is left in `changed` is new to this list (created, or restored, after the version).
  return [...changed.values(), ...kept];
}

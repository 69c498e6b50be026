/** Helpers both dialects share; nothing here touches a driver. */

/** Case-folds text for search the same way on every dialect (full Unicode, not just ASCII). */
export const fold = (s: string) => s.normalize('NFC').toLowerCase();

export const foldOrNull = (s: string | null) => (s === null ? null : fold(s));

/**
 * Timestamps for rows written together that must keep their order when
 * sorted by time: each is at least 1 ms after the one before and after `after`.
 */
export function sequentialTimes(count: number, after?: Date): Date[] {
  let t = Math.max(Date.now(), after ? after.getTime() + 1 : 0);
  return Array.from({ length: count }, () => new Date(t++));
}

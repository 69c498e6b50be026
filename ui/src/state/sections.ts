import { signal } from '@preact/signals';
import type { SectionKey } from '../lib/list';

/**
 * How much of each section is on the page. A section shows its first rows and
 * a button for more, so a list of 10,000 tasks puts a few hundred rows in the
 * DOM, not 10,000. Done starts collapsed.
 */
export const FIRST_ROWS = 30;
export const MORE_ROWS = 50;

export const doneOpen = signal(false);
export const shownRows = signal<Partial<Record<SectionKey, number>>>({});

export const rowsOf = (key: SectionKey) => shownRows.value[key] ?? FIRST_ROWS;

export function showMore(key: SectionKey, atLeast = 0) {
  shownRows.value = { ...shownRows.value, [key]: Math.max(rowsOf(key) + MORE_ROWS, atLeast) };
}

export function resetSections() {
  doneOpen.value = false;
  shownRows.value = {};
}

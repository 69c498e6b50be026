import { parseInstant } from '../lib/dates';

const unquote = (tag: string) =>
  tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');

/** Weak comparison, as RFC 9110 asks for If-None-Match; `*` matches any current list. */
export function matchesIfNoneMatch(header: string, tag: string): boolean {
  const want = unquote(tag);
  return header.split(',').some((t) => t.trim() === '*' || unquote(t) === want);
}

/**
 * If-Match for one task: its ETag (`"<updated_at>"`) or a bare updated_at.
 * Returns the updated_at to require, undefined for no condition (absent or
 * `*`), or 'never' when no tag given could name a version of a task.
 */
export function parseIfMatch(header: string | undefined): string | undefined | 'never' {
  if (header === undefined || header.trim() === '*') return undefined;
  const tags = header.split(',').map(unquote).filter(Boolean);
  // Several tags are allowed; a task has one version, so the first valid one decides.
  for (const tag of tags) {
    const parsed = parseInstant(tag);
    if (parsed) return parsed;
  }
  return 'never';
}

/** The reader's locale, for dates in words; en-GB ("Fri 4 Dec", 24-hour clock) when none fits. */
export const DEFAULT_LOCALE = 'en-GB';

/**
 * The best locale an `Accept-Language` header asks for that Intl can format:
 * tags by descending `q` (ties keep the header's order), `*` and `q=0` skipped.
 */
export function localeOf(header: string | undefined | null): string {
  const asked = (header ?? '')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((a) => a.tag && a.tag !== '*' && a.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of asked) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // Not a well-formed BCP 47 tag: try the next one.
    }
  }
  return DEFAULT_LOCALE;
}

// PostgreSQL's text form of a timestamptz (DateStyle ISO): "2026-03-01 17:00:00.123+01",
// with an offset that may carry minutes and seconds, and " BC" for years before 1.
const PG_TIMESTAMPTZ =
  /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?( BC)?$/;

/**
 * The instant a timestamptz names, for every year PostgreSQL can hold. Built
 * field by field with setUTCFullYear: Date.UTC and Date's string parsing both
 * read years 0..99 as 1900..1999 or 2000..2049.
 */
export function parsePgTimestamp(text: string): Date {
  const m = PG_TIMESTAMPTZ.exec(text);
  if (!m) throw new Error(`Unexpected timestamptz from PostgreSQL: ${text}`);
  const [, y, mo, d, h, mi, s, frac = '', sign, oh, om = '0', os = '0', bc] = m;
  const year = bc ? 1 - Number(y) : Number(y);
  const date = new Date(0);
  date.setUTCFullYear(year, Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Math.round(Number(`0${frac || '.0'}`) * 1000));
  const offsetSeconds = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  return new Date(date.getTime() - offsetSeconds * 1000);
}

/** Deterministic generators of hostile input, so a failing case reproduces from its seed. */

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Strings that are valid text but hostile to something downstream: SQL, HTML, terminals, Unicode handling. */
export const HOSTILE_TEXT = [
  "'; DROP TABLE tasks; --",
  "' OR '1'='1",
  '"; DELETE FROM users WHERE "1"="1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '%s%s%s%n',
  '../../../../etc/passwd',
  '\u202egnp.exe',
  'a\u200db\u200cc\ufeff',
  'e\u0301\u0301\u0301',
  '𝕿𝖊𝖘𝖙 🧪👩‍👩‍👧‍👦',
  '\t\n\r line breaks \n inside',
  '\u001b[31mred\u001b[0m',
  'null',
  'undefined',
  '__proto__',
];

/** Values of every JSON type, including ones no field accepts. */
export const WRONG_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  '',
  ' ',
  'x'.repeat(3000),
  '\u0000',
  '\ud800',
  '2026-02-30T10:00:00Z',
  '9999-99-99',
  [],
  [1, 2, 3],
  {},
  { $gt: '' },
  { __proto__: { admin: true } },
];

export function randomJson(rand: () => number, depth = 0): unknown {
  const r = rand();
  if (depth > 3 || r < 0.35) {
    const pick = Math.floor(rand() * 6);
    if (pick === 0) return null;
    if (pick === 1) return rand() < 0.5;
    if (pick === 2) return Math.floor((rand() - 0.5) * 1e6);
    if (pick === 3) return HOSTILE_TEXT[Math.floor(rand() * HOSTILE_TEXT.length)];
    if (pick === 4) return 'z'.repeat(Math.floor(rand() * 3000));
    return String.fromCharCode(...Array.from({ length: 8 }, () => Math.floor(rand() * 0xffff)));
  }
  if (r < 0.65) return Array.from({ length: Math.floor(rand() * 4) }, () => randomJson(rand, depth + 1));
  const keys = ['title', 'description', 'priority', 'due_date', 'completed', 'user_id', 'id', '__proto__', 'constructor', 'x'];
  return Object.fromEntries(
    Array.from({ length: Math.floor(rand() * 5) }, () => [keys[Math.floor(rand() * keys.length)]!, randomJson(rand, depth + 1)]),
  );
}

/** Raw bodies that are not what a JSON parser or a schema expects. */
export const RAW_BODIES = [
  '{',
  '{"title": "x"',
  '{"title": "x",}',
  "{'title': 'x'}",
  '{"title": undefined}',
  '{"title": NaN}',
  'null',
  'true',
  '42',
  '"a string"',
  '[]',
  '[{"title": "x"}]',
  '\u0000',
  '\ufeff{"title": 1}',
  '{"title": "\\ud800"}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`,
  '{"title": 1e999999}',
];

import fc from 'fast-check';

/**
 * Hostile input for the fuzz tests: hand-written tables, and fast-check
 * arbitraries for random JSON. A property run with a fixed seed reproduces
 * exactly, and a failing case shrinks to a small one before it is reported.
 */

/** Strings that are valid text but hostile to something downstream: SQL, HTML, terminals, Unicode handling. */
export const HOSTILE_TEXT = [
  "'; DROP TABLE tasks; --",
  "' OR '1'='1",
  '"; DELETE FROM users WHERE "1"="1',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as plain text
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

/** The task fields and then some: ids, prototype-polluting keys and one that no schema has. */
const TASK_KEYS = ['title', 'description', 'priority', 'due_date', 'completed'];
const KEYS = [...TASK_KEYS, 'user_id', 'id', '__proto__', 'constructor', 'x'];

/** Any UTF-16 code unit: control characters, and lone surrogates that are not valid text. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** A JSON value that is not an array or object: every type, hostile and odd strings among them. */
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -500_000, max: 500_000 }),
  fc.double(),
  fc.constantFrom(...HOSTILE_TEXT),
  fc.nat({ max: 3000 }).map((n) => 'z'.repeat(n)),
  fc.string({ unit: codeUnit, maxLength: 8 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);

/**
 * Random JSON up to four levels deep: leaves, arrays of up to three values,
 * and objects of up to four keys from KEYS, `__proto__` and `constructor`
 * included as own keys (as JSON.parse makes them).
 */
export const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ json: unknown; array: unknown[]; object: object }>(
  (tie) => ({
    json: fc.oneof({ maxDepth: 4, depthIdentifier: 'hostile-json' }, leaf, tie('array'), tie('object')),
    array: fc.array(tie('json'), { maxLength: 3, depthIdentifier: 'hostile-json' }),
    object: fc
      .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), tie('json')), { selector: ([key]) => key, maxLength: 4 })
      .map((entries) => Object.fromEntries(entries)),
  }),
).json;

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

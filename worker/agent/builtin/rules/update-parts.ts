import { extractDue } from '../dates';
import { PRIORITY, priorityOf, unquote } from './lexicon';
import type { Ref } from './ref';
import { apply, pattern, type Rule, type Utterance } from './rule';
import type { UpdateIntent } from './update';

/**
 * A many-part edit of one task: "push the trash to friday at 7pm and make it
 * low priority", "rename X to Y and make it high priority", "move X to friday,
 * urgent". Every part is read; a part that is not understood is named in the
 * reply rather than dropped.
 */

const ANY_PRIORITY = PRIORITY.replace('(', '(?:');

/** Where a later part starts: a verb that edits "it", or a bare priority, date or note. */
const START = pattern(
  String.raw`(?=(?:make|mark|set|change|move|push|postpone|reschedule|rename|retitle|call\s+it|flag|prioriti|deprioriti`,
  String.raw`|bump|lower|raise|give\s+it|add\s+(?:a\s+)?notes?|put\s+it|due\b|it'?s\s+due|it\s+is\s+due|(?:a\s+)?${ANY_PRIORITY}[- ]priority`,
  String.raw`|priority\b|urgent\b|important\b|notes?\s*:|clear\s+(?:the\s+)?(?:due|notes?|deadline)|no\s+due\s+date))`,
);
const SPLIT = new RegExp(
  String.raw`\s*(?:,\s*(?:and\s+)?(?:then\s+)?|;\s*|\s+and\s+(?:also\s+|then\s+)?|\s+then\s+|\s+plus\s+)${START.source}`,
  'i',
);

const BARE_PRIORITY = pattern(
  /^(?:(?:make|set|mark|flag)\s+(?:it\s+)?)?(?:as\s+|to\s+)?(?:a\s+)?/,
  `(?:${PRIORITY}(?:[- ]priority)?|priority\\s*(?:to\\s+|:\\s*)?${PRIORITY})$`,
);
const BARE_DUE = /^(?:(?:it'?s|it\s+is)\s+)?(?:due|to|for|until|by|on)\s+(.+)$/i;

/** A later part with no verb of its own: "high priority", "urgent", "due friday", "call it X". */
function bareChange(text: string, { clock }: Utterance): UpdateIntent['changes'] | null {
  const prio = BARE_PRIORITY.exec(text);
  if (prio) return { priority: priorityOf((prio[1] ?? prio[2])!) };
  if (/^no\s+due\s+date$/i.test(text)) return { due_date: null };
  const due = BARE_DUE.exec(text);
  const when = due ? extractDue(due[1]!, clock) : null;
  if (when && !when.rest.trim()) return { due_date: when.due };
  const note = /^(?:add\s+(?:a\s+)?notes?|notes?)\s*:\s*(.+)$/i.exec(text);
  if (note) return { description: unquote(note[1]!) };
  const named = /^call\s+it\s+(.+)$/i.exec(text);
  return named ? { title: unquote(named[1]!) } : null;
}

const sameTask = (a: Ref, b: Ref) => b.kind === 'it' || JSON.stringify(a) === JSON.stringify(b);

/** The first rule of `rules` that reads `text` as an edit. */
function edit(rules: readonly Rule<UpdateIntent>[], text: string, u: Utterance): UpdateIntent | null {
  for (const rule of rules) {
    const intent = apply(rule, { ...u, text });
    if (intent) return intent;
  }
  return null;
}

export function manyParts(rules: readonly Rule<UpdateIntent>[]): Rule<UpdateIntent> {
  return {
    id: 'update.many-parts',
    intent: 'update',
    match(u) {
      const [head, ...tail] = u.text.split(SPLIT).map((p) => p.trim());
      if (!tail.length) return null;
      const first = edit(rules, head!, u);
      if (!first) return null;
      const skipped: string[] = [];
      let changes = { ...first.changes };
      for (const part of tail) {
        const later = edit(rules, part, u);
        const more = later && sameTask(first.ref, later.ref) ? later.changes : bareChange(part, u);
        if (more) changes = { ...changes, ...more };
        else skipped.push(part);
      }
      return { ...first, changes, ...(skipped.length ? { skipped } : {}) };
    },
    examples: [
      'push the trash to friday at 7pm and make it low priority',
      'rename buy milk to buy oat milk and make it high priority',
      'move the report to friday, urgent',
      'make the report high priority and move it to monday',
    ],
  };
}

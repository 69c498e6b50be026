import type { Priority } from '../../../tasks/types';
import type { ZonedClock } from '../../../lib/time-zone';
import { extractDue } from '../dates';
import { PRIORITY, priorityOf, unquote } from './lexicon';
import { pattern } from './rule';

/** Reading a new task out of free text: "call mom tomorrow at 5pm, high priority, notes: about christmas". */

export interface NewTaskWords {
  title: string;
  priority?: Priority;
  due_date?: string;
  description?: string;
}

const PRIORITY_PHRASES: RegExp[] = [
  new RegExp(`[,;]?\\s*\\b(?:with\\s+|at\\s+)?(?:a\\s+|an\\s+)?${PRIORITY}[- ]priority\\b`, 'i'),
  new RegExp(`[,;]?\\s*\\b(?:with\\s+)?priority\\s*(?:[:=]|of|is|set to)?\\s*${PRIORITY}\\b`, 'i'),
  new RegExp(`[,;]?\\s*\\((?:${PRIORITY})\\)`, 'i'),
  /\s*!(low|medium|high)\b/i,
  /[,;]?\s*\b(urgent(?:ly)?|asap|important)\b/i,
];

/** Pulls "high priority", "priority: low", "urgent" and the like out of an add command. */
function extractPriority(text: string): { priority?: Priority; rest: string } {
  for (const re of PRIORITY_PHRASES) {
    const m = re.exec(text);
    if (!m) continue;
    const word = m[1]!.toLowerCase().replace(/ly$/, '');
    const priority = word === 'asap' ? 'high' : priorityOf(word);
    const rest = `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
    return { priority, rest: rest.replace(/\s+/g, ' ').trim() };
  }
  return { rest: text };
}

// "with notes …" or "notes: …"; "meeting prep notes due thursday" keeps its notes in the title.
const NOTES = pattern(
  String.raw`[,;]?\s*\b(?:with\s+(?:the\s+|a\s+)?(?:description|notes?|details)\s*(?::|=|saying|that says)?`,
  String.raw`|(?:the\s+|a\s+)?(?:description|notes?|details)\s*(?::|=|saying|that says))\s*(.+)$`,
);
const DASHED = /\s+[-–—]{1,2}\s+(.+)$/;

function extractDescription(text: string, clock: ZonedClock): { description?: string; rest: string; due?: string } {
  const notes = NOTES.exec(text);
  const m = notes ?? DASHED.exec(text);
  // With nothing before it, "note the meter reading" is the title itself.
  if (!m || !text.slice(0, m.index).trim()) return { rest: text };
  const rest = text.slice(0, m.index).trim();
  // "book club reading - chapter 5 by thursday": a date after a dash is the task's.
  const due = notes ? null : extractDue(m[1]!, clock);
  if (due?.rest) return { description: unquote(due.rest), rest, due: due.due };
  return { description: unquote(m[1]!), rest };
}

const LEADING_FILLER = pattern(
  /^(?:(?:a|an|the|new|my|another)\s+)?(?:(?:high|low|medium)\s+priority\s+)?/,
  /(?:(?:task|todo|to-do|reminder|item|entry)s?)?\s*(?:(?:to|for|called|named|titled|saying|that says|about)\b|:)?\s*/,
);
/**
 * What a sentence leaves once its date and priority are read off: "…, it was due (yesterday)",
 * "… which is due (friday)", "…, make it (high priority)". Never part of a title.
 */
const TRAILING_CLAUSE = pattern(
  String.raw`(?:[,;]\s*(?:and\s+|but\s+)?(?:it|which|that|this)\b`,
  String.raw`(?:['’]s|\s+(?:is|was|will\s+be|needs?\s+to\s+be|has\s+to\s+be|should\s+be))?`,
  String.raw`|\s+(?:(?:which|that)\s+(?:is|was|will\s+be)|it['’]s|it\s+(?:is|was|will\s+be))`,
  String.raw`|[,;]?\s+(?:and\s+)?(?:make|mark|set|flag)\s+it(?:\s+(?:as|to))?)`,
  /(?:\s+(?:due|needed|done|finished))?(?:\s+(?:by|on|at|for|before))?\s*$/,
);
const TRAILING_FILLER = /(?:[\s,;:.!-]+|\s+(?:and|with|due|by|on|at|for|to|is|it's)$)+$/i;
const TO_MY_LIST = pattern(
  /\s+(?:to|on|onto|in(?:to)?)\s+(?:my|the|our)\s+(?:[a-z-]+\s+)?/,
  /(?:task\s+list|list|tasks?|to-?do(?:\s+list)?|agenda)\b/,
);

const EVERY = pattern(
  /\b(?:every|each)\s+(?:other\s+)?(?:\d+\s+)?/,
  /(?:day|morning|afternoon|evening|night|week|weekday|weekend|month|year|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b/,
);
const EVERY_MARK = 'EVERYTIME';

/** The task `body` describes; null when no title is left once the details are read off. */
export function readNewTask(body: string, clock: ZonedClock): NewTaskWords | null {
  let rest = body.replace(TO_MY_LIST, ' ');
  // A quoted title is taken as written; dates and priorities are read around it.
  const quoted = /["“‘](.+?)["”’]/.exec(rest);
  let title: string | undefined;
  if (quoted) {
    title = quoted[1]!.trim();
    rest = `${rest.slice(0, quoted.index)} ${rest.slice(quoted.index + quoted[0].length)}`;
  }
  const desc = extractDescription(rest, clock);
  rest = desc.rest;
  const prio = extractPriority(rest);
  rest = prio.rest;
  // "every morning" is how often, not when: it stays in the title (tasks do not repeat).
  const every = EVERY.exec(rest);
  if (every) rest = rest.replace(every[0], EVERY_MARK);
  const due = extractDue(rest, clock) ?? (desc.due ? { due: desc.due, rest } : null);
  if (due) rest = due.rest;
  if (every) rest = rest.replace(EVERY_MARK, every[0]);
  title ??= rest.replace(TRAILING_CLAUSE, '').replace(LEADING_FILLER, '').replace(TRAILING_FILLER, '').trim();
  if (!title) return null;
  return {
    title: title.charAt(0).toUpperCase() + title.slice(1),
    ...(prio.priority ? { priority: prio.priority } : {}),
    ...(due ? { due_date: due.due } : {}),
    ...(desc.description ? { description: desc.description } : {}),
  };
}

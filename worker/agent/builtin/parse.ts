import type { Priority } from '../../tasks/types';
import { isUuid } from '../../lib/text';
import type { ZonedClock } from '../../lib/time-zone';
import { extractDue } from './dates';

/** How a message points at a task: by its number in the last listing, its id, "it", or words of its title. */
export type Ref =
  | { kind: 'number'; n: number }
  | { kind: 'id'; id: string }
  | { kind: 'it' }
  | { kind: 'text'; text: string };

/** A named range, or one day (`on`, a due instant on that day in the user's zone). */
export type DueFilter = 'today' | 'tomorrow' | 'overdue' | 'week' | { on: string };

export interface TaskChangesIntent {
  title?: string;
  priority?: Priority;
  due_date?: string | null;
  description?: string | null;
}

export type Intent =
  | { type: 'help' }
  | { type: 'greet' }
  | { type: 'thanks' }
  | { type: 'add'; title: string; priority?: Priority; due_date?: string; description?: string }
  | { type: 'list'; completed?: boolean; priority?: Priority; due?: DueFilter; query?: string }
  | { type: 'show'; ref: Ref }
  | { type: 'complete'; ref: Ref; completed: boolean }
  | { type: 'delete'; ref: Ref }
  | { type: 'update'; ref: Ref; changes: TaskChangesIntent }
  | { type: 'select'; n: number }
  | { type: 'clear_completed' }
  | { type: 'complete_all' }
  | { type: 'undo' }
  | { type: 'unknown'; reason?: string };

/** Intents that act on one task and can wait for the user to say which. */
export type TaskIntent = Extract<Intent, { ref: Ref }>;

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10, last: -1,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5,
};
const ORDINAL = '(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|4th|5th)';
const PRIORITY_WORDS: Record<string, Priority> = {
  low: 'low', medium: 'medium', normal: 'medium', high: 'high', urgent: 'high', important: 'high', top: 'high',
};
const PRIORITY = '(low|medium|normal|high|urgent|important|top)';

const unquote = (s: string) => s.trim().replace(/^["“”'‘’`]+|["“”'‘’`]+$/g, '').trim();

/** "2", "#2", "task 2", "the second one", "it", an id, or title words. */
export function toRef(raw: string): Ref {
  const text = unquote(raw).replace(/[.!?]+$/, '').trim();
  const num = /^(?:(?:task|item|todo|number|no\.?)\s*)?#?\s*(\d{1,3})$/i.exec(text);
  if (num) return { kind: 'number', n: Number(num[1]) };
  const ord = new RegExp(`^(?:the\\s+)?${ORDINAL}(?:\\s+(?:one|task|item))?$`, 'i').exec(text);
  if (ord) return { kind: 'number', n: ORDINALS[ord[1]!.toLowerCase()]! };
  if (isUuid(text)) return { kind: 'id', id: text.toLowerCase() };
  if (/^(?:it|that|this|that one|this one|that task|this task|the task)$/i.test(text)) return { kind: 'it' };
  const words = text
    .replace(/^(?:the|my|a)\s+/i, '')
    .replace(/^(?:task|todo|to-do|item)\s+(?:called|named|titled|about)?\s*/i, '')
    .replace(/\s+(?:task|todo|to-do|item|one)$/i, '');
  return { kind: 'text', text: unquote(words) || text };
}

/** Takes a leading polite or filler phrase off, so "could you please add x" reads as "add x". */
function normalise(message: string): string {
  let s = message.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) {
    s = s
      .replace(/^(?:hey|hi|ok(?:ay)?|so|and|also|now|then|oh|actually|wait|um+|uh+|hmm+|oops|sorry|alright)[,!]?\s+(?=\S+\s)/i, '')
      .replace(/^(?:please|pls|plz|kindly)[,]?\s+/i, '')
      .replace(/^(?:can|could|would|will)\s+you\s+(?:please\s+)?/i, '')
      .replace(/^i(?:'d| would)\s+like\s+(?:you\s+)?to\s+/i, '')
      .replace(/^(?:i\s+want\s+(?:you\s+)?to|let's|lets)\s+(?=(?:add|create|delete|remove|complete|finish|mark|rename|move|list|show)\b)/i, '');
  }
  return s
    .replace(/[\s,]+(?:please|pls|thanks|thank you)[.!?\s]*$/i, '')
    .replace(/[.!?\s]+$/, '')
    .trim();
}

const priorityOf = (word: string) => PRIORITY_WORDS[word.toLowerCase()]!;

/** Pulls "high priority", "priority: low", "urgent" and the like out of an add command. */
function extractPriority(text: string): { priority?: Priority; rest: string } {
  const rules: RegExp[] = [
    new RegExp(`[,;]?\\s*\\b(?:with\\s+|at\\s+)?(?:a\\s+|an\\s+)?${PRIORITY}[- ]priority\\b`, 'i'),
    new RegExp(`[,;]?\\s*\\b(?:with\\s+)?priority\\s*(?:[:=]|of|is|set to)?\\s*${PRIORITY}\\b`, 'i'),
    new RegExp(`[,;]?\\s*\\((?:${PRIORITY})\\)`, 'i'),
    new RegExp(`\\s*!(low|medium|high)\\b`, 'i'),
    /[,;]?\s*\b(urgent(?:ly)?|asap|important)\b/i,
  ];
  for (const re of rules) {
    const m = re.exec(text);
    if (!m) continue;
    const word = m[1]!.toLowerCase().replace(/ly$/, '');
    const priority = word === 'asap' ? 'high' : priorityOf(word);
    return { priority, rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`.replace(/\s+/g, ' ').trim() };
  }
  return { rest: text };
}

function extractDescription(text: string): { description?: string; rest: string } {
  const m = /[,;]?\s*\b(?:with\s+)?(?:the\s+|a\s+)?(?:description|notes?|details)\s*(?::|=|saying|that says)?\s+(.+)$/i.exec(text)
    ?? /\s+[-–—]{1,2}\s+(.+)$/.exec(text);
  // With nothing before it, "note the meter reading" is the title itself.
  if (!m || !text.slice(0, m.index).trim()) return { rest: text };
  return { description: unquote(m[1]!), rest: text.slice(0, m.index).trim() };
}

const LEADING_FILLER =
  /^(?:(?:a|an|the|new|my|another)\s+)?(?:(?:high|low|medium)\s+priority\s+)?(?:(?:task|todo|to-do|reminder|item|entry)s?)?\s*(?:(?:to|for|called|named|titled|saying|that says|about)\b|:)?\s*/i;
const TRAILING_FILLER = /(?:[\s,;:.!-]+|\s+(?:and|with|due|by|on|at|for|to|is|it's)$)+$/i;
const TO_MY_LIST = /\s+(?:to|on|onto|in(?:to)?)\s+(?:my|the)\s+(?:task\s+list|list|tasks?|to-?do(?:\s+list)?|agenda)\b/i;

function parseAdd(body: string, clock: ZonedClock): Intent {
  let rest = body.replace(TO_MY_LIST, ' ');
  // A quoted title is taken as written; dates and priorities are read around it.
  const quoted = /["“‘](.+?)["”’]/.exec(rest);
  let title: string | undefined;
  if (quoted) {
    title = quoted[1]!.trim();
    rest = `${rest.slice(0, quoted.index)} ${rest.slice(quoted.index + quoted[0].length)}`;
  }
  const desc = extractDescription(rest);
  rest = desc.rest;
  const prio = extractPriority(rest);
  rest = prio.rest;
  const due = extractDue(rest, clock);
  if (due) rest = due.rest;
  title ??= rest.replace(LEADING_FILLER, '').replace(TRAILING_FILLER, '').trim();
  if (!title) return { type: 'unknown', reason: 'no_title' };
  return {
    type: 'add',
    title: title.charAt(0).toUpperCase() + title.slice(1),
    ...(prio.priority ? { priority: prio.priority } : {}),
    ...(due ? { due_date: due.due } : {}),
    ...(desc.description ? { description: desc.description } : {}),
  };
}

const LIST_VERB = /\b(?:list|show|display|see|view|give|tell|what|what's|whats|which|any|do i have|have i got|read|check)\b/i;
const LIST_NOUN =
  /\b(?:tasks?|todos?|to-?dos?|to do|list|agenda|plan|schedule|plate|everything|all|anything|overdue|due|pending|completed|done|finished|open|remaining|outstanding|left|priority|urgent|important)\b/i;

function parseList(text: string, clock: ZonedClock): Intent | null {
  const lower = text.toLowerCase();
  const asksList =
    /^(?:tasks|my tasks|todo|to-?do|list|agenda|overdue|pending|completed|done)\??$/i.test(text) ||
    /^(?:is|are)\s+(?:there\s+)?(?:anything|any(?:\s+tasks?)?|something)\s+(?:overdue|late|due|left|pending|open)\b/i.test(text) ||
    new RegExp(`^(?:(?:all|my|the)\\s+)?(?:${PRIORITY}[- ]priority|overdue|pending|open|completed|done|finished|urgent|important)\\s+(?:tasks|todos|items)\\b`, 'i').test(text) ||
    /^(?:tasks|todos|items)\s+(?:due|for)\b/i.test(text) ||
    /^what\s+(?:did|have)\s+i\s+(?:finish|finished|complete|completed|done|do|get\s+done|checked\s+off)\b/i.test(text) ||
    /^(?:what(?:'s|\s+is)?\s+(?:do\s+i\s+have|have\s+i\s+got|(?:up\s+)?next|on\s+(?:my|the)\s+\w+)|what\s+(?:else\s+)?(?:do\s+i\s+)?(?:need|have)\s+to\s+do|anything\s+(?:due|left|pending|open))\b/i.test(text) ||
    (LIST_VERB.test(lower) && LIST_NOUN.test(lower));
  if (!asksList) return null;
  const intent: Extract<Intent, { type: 'list' }> = { type: 'list' };
  if (/\b(?:not (?:yet )?(?:done|completed|finished)|undone|unfinished|incomplete|pending|open|remaining|outstanding|left|to do|todo)\b/i.test(lower)) {
    intent.completed = false;
  } else if (/\b(?:completed|done|finished|checked off|ticked off)\b/i.test(lower) || /^what\s+(?:did|have)\s+i\b/.test(lower)) {
    intent.completed = true;
  }
  const prio = new RegExp(`\\b${PRIORITY}(?:[- ]priority)?\\b`, 'i').exec(lower);
  if (prio && /priority|urgent|important/i.test(lower)) intent.priority = priorityOf(prio[1]!);
  if (/\b(?:overdue|late|past due|missed)\b/.test(lower)) intent.due = 'overdue';
  else if (/\btomorrow\b/.test(lower)) intent.due = 'tomorrow';
  else if (/\b(?:today|tonight)\b/.test(lower)) intent.due = 'today';
  else if (/\bthis week\b/.test(lower)) intent.due = 'week';
  else if (/\bdue\b|\b(?:on|for)\s+\w/.test(lower)) {
    // "what's due on friday?", "tasks for dec 5": one day.
    const day = extractDue(text, clock);
    if (day) intent.due = { on: day.due };
  }
  const about = /\b(?:about|containing|mentioning|matching|with the word|called|named)\s+(.+)$/i.exec(text);
  if (about) intent.query = unquote(about[1]!);
  return intent;
}

type Rule = [RegExp, (m: RegExpExecArray, clock: ZonedClock) => Intent | null];

/**
 * Commands that start with their verb, tried in order; the first rule whose
 * pattern matches and whose builder returns an intent wins.
 */
const COMMANDS: Rule[] = [
  [/^(?:help|\?|commands|what can you do|how does (?:this|it) work|what do you do)\??$/i, () => ({ type: 'help' })],
  [/^(?:hi|hello|hey|yo|hiya|howdy|good (?:morning|afternoon|evening))$/i, () => ({ type: 'greet' })],
  [/^(?:thanks?|thank you|thx|ty|cheers|great|perfect|cool|nice|ok|okay|got it)$/i, () => ({ type: 'thanks' })],
  [
    new RegExp(`^(?:(?:the\\s+)?(?:number|no\\.?|task|item)\\s*)?#?\\s*(\\d{1,3})$|^(?:the\\s+)?${ORDINAL}(?:\\s+(?:one|task|item))?$`, 'i'),
    (m) => ({ type: 'select', n: m[1] ? Number(m[1]) : ORDINALS[m[2]!.toLowerCase()]! }),
  ],
  // Before "cancel x" (delete) and "undo x" (reopen): "cancel that" after a change means take it back.
  [
    /^(?:undo|undo\s+(?:that|it|this|the\s+last\s+(?:change|one|action))|revert(?:\s+(?:that|it))?|take\s+(?:that|it)\s+back|cancel\s+that|oops(?:,?\s+undo(?:\s+that)?)?)$/i,
    () => ({ type: 'undo' }),
  ],
  [/^(?:search|find|look)\s+(?:for\s+|up\s+)?(?:tasks?\s+)?(?:about\s+|with\s+)?(.+)$/i, (m) => ({ type: 'list', query: unquote(m[1]!) })],

  // Rename.
  [/^(?:rename|retitle|re-title)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i, (m) => update(m[1]!, { title: unquote(m[2]!) })],
  [/^change\s+(?:the\s+)?(?:title|name)\s+of\s+(.+?)\s+to\s+(.+)$/i, (m) => update(m[1]!, { title: unquote(m[2]!) })],

  // Priority.
  [
    new RegExp(`^(?:set|change|make|mark|update)\\s+(?:the\\s+)?priority\\s+(?:of|for|on)\\s+(.+?)\\s+(?:to|as)\\s+${PRIORITY}$`, 'i'),
    (m) => update(m[1]!, { priority: priorityOf(m[2]!) }),
  ],
  [
    new RegExp(`^(?:set|change|make|mark|flag)\\s+(.+?)\\s+(?:as\\s+|to\\s+)?(?:a\\s+)?${PRIORITY}(?:[- ]priority)?$`, 'i'),
    (m) => update(m[1]!, { priority: priorityOf(m[2]!) }),
  ],
  [/^(?:prioriti[sz]e|bump up|raise the priority of|increase the priority of)\s+(.+)$/i, (m) => update(m[1]!, { priority: 'high' })],
  [/^(?:deprioriti[sz]e|lower the priority of|decrease the priority of)\s+(.+)$/i, (m) => update(m[1]!, { priority: 'low' })],

  // Due dates.
  [
    /^(?:clear|remove|delete|drop|unset)\s+(?:the\s+)?(?:due\s+date|deadline|due)\s+(?:of|from|for|on)\s+(.+)$/i,
    (m) => update(m[1]!, { due_date: null }),
  ],
  [
    /^(?:move|reschedule|postpone|push(?:\s+back)?|defer|delay|change\s+the\s+due\s+date\s+of|(?:set|change|update)\s+(?:the\s+)?(?:due\s+date|deadline)\s+(?:of|for|on))\s+(.+?)\s+((?:to|until|till|for|by|on)\s+.+)$/i,
    (m, clock) => dueUpdate(m[1]!, m[2]!, clock),
  ],

  // "change the dentist to next monday": a date means a new due date; "change x to done" completes it;
  // any other "change x to y" renames.
  [/^(?:change|update|set|switch)\s+(.+?)\s+((?:to|for)\s+.+)$/i, (m, clock) => dueUpdate(m[1]!, m[2]!, clock)],
  [/^change\s+(.+?)\s+to\s+(?:done|complete|completed|finished)$/i, (m) => act('complete', m[1]!, true)],
  [/^change\s+(.+?)\s+(?:to|into)\s+(.+)$/i, (m) => update(m[1]!, { title: unquote(m[2]!) })],

  // Descriptions.
  [
    /^(?:clear|remove|delete)\s+(?:the\s+)?(?:notes?|description|details)\s+(?:of|from|for|on)\s+(.+)$/i,
    (m) => update(m[1]!, { description: null }),
  ],
  [
    /^(?:add|set|change|update|put)\s+(?:a\s+|the\s+)?(?:notes?|description|details)\s+(?:to|on|for|of)\s+(.+?)(?:\s*:\s*|\s+(?:to|saying|that says|as)\s+)(.+)$/i,
    (m) => update(m[1]!, { description: unquote(m[2]!) }),
  ],
  [/^describe\s+(.+?)\s+as\s+(.+)$/i, (m) => update(m[1]!, { description: unquote(m[2]!) })],

  // Everything open, done at once (and "undo" takes it back).
  [
    /^(?:mark|check\s+off|tick\s+off|complete|finish)\s+(?:all|every(?:thing)?|all\s+(?:of\s+)?(?:my\s+|the\s+)?(?:tasks?|todos?|items?))(?:\s+(?:as\s+)?(?:done|complete|completed|finished))?$/i,
    () => ({ type: 'complete_all' }),
  ],

  // Reopen before complete: "mark x as not done" must not read as "done".
  [/^(?:reopen|re-open|uncomplete|uncheck|untick|unfinish|undo|restore)\s+(.+)$/i, (m) => act('complete', m[1]!, false)],
  [
    /^mark\s+(.+?)\s+(?:as\s+)?(?:not\s+(?:yet\s+)?(?:done|complete|completed|finished)|undone|incomplete|unfinished|pending|open|to\s*do|todo)$/i,
    (m) => act('complete', m[1]!, false),
  ],

  // Complete.
  [/^mark\s+(.+?)\s+(?:as\s+)?(?:done|complete|completed|finished|checked)$/i, (m) => act('complete', m[1]!, true)],
  [/^(?:check|tick|cross)\s+(.+?)\s+off$/i, (m) => act('complete', m[1]!, true)],
  [
    /^(?:complete|finish|finished|completed|done(?:\s+with)?|i(?:'ve|\s+have)?\s+(?:done|finished|completed)|i\s+did|check\s+off|tick\s+off|cross\s+off|close|mark\s+off)[:\s]+(.+)$/i,
    (m) => act('complete', m[1]!, true),
  ],

  // Clearing every completed task, before "delete x" would look for a task called "completed".
  [
    /^(?:clear|delete|remove|purge|clean\s+up|get\s+rid\s+of)\s+(?:out\s+)?(?:all\s+(?:of\s+)?)?(?:the\s+|my\s+)?(?:completed|done|finished|checked(?:\s+off)?|ticked(?:\s+off)?)(?:\s+(?:tasks?|items?|todos?|ones))?$/i,
    () => ({ type: 'clear_completed' }),
  ],

  // Everything at once is one sentence too easy to type by mistake.
  [
    /^(?:delete|remove|clear|erase|wipe|purge|get\s+rid\s+of)\s+(?:out\s+)?(?:all|every(?:thing)?|the\s+whole\s+list)(?:\s+(?:of\s+)?(?:my\s+|the\s+)?(?:tasks?|todos?|items?|list))?$/i,
    () => ({ type: 'unknown', reason: 'delete_all' }),
  ],

  // Delete.
  [/^(?:delete|remove|cancel|drop|erase|trash|scrap|get\s+rid\s+of|forget(?:\s+about)?)\s+(.+)$/i, (m) => act('delete', m[1]!)],

  // Add.
  [
    /^(?:add|create|new|make|put|schedule|set\s+up|remind\s+me(?:\s+to)?|remember\s+to|i\s+(?:need|have|must|should|gotta|got)\s+to|need\s+to|don'?t\s+forget\s+to|todo|to-do|task)(?:\s*:\s*|\s+)(.+)$/i,
    (m, clock) => parseAdd(m[1]!, clock),
  ],
];

/**
 * Statements about a task ("the report is done"), tried only after listing
 * questions, so "what is due today?" lists instead of rescheduling "what".
 */
const STATEMENTS: Rule[] = [
  [new RegExp(`^(.+?)\\s+(?:is|should be)\\s+(?:a\\s+)?${PRIORITY}[- ]priority$`, 'i'), (m) => update(m[1]!, { priority: priorityOf(m[2]!) })],
  [/^(.+?)\s+(?:has|have|needs)\s+no\s+(?:due\s+date|deadline)$/i, (m) => update(m[1]!, { due_date: null })],
  [/^(.+?)\s+is\s+(?:now\s+)?due\s+(.+)$/i, (m, clock) => dueUpdate(m[1]!, m[2]!, clock)],
  [/^(.+?)\s+(?:is|was|isn't|wasn't)\s+not\s+(?:done|finished|complete|completed)(?:\s+yet)?$/i, (m) => act('complete', m[1]!, false)],
  [/^(.+?)\s+(?:is|are|was)\s+(?:done|complete|completed|finished)$/i, (m) => act('complete', m[1]!, true)],
];

function update(ref: string, changes: TaskChangesIntent): Intent {
  return { type: 'update', ref: toRef(ref), changes };
}

function dueUpdate(ref: string, when: string, clock: ZonedClock): Intent | null {
  if (/^(?:to\s+)?(?:no|none|never|nothing)(?:\s+due\s+date)?$/i.test(when.trim())) return update(ref, { due_date: null });
  const due = extractDue(when, clock);
  return due ? update(ref, { due_date: due.due }) : null;
}

function act(type: 'complete' | 'delete', ref: string, completed = true): Intent {
  return type === 'complete' ? { type, ref: toRef(ref), completed } : { type, ref: toRef(ref) };
}

function firstMatch(rules: Rule[], text: string, clock: ZonedClock): Intent | null {
  for (const [re, build] of rules) {
    const m = re.exec(text);
    if (!m) continue;
    const intent = build(m, clock);
    if (intent) return intent;
  }
  return null;
}

export function parse(message: string, clock: ZonedClock): Intent {
  const text = normalise(message);
  if (!text) return { type: 'unknown' };
  const intent = firstMatch(COMMANDS, text, clock) ?? parseList(text, clock) ?? firstMatch(STATEMENTS, text, clock);
  if (intent) return intent;
  const show =
    /^(?:show|open|view|details?\s+(?:of|for|on)|tell\s+me\s+about|what(?:'s|\s+is)\s+(?:in|on)?)\s+(?:me\s+)?(.+)$/i.exec(text) ??
    /^(?:when|what\s+time)\s+(?:is|was|'s)\s+(.+?)(?:\s+due)?$/i.exec(text) ??
    /^when(?:'s|\s+is)\s+(.+?)(?:\s+due)?$/i.exec(text);
  if (show) return { type: 'show', ref: toRef(show[1]!) };
  return implicitAdd(message, text, clock) ?? { type: 'unknown' };
}

const QUESTION = /^(?:what|when|where|who|why|how|which|is|are|am|do|does|did|can|could|should|would|will|shall|may|tell|show)\b/i;

/**
 * "buy groceries tomorrow, high priority": no verb, but a due date or a
 * priority only makes sense for a task, so it is one. Questions never are.
 */
function implicitAdd(message: string, text: string, clock: ZonedClock): Intent | null {
  if (/\?\s*$/.test(message) || QUESTION.test(text)) return null;
  const intent = parseAdd(text, clock);
  return intent.type === 'add' && (intent.priority || intent.due_date) ? intent : null;
}

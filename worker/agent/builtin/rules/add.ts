import { z } from 'zod';
import { PRIORITIES } from '../../../tasks/types';
import type { ZonedClock } from '../../../lib/time-zone';
import { readNewTask } from './add-details';
import { readNewTasks, VERBS } from './add-list';
import { baseForm } from './lexicon';
import type { UnknownIntent } from './conversation';
import { pattern, type Rule } from './rule';

/** Adding a task, by command ("add x") or by a bare phrase that can only be a task ("x tomorrow, urgent"). */
const NewTask = z.object({
  title: z.string(),
  priority: z.enum(PRIORITIES).optional(),
  due_date: z.string().optional(),
  description: z.string().optional(),
});
export const intents = [
  NewTask.extend({ type: z.literal('add') }),
  // Several tasks from one message: "add milk, eggs and bread".
  z.object({ type: z.literal('add_many'), tasks: z.array(NewTask) }),
] as const;
export type AddIntent = z.infer<(typeof intents)[number]>;

/** One task or several, as the words list them; null when none has a title. */
function adding(body: string, clock: ZonedClock, lines?: string[]): AddIntent | null {
  const tasks = readNewTasks(body, clock, lines);
  if (tasks.length > 1) return { type: 'add_many', tasks };
  return tasks[0] ? { type: 'add', ...tasks[0] } : null;
}

const VERB = pattern(
  String.raw`^(?:(?:new\s+)?(?:task|todo|to-do|reminder)|add|create|new|make|put|schedule|set\s+up`,
  String.raw`|remind\s+me(?:\s+to|\s+2|\s+about|\s+of)?|remember\s+to`,
  String.raw`|(?:(?:i\s+)?(?:really\s+|still\s+|also\s+)?(?:gotta|must)|i\s+(?:really\s+|still\s+|also\s+)?should)`,
  String.raw`(?:\s+(?:really|definitely|probably|maybe|just|actually|also|still|seriously))*`,
  String.raw`|i\s+(?:still\s+|really\s+|also\s+)?(?:need|have|must|should|got|ought)\s+to|need\s+to|have\s+to|got\s+to`,
  String.raw`|i(?:'ve|\s+have)\s+got\s+to|(?:i'm|i\s+am)\s+supposed\s+to|note\s+to\s+self|(?:jot|write|put|note)\s+down|(?:(?:i|we)\s+)?need(?!\s+(?:to|help)\b))`,
  /(?:\s*:\s*|\s+[-–—]\s+|\s+)(.+)$/,
);

const NARRATIVE = pattern(
  String.raw`^(?:(?:i\s+)?(?:totally\s+|completely\s+|just\s+|almost\s+)?forgot\s+(?:to\s+|about\s+)?`,
  String.raw`|(?:i\s+)?(?:need|have|want|got|must)\s+to\s+remember\s+(?:to\s+)?`,
  String.raw`|(?:please\s+)?(?:remember|don'?t\s+forget|do\s+not\s+forget|never\s+forget)\s+(?:to\s+|about\s+|that\s+)?`,
  String.raw`|(?:i\s+)?keep\s+forgetting\s+(?:to\s+|about\s+)?`,
  String.raw`|(?:don'?t|do\s+not)\s+let\s+me\s+forget\s+(?:to\s+|about\s+)?|make\s+sure\s+(?:that\s+)?(?:i\s+|to\s+)?`,
  String.raw`|(?:i\s+was|i'm|i\s+am|we're|we\s+are)\s+(?:supposed|meant|going)\s+to\s+|we\s+(?:need|have|must|should)\s+to\s+`,
  String.raw`|it'?s\s+time\s+to\s+|(?:i'd|i\s+would)\s+like\s+to\s+|i\s+want\s+to\s+)(.+)$`,
);

/** A list's bullet or number: "- milk", "* eggs", "1. bread", "[ ] call mom". */
const BULLET = /^(?:[-*•·+]|\d{1,2}[.)]|\[\s?\])\s*/;

/** What the first line of a list adds: its task, nothing for a header ("add these:", "groceries:"), null if not a list. */
function firstLine(line: string): string | null {
  if (/^[^:]{1,40}:$/.test(line) && line.split(/\s+/).length <= 4) return '';
  const verb = VERB.exec(line);
  if (verb) return verb[1]!.replace(/^(?:these|the following|following|some tasks?|tasks?)?\s*:?\s*$/i, '');
  return /^(?:add|todo|to-?do|tasks?)$/i.test(line) ? '' : null;
}

export const commands: Rule<AddIntent | UnknownIntent>[] = [
  // One task per line, under "add these:" or "add" or a first task on the first line.
  {
    id: 'add.lines',
    intent: 'add_many',
    match({ message, clock }) {
      const raw = message.split(/\r?\n/).filter((l) => l.trim());
      const lines = raw.map((l) => l.trim().replace(BULLET, '').trim()).filter(Boolean);
      if (lines.length < 2) return null;
      // A list of bullets is tasks whatever its first line says.
      const bulleted = raw.every((l) => BULLET.test(l.trim()));
      const first = firstLine(lines[0]!) ?? (bulleted ? lines[0]! : null);
      if (first === null) return null;
      const items = [first, ...lines.slice(1).map((l) => VERB.exec(l)?.[1] ?? l)];
      return adding('', clock, items.filter(Boolean));
    },
    examples: ['add these:\n- milk\n- eggs\n- bread', 'todo:\ncall the plumber\nemail the landlord', '- milk\n- eggs'],
  },
  // A sentence about something to do: "I forgot to submit the expense report, it was due yesterday".
  {
    id: 'add.narrative',
    intent: 'add',
    pattern: NARRATIVE,
    build: (m, { clock }) => (/^(?:what|where|when|which|who|why|how|if)\b/i.test(m[1]!) ? null : adding(m[1]!, clock)),
    examples: [
      'I forgot to submit the expense report, it was due yesterday',
      'I need to remember to call mom on sunday',
      "don't let me forget the dentist at 3pm tomorrow",
      "don't forget to water the plants",
      'make sure I send the invoice by friday',
      'I was supposed to renew my passport last week',
    ],
  },
  // Before one task: "add milk, eggs and bread" is three.
  {
    id: 'add.many',
    intent: 'add_many',
    pattern: VERB,
    build(m, { clock }) {
      const tasks = readNewTasks(m[1]!, clock);
      return tasks.length > 1 ? { type: 'add_many', tasks } : null;
    },
    examples: [
      'add milk, eggs and bread',
      'add call the plumber and email the landlord',
      'add pay rent and also book the vet for friday',
      'add these: call mom, email Sam, water the plants',
    ],
  },
  {
    id: 'add.verb',
    intent: 'add',
    pattern: VERB,
    build(m, { clock }) {
      const task = readNewTasks(m[1]!, clock)[0];
      return task ? { type: 'add', ...task } : { type: 'unknown', reason: 'no_title' };
    },
    examples: ['Add milk', 'remind me to call the bank in 2 days', 'new task: renew passport by dec 5, urgent'],
  },
  // "I still haven't returned the library books": what is not done yet is a task, in its base form.
  {
    id: 'add.not-yet',
    intent: 'add',
    pattern:
      /^i\s+(?:still\s+)?(?:haven't|have\s+not|didn't|did\s+not|never)\s+(?:yet\s+|actually\s+)?(.+?)(?:\s+yet)?$/i,
    build(m, { clock }) {
      const [verb, ...rest] = m[1]!.split(' ');
      return adding([baseForm(verb!), ...rest].join(' '), clock);
    },
    examples: ["I still haven't returned the library books", "i didn't call the bank yet"],
  },
  // "I have a dentist appointment tomorrow at 3": an event is a task only with its date.
  {
    id: 'add.event',
    intent: 'add',
    pattern: /^(?:i\s+have|i've\s+got|(?:i\s+)?(?:have\s+)?got|there's|there\s+is)\s+(?:a|an|my|the|this)\s+(.+)$/i,
    build(m, { clock }) {
      const task = readNewTask(m[1]!, clock);
      return task?.due_date ? { type: 'add', ...task } : null;
    },
    examples: ['I have a dentist appointment tomorrow at 3', "there's a team lunch on friday at noon"],
  },
];

const QUESTION = pattern(
  '^(?:what|when|where|who|why|how|which|is|are|am|do|does|did',
  String.raw`|can|could|should|would|will|shall|may|tell|show)\b`,
);

/** Last of all: what nothing else understood may still be a task. */
export const implicit: Rule<AddIntent>[] = [
  // "buy groceries tomorrow, high priority": no verb, but a due date or a priority only makes sense
  // for a task, so it is one. Questions never are.
  {
    id: 'add.bare',
    intent: 'add',
    match({ text, message, clock }) {
      if (/\?\s*$/.test(message) || QUESTION.test(text)) return null;
      const tasks = readNewTasks(text, clock);
      return tasks.some((t) => t.priority || t.due_date) ? adding(text, clock) : null;
    },
    examples: [
      'buy groceries tomorrow, high priority',
      'Renew car insurance, urgent',
      'dentist appointment thursday at 2pm',
    ],
  },
  // "text jenny back", "call mom and email dad": a to-do assistant told to do something is told of a task.
  {
    id: 'add.imperative',
    intent: 'add',
    match({ text, message, clock }) {
      const [verb, next] = text.toLowerCase().split(' ');
      if (/\?\s*$/.test(message) || QUESTION.test(text) || !next || ['me', 'us', 'you', 'ya', 'u'].includes(next))
        return null;
      // "1) call bank 2) email hr": a numbered list is tasks whatever its first word.
      return VERBS.has(verb!) || /^1[.)]\s/.test(text) ? adding(text, clock) : null;
    },
    examples: ['text jenny back', 'email boss re: vacation days', 'walk the dog'],
  },
];

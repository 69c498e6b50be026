import type { ZonedClock } from '../../../lib/time-zone';
import { type NewTaskWords, readNewTask } from './add-details';

/**
 * Several tasks in one message: "milk, eggs and bread", "call the plumber and
 * email the landlord", "X and also Y", a list after a colon, one per line.
 *
 * The rule, so that "research and development report" stays one task:
 * - ";", "and also", "and then", ", also", ", then" and line breaks always separate tasks;
 * - after a header with a colon ("add these:", "tasks:") every comma and "and" separates;
 * - otherwise a list ("A, B and C", "A and B", "A, B") is split when every part starts with a
 *   verb ("call the plumber and email the landlord"), or when every part is a short noun
 *   (up to three words with commas, one word around a lone "and": "milk and eggs");
 * - a mixed list is one task whose verb takes the list: "buy milk, eggs and bread", "call mom and dad";
 * - a part with no title of its own ("high priority", "due friday", "it was due yesterday",
 *   "make it urgent") belongs to the task before it.
 * Each task keeps its own date and priority words; in a noun list, the last part's date and
 * priority go to every task when no other part has any ("milk, eggs and bread tomorrow").
 */

/** Verbs a to-do starts with. A part that starts with one is a task of its own. */
export const VERBS = new Set(
  (
    'add answer apply arrange ask attend back bake book bring buy call cancel change charge check choose clean ' +
    'clear collect confirm contact cook copy create cut deliver deposit do download drop email empty fax feed fetch ' +
    'file fill find finish fix follow get give go grab hang help hire install invite iron join learn leave make ' +
    'meet message mop move mow order organise organize pack paint pay phone pick plan plant post prepare print ' +
    'put read rebook record refill register remind renew repair reply request reschedule reserve return review ' +
    'ring run schedule see sell send set sign sort start study submit take talk tell text tidy tidy-up top train ' +
    'update upload vacuum visit wash watch water wipe wrap write walk drink eat sweep scrub dust shop vote ' +
    'exercise jog practice practise rsvp ship mail scan shred research recycle unpack load unload declutter fold ' +
    'hoover polish replace host celebrate prep finalise finalize draft edit proofread test deploy debug refactor ' +
    'merge invoice transfer withdraw donate volunteer cancel dry defrost hand log backup measure borrow lend ' +
    'apologise apologize thank congratulate wish greet visit phone skype zoom facetime chase nudge remind'
  ).split(' '),
);

const ALWAYS = /\s*;\s*|\s*,?\s+and\s+(?:also|then)\s+|\s*,\s*(?:also|then|plus)\s+/i;
const LIST = /\s*,\s*(?:and\s+|&\s*)?|\s+(?:and|&|\+)\s+/i;
const HEADER = new RegExp(
  String.raw`^(?:(?:a\s+(?:few|couple(?:\s+of)?)|some|these|the\s+following|following|several|\d+|two|three|four|five|new|more)\b\s*)*` +
    '(?:tasks?|items?|things?|todos?|to-?dos?|reminders?)?' +
    String.raw`(?:\s+(?:to|on|for|in|onto)\s+(?:my|the)\s+(?:list|tasks?|to-?do(?:\s+list)?))?\s*:\s*`,
  'i',
);
/** "make it urgent", "mark it high priority": a detail of the task before. */
const ABOUT_IT = /^(?:and\s+)?(?:make|mark|set|flag)\s+it\b/i;

const firstWord = (s: string) => /^[\p{L}'-]+/u.exec(s)?.[0]?.toLowerCase() ?? '';
const wordCount = (s: string) => s.split(/\s+/).filter(Boolean).length;

/** Parts with no title of their own joined back onto the part before them. */
function joinDetails(parts: string[], clock: ZonedClock): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const detail = ABOUT_IT.test(part) || !readNewTask(part, clock);
    if (detail && out.length) out[out.length - 1] += `, ${part}`;
    else out.push(part);
  }
  return out;
}

/** Noun parts after a verb-led first part take its verb: "buy milk tomorrow and eggs on friday". */
function withVerb(parts: string[], titles: string[]): string[] {
  const verb = VERBS.has(firstWord(titles[0]!)) ? firstWord(titles[0]!) : '';
  return parts.map((p, i) => (i && verb && !VERBS.has(firstWord(titles[i]!)) ? `${verb} ${p}` : p));
}

/** One clause split by commas and "and", when the rule above says it is a list. */
function splitList(clause: string, listed: boolean, clock: ZonedClock): string[] {
  const parts = joinDetails(clause.split(LIST).filter(Boolean), clock);
  if (parts.length < 2 || listed) return parts;
  const titles = parts.map((p) => readNewTask(p, clock)?.title ?? p);
  if (titles.every((t) => VERBS.has(firstWord(t)))) return parts;
  // "buy milk tomorrow and eggs on friday": each part has its own date, so each is a task, with the verb.
  if (parts.every((p) => readNewTask(p, clock)?.due_date)) return withVerb(parts, titles);
  if (titles.some((t) => VERBS.has(firstWord(t)))) return [clause];
  const counts = titles.map(wordCount);
  if (/,/.test(clause)) return counts.every((n) => n <= 3) ? parts : [clause];
  // Around a lone "and": "milk and eggs", "grocery run and pharmacy pickup", but one word before a longer
  // name shares its noun: "research and development report", "terms and conditions review".
  return counts.every((n) => n === 1) || counts.every((n) => n >= 2 && n <= 3) ? parts : [clause];
}

/** A noun list's shared trailing date or priority ("milk, eggs and bread tomorrow") goes to every task. */
function shareTrailing(tasks: NewTaskWords[]): NewTaskWords[] {
  const last = tasks.at(-1)!;
  const others = tasks.slice(0, -1);
  if (others.some((t) => t.due_date || t.priority || VERBS.has(firstWord(t.title)))) return tasks;
  const shared = {
    ...(last.due_date ? { due_date: last.due_date } : {}),
    ...(last.priority ? { priority: last.priority } : {}),
  };
  return tasks.map((t) => ({ ...shared, ...t }));
}

/**
 * The tasks `body` lists (one when it names one task); `lines` are the message's
 * own lines when it had several. Empty when no part has a title.
 */
export function readNewTasks(body: string, clock: ZonedClock, lines: string[] = []): NewTaskWords[] {
  // Notes and quoted titles are taken whole: "notes: eggs, milk" is one note.
  if (/["“‘]|\b(?:notes?|description|details)\s*:/i.test(body) && !lines.length) {
    const one = readNewTask(body, clock);
    return one ? [one] : [];
  }
  const header = HEADER.exec(body);
  const listed = Boolean(header) || lines.length > 0 || /^\s*1[.)]\s/.test(body);
  const rest = header ? body.slice(header[0].length) : body;
  const numbered = /^\s*1[.)]\s+\S.*\s2[.)]\s+\S/.test(rest) ? rest.split(/(?:^|\s+)\d{1,2}[.)]\s+/) : [rest];
  const clauses = [...lines, ...(lines.length ? [] : numbered.flatMap((r) => r.split(ALWAYS)))].filter((c) => c.trim());
  const parts = clauses.flatMap((c) => splitList(c.trim(), listed && !lines.length, clock));
  const tasks = joinDetails(parts, clock).flatMap((p) => readNewTask(p, clock) ?? []);
  return tasks.length > 1 && !lines.length ? shareTrailing(tasks) : tasks;
}

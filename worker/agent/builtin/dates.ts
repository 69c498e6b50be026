import {
  addDays,
  daysInMonth,
  dayString,
  fromLocal,
  today,
  weekday,
  type LocalDate,
  type ZonedClock,
} from '../../lib/time-zone';

/**
 * Finds one due-date phrase in free text ("tomorrow at 5pm", "next friday",
 * "in 3 days", "dec 5", "2026-12-01") and returns the due date it names,
 * with the text that is left once the phrase is cut out. A day without a
 * time is an all-day date, `YYYY-MM-DD`; with a time ("at 5pm", "tonight")
 * it is the instant that time names in the user's zone.
 */
export interface DueMatch {
  due: string;
  rest: string;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  sun: 0,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tues: 2,
  tue: 2,
  wednesday: 3,
  wed: 3,
  thursday: 4,
  thurs: 4,
  thur: 4,
  thu: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
  sat: 6,
};
const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const monthOf = (word: string) => MONTHS[word.toLowerCase().slice(0, word.toLowerCase().startsWith('sept') ? 4 : 3)];

const LEAD = String.raw`(?:(?:due|by|on|for|before|until|till)\s+)?`;
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const FULL_DAY = '(monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const ANY_DAY =
  '(monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)';
const COUNT = String.raw`(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)`;

type Time = { hour: number; minute: number };
interface DateRule {
  re: RegExp;
  date(m: RegExpExecArray, base: LocalDate): LocalDate | null;
  /** A time the phrase itself implies ("tonight"); an explicit time wins. */
  time?: (m: RegExpExecArray) => Time | undefined;
  /** "in 3 hours": an exact instant rather than a date. */
  instant?: (m: RegExpExecArray, clock: ZonedClock) => Date | null;
}

const nextWeekday = (base: LocalDate, target: number, includeToday: boolean) => {
  let delta = (target - weekday(base) + 7) % 7;
  if (delta === 0 && !includeToday) delta = 7;
  return addDays(base, delta);
};

const validDate = (year: number, month: number, day: number): LocalDate | null =>
  month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) ? { year, month, day } : null;

/** A month and day with no year: this year, or next year if it has passed. */
const upcoming = (base: LocalDate, month: number, day: number, year?: number): LocalDate | null => {
  if (year) return validDate(year, month, day);
  const thisYear = validDate(base.year, month, day);
  if (thisYear && (month > base.month || (month === base.month && day >= base.day))) return thisYear;
  return validDate(base.year + 1, month, day);
};

const count = (word: string) => NUMBER_WORDS[word.toLowerCase()] ?? Number(word);

const PART_OF_DAY: Record<string, Time> = {
  morning: { hour: 9, minute: 0 },
  afternoon: { hour: 15, minute: 0 },
  evening: { hour: 18, minute: 0 },
  tonight: { hour: 20, minute: 0 },
  night: { hour: 20, minute: 0 },
};

const DATE_RULES: DateRule[] = [
  {
    re: new RegExp(String.raw`\b${LEAD}(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2}))?\b`, 'i'),
    date: (m) => validDate(Number(m[1]), Number(m[2]), Number(m[3])),
    time: (m) => (m[4] ? { hour: Number(m[4]), minute: Number(m[5]) } : undefined),
  },
  {
    re: new RegExp(String.raw`\b${LEAD}(?:the\s+)?day\s+after\s+tomorrow\b`, 'i'),
    date: (_, base) => addDays(base, 2),
  },
  {
    re: new RegExp(
      String.raw`\b${LEAD}(?:tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow)(?:\s+(morning|afternoon|evening|night))?\b`,
      'i',
    ),
    date: (_, base) => addDays(base, 1),
    time: (m) => (m[1] ? PART_OF_DAY[m[1].toLowerCase()] : undefined),
  },
  {
    // Late on purpose: users log what they missed, and it shows as overdue at once.
    re: new RegExp(String.raw`\b${LEAD}(?:yesterday|yday)(?:\s+(morning|afternoon|evening|night))?\b`, 'i'),
    date: (_, base) => addDays(base, -1),
    time: (m) => (m[1] ? PART_OF_DAY[m[1].toLowerCase()] : undefined),
  },
  {
    re: new RegExp(String.raw`\b${LEAD}(?:today|(tonight)|this\s+(morning|afternoon|evening))\b`, 'i'),
    date: (_, base) => base,
    time: (m) => (m[1] ? PART_OF_DAY.tonight : m[2] ? PART_OF_DAY[m[2].toLowerCase()] : undefined),
  },
  {
    re: new RegExp(String.raw`\b${LEAD}(?:the\s+)?(?:end\s+of\s+(?:the\s+)?week|this\s+week)\b`, 'i'),
    date: (_, base) => nextWeekday(base, 5, true),
  },
  {
    re: new RegExp(String.raw`\b${LEAD}(?:the\s+)?end\s+of\s+(?:the\s+)?month\b`, 'i'),
    date: (_, base) => ({ ...base, day: daysInMonth(base.year, base.month) }),
  },
  {
    re: new RegExp(String.raw`\b${LEAD}next\s+week\b`, 'i'),
    date: (_, base) => nextWeekday(base, 1, false),
  },
  {
    // "plan weekend trip" keeps its weekend: the day needs "this", "next", "the" or a lead-in.
    re: /\b(?:(?:due|by|on|for|before|until|till|at|over)\s+(?:this\s+|next\s+|the\s+)?|this\s+|next\s+|the\s+)weekend\b/i,
    date: (_, base) => nextWeekday(base, 6, true),
  },
  {
    re: new RegExp(String.raw`\b${LEAD}next\s+month\b`, 'i'),
    date: (_, base) =>
      base.month === 12 ? { year: base.year + 1, month: 1, day: 1 } : { ...base, month: base.month + 1, day: 1 },
  },
  {
    re: new RegExp(String.raw`\b(?:in|within)\s+${COUNT}\s+(minutes?|mins?|hours?|hrs?)\b`, 'i'),
    date: () => null,
    instant: (m, clock) => {
      const n = count(m[1]!);
      const unit = m[2]!.toLowerCase().startsWith('h') ? 3_600_000 : 60_000;
      return Number.isFinite(n) ? new Date(clock.now.getTime() + n * unit) : null;
    },
  },
  {
    re: new RegExp(String.raw`\b(?:in|within)\s+${COUNT}\s+(days?|weeks?|months?)\b`, 'i'),
    date: (m, base) => {
      const n = count(m[1]!);
      const unit = m[2]!.toLowerCase();
      if (!Number.isFinite(n) || n > 3650) return null;
      if (unit.startsWith('d')) return addDays(base, n);
      if (unit.startsWith('w')) return addDays(base, n * 7);
      const month0 = base.month - 1 + n;
      const year = base.year + Math.floor(month0 / 12);
      const month = (month0 % 12) + 1;
      return { year, month, day: Math.min(base.day, daysInMonth(year, month)) };
    },
  },
  {
    // "on the 15th": that day this month, or next month once it has passed. Needs the lead-in and the
    // ordinal, so "meet at the 2nd floor" keeps its floor.
    re: new RegExp(
      String.raw`\b(?:on|by|due|before|until|till)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?${MONTH})`,
      'i',
    ),
    date: (m, base) => {
      const day = Number(m[1]);
      if (day < 1 || day > 31) return null;
      for (let ahead = 0; ahead < 12; ahead++) {
        const month0 = base.month - 1 + ahead;
        const candidate = { year: base.year + Math.floor(month0 / 12), month: (month0 % 12) + 1, day };
        if (day > daysInMonth(candidate.year, candidate.month)) continue;
        if (ahead > 0 || day >= base.day) return candidate;
      }
      return null;
    },
  },
  {
    re: new RegExp(String.raw`\b${LEAD}${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b`, 'i'),
    date: (m, base) => upcoming(base, monthOf(m[1]!)!, Number(m[2]), m[3] ? Number(m[3]) : undefined),
  },
  {
    re: new RegExp(
      String.raw`\b${LEAD}(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH}(?:,?\s+(\d{4}))?\b`,
      'i',
    ),
    date: (m, base) => upcoming(base, monthOf(m[2]!)!, Number(m[1]), m[3] ? Number(m[3]) : undefined),
  },
  {
    // Full names stand alone ("call mom friday"); short ones need a lead-in, so "sun cream" stays a title.
    re: new RegExp(
      String.raw`\b(?:(?:due|by|on|for|before|until|till)\s+)?(?:(this|next)\s+)?${FULL_DAY}\b|\b(?:(?:due|by|on|for|before|until|till)\s+(?:(this|next)\s+)?|(this|next)\s+)${ANY_DAY}\b`,
      'i',
    ),
    date: (m, base) => {
      const name = (m[2] ?? m[5])!.toLowerCase();
      const which = (m[1] ?? m[3] ?? m[4])?.toLowerCase();
      return nextWeekday(base, WEEKDAYS[name]!, which === 'this');
    },
  },
  {
    // A short name with no lead-in only where nothing but a time can follow: "lunch fri noon", "water plants sat".
    re: new RegExp(
      String.raw`\b${ANY_DAY}\b(?=\s+(?:at\s+|@\s*)?(?:\d|noon|midday|morning|afternoon|evening|night)|\s*$)`,
      'i',
    ),
    date: (m, base) => nextWeekday(base, WEEKDAYS[m[1]!.toLowerCase()]!, false),
  },
];

/** `meridiem`: the phrase said am or pm itself, so no part of the day ("tonight") may move it. */
const TIME_RULES: { re: RegExp; meridiem?: true; time(m: RegExpExecArray): Time | null }[] = [
  {
    re: /\b(?:at\s+|by\s+|@\s*)?(\d{1,2})(?:[:.](\d{2}))?\s*(a\.?m\.?|p\.?m\.?)(?=\W|$)/i,
    meridiem: true,
    time: (m) => {
      let hour = Number(m[1]);
      const minute = m[2] ? Number(m[2]) : 0;
      if (hour < 1 || hour > 12 || minute > 59) return null;
      const pm = m[3]!.toLowerCase().startsWith('p');
      if (hour === 12) hour = pm ? 12 : 0;
      else if (pm) hour += 12;
      return { hour, minute };
    },
  },
  {
    re: /\b(at\s+|by\s+|@\s*)?([01]?\d|2[0-3]):([0-5]\d)\b/i,
    // "at 3:30" is the afternoon, as "at 3" is; "03:30" and "15:30" are what they say.
    time: (m) => {
      const hour = Number(m[2]);
      const afternoon = m[1] && !m[2]!.startsWith('0') && hour >= 1 && hour <= 6;
      return { hour: afternoon ? hour + 12 : hour, minute: Number(m[3]) };
    },
  },
  {
    // "by eod": the end of the working day.
    re: /\b(?:at\s+|by\s+)?(?:eod|cob|end\s+of\s+(?:the\s+)?(?:work(?:ing)?\s+)?day|close\s+of\s+business)\b/i,
    time: () => ({ hour: 17, minute: 0 }),
  },
  {
    re: /\b(?:at\s+|by\s+)?(noon|midday|midnight)\b/i,
    time: (m) => (m[1]!.toLowerCase() === 'midnight' ? { hour: 23, minute: 59 } : { hour: 12, minute: 0 }),
  },
  {
    // "at 5": people mean the afternoon for 1-6 and the morning for 7-11.
    re: /\b(?:at|@)\s*(\d{1,2})\b(?![:.\d])/i,
    time: (m) => {
      const h = Number(m[1]);
      if (h > 23) return null;
      return { hour: h >= 1 && h <= 6 ? h + 12 : h, minute: 0 };
    },
  },
  {
    re: /\b(?:in\s+the\s+)?(morning|afternoon|evening)\b/i,
    time: (m) => PART_OF_DAY[m[1]!.toLowerCase()]!,
  },
];

const cut = (text: string, m: RegExpExecArray) => `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`;
const tidy = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;!?])/g, '$1')
    .trim();

export function extractDue(text: string, clock: ZonedClock): DueMatch | null {
  const base = today(clock);
  let rest = text;
  let date: LocalDate | null = null;
  let implied: Time | undefined;

  for (const rule of DATE_RULES) {
    const m = rule.re.exec(rest);
    if (!m) continue;
    if (rule.instant) {
      const at = rule.instant(m, clock);
      if (at) return { due: at.toISOString(), rest: tidy(cut(rest, m)) };
      continue;
    }
    const d = rule.date(m, base);
    if (!d) continue;
    date = d;
    implied = rule.time?.(m);
    rest = cut(rest, m);
    break;
  }

  let time: Time | null = null;
  for (const rule of TIME_RULES) {
    const m = rule.re.exec(rest);
    if (!m) continue;
    const t = rule.time(m);
    if (!t) continue;
    // "tonight at 7" and "this evening at 6:30" mean the evening.
    time = !rule.meridiem && implied && implied.hour >= 12 && t.hour < 12 ? { ...t, hour: t.hour + 12 } : t;
    rest = cut(rest, m);
    break;
  }

  if (!date && !time) return null;
  // A day without a time is due all day: overdue only once that day is over where the user is.
  if (date && !time && !implied) return { due: dayString(date), rest: tidy(rest) };
  const chosen = (time ?? implied)!;
  if (!date) {
    // A time alone means its next occurrence: today, or tomorrow if it has passed.
    const todayAt = fromLocal({ ...base, ...chosen }, clock.timeZone);
    date = todayAt.getTime() > clock.now.getTime() ? base : addDays(base, 1);
  }
  return { due: fromLocal({ ...date, ...chosen }, clock.timeZone).toISOString(), rest: tidy(rest) };
}

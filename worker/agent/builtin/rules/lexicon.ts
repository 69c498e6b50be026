import type { Priority } from '../../../tasks/types';

/** Words several rule families share: ordinals, priorities, quotes. */

export const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  last: -1,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
  '5th': 5,
};
export const ORDINAL = '(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|1st|2nd|3rd|4th|5th)';

const PRIORITY_WORDS: Record<string, Priority> = {
  low: 'low',
  medium: 'medium',
  normal: 'medium',
  high: 'high',
  urgent: 'high',
  important: 'high',
  top: 'high',
};
export const PRIORITY = '(low|medium|normal|high|urgent|important|top)';
export const priorityOf = (word: string) => PRIORITY_WORDS[word.toLowerCase()]!;

export const unquote = (s: string) =>
  s
    .trim()
    .replace(/^["“”'‘’`]+|["“”'‘’`]+$/g, '')
    .trim();

/** Past forms people use about a task, to the verb a title starts with: "paid" to "pay", "returned" to "return". */
const IRREGULAR: Record<string, string> = {
  paid: 'pay',
  sent: 'send',
  bought: 'buy',
  did: 'do',
  done: 'do',
  made: 'make',
  took: 'take',
  taken: 'take',
  got: 'get',
  gotten: 'get',
  wrote: 'write',
  written: 'write',
  rang: 'ring',
  went: 'go',
  gone: 'go',
  sold: 'sell',
  gave: 'give',
  given: 'give',
  met: 'meet',
  brought: 'bring',
  fed: 'feed',
  ran: 'run',
  read: 'read',
  booked: 'book',
  called: 'call',
  emailed: 'email',
};

export function baseForm(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w];
  if (w.length < 5 || !w.endsWith('ed')) return w;
  if (w.endsWith('ied')) return `${w.slice(0, -3)}y`;
  // "stopped" to "stop"; "updated", "organized", "moved" keep their e.
  if (/([bdgmnprt])\1ed$/.test(w)) return w.slice(0, -3);
  return /(?:at|iz|is|ur|ul|v|c|dg|bl|tl|pl|ar)ed$/.test(w) ? w.slice(0, -1) : w.slice(0, -2);
}

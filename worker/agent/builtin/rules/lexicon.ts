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

import { editDistance, typosAllowed } from './match';

/**
 * Typos in the words that steer a message ("delte", "compelte", "finsihed",
 * "ovredue"). Only command words are corrected, and only where they steer: the
 * first word (or the one after "i" or "just"), the last word ("mark 2 as dnoe"),
 * and a few question words anywhere. Titles keep the user's own spelling. The
 * parser tries a corrected message only when the message as typed was not
 * understood as a command, so a real word is never turned into a command.
 */

/** Words a message starts with. */
const VERBS = [
  'create',
  'delete',
  'remove',
  'complete',
  'completed',
  'finish',
  'finished',
  'rename',
  'change',
  'update',
  'move',
  'reschedule',
  'postpone',
  'reopen',
  'cancel',
  'clear',
  'remind',
  'remember',
  'schedule',
  'search',
  'prioritise',
  'prioritize',
  'list',
  'show',
  'mark',
  'undo',
  'what',
  'whats',
  'anything',
];
/** Words that end a message. */
const ENDINGS = ['done', 'complete', 'completed', 'finished', 'overdue', 'priority', 'tomorrow', 'today', 'tasks'];
/** Words that filter a listing, wherever they stand. */
const ANYWHERE = ['overdue', 'priority', 'tomorrow', 'yesterday', 'tonight', 'urgent', 'important', 'pending'];

/** Real words one typo away from a command word: never "corrected". */
const REAL = new Set([
  'remote',
  'compete',
  'competed',
  'completely',
  'finnish',
  'furnished',
  'furnish',
  'delta',
  'charge',
  'chance',
  'cancer',
  'clean',
  'clever',
  'clearly',
  'remain',
  'remand',
  'remix',
  'relist',
  'lists',
  'shows',
  'marks',
  'moves',
  'wheat',
  'whale',
  'pension',
  'tasty',
]);

/** Four-letter words take only a swap ("lsit", "shwo", "dnoe"): one other edit makes too many real words. */
function near(typed: string, word: string): boolean {
  const allowed = Math.min(typosAllowed(typed), typosAllowed(word));
  if (!allowed || editDistance(typed, word, allowed) > allowed) return false;
  if (word.length > 4) return true;
  return typed.length === word.length && [...typed].sort().join('') === [...word].sort().join('');
}

/** `token` with its letters corrected to one of `vocabulary`, keeping its case of first letter and any "'s". */
function fix(token: string, vocabulary: readonly string[]): string {
  const m = /^([a-z]+)(['’]s|[?!.,]*)$/i.exec(token);
  if (!m) return token;
  const typed = m[1]!.toLowerCase();
  if (REAL.has(typed) || vocabulary.includes(typed)) return token;
  const word = vocabulary.find((w) => near(typed, w));
  return word ? `${word}${m[2]}` : token;
}

const LEADS = new Set(['i', 'just', 'pls', 'please', 'and', 'also', 'now', 'ok', 'okay', 'so']);

/** The message with its steering words corrected; the same string when nothing needed it. */
export function correctTypos(text: string): string {
  const tokens = text.split(' ');
  const first = tokens.length > 1 && LEADS.has(tokens[0]!.toLowerCase()) ? 1 : 0;
  return tokens
    .map((token, i) => {
      if (i === first) return fix(token, VERBS);
      if (i === tokens.length - 1) return fix(fix(token, ENDINGS), ANYWHERE);
      return fix(token, ANYWHERE);
    })
    .join(' ');
}

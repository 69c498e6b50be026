import { z } from 'zod';
import { pattern, type Rule } from './rule';

/** Talk that is not about one task: help, greetings, thanks, and what the parser answers when nothing fits. */
export const intents = [
  z.object({ type: z.literal('help') }),
  z.object({ type: z.literal('greet') }),
  z.object({ type: z.literal('thanks') }),
  z.object({ type: z.literal('unknown'), reason: z.enum(['no_title', 'delete_all']).optional() }),
] as const;
export type ConversationIntent = z.infer<(typeof intents)[number]>;
export type UnknownIntent = Extract<ConversationIntent, { type: 'unknown' }>;

export const rules: Rule<ConversationIntent>[] = [
  {
    id: 'conversation.help',
    intent: 'help',
    // End punctuation is gone before rules see a message, so a lone "?" never gets here: it is not understood.
    pattern: pattern(
      '^(?:help|help me|i need help|commands|what (?:else )?can you do|how does (?:this|it) work|what do you do|how do i use (?:this|you|it)',
      '|what can i (?:say|ask|type|do(?: here)?)(?: to you)?|what are (?:the|your) commands|what can you help (?:me )?with)\\??$',
    ),
    build: () => ({ type: 'help' }),
    examples: ['help', 'what can you do?', 'how does this work', 'what can i say to you?'],
  },
  {
    id: 'conversation.greet',
    intent: 'greet',
    pattern:
      /^(?:hi|hello|hey|yo|hiya|howdy|good (?:morning|afternoon|evening))(?: there| all| friend| buddy| again)?$/i,
    build: () => ({ type: 'greet' }),
    examples: ['hi', 'Hello!', 'good morning'],
  },
  {
    id: 'conversation.thanks',
    intent: 'thanks',
    pattern: pattern(
      /^you'?re\s+(?:the\s+best|great|awesome|a\s+star)$/,
      /|^(?:(?:great|perfect|cool|nice|awesome|ok|okay),?\s+)?/,
      /(?:thanks?|thank you|thx|ty|cheers|great|perfect|cool|nice|ok|okay|got it|awesome)/,
      /(?:\s+(?:so much|a lot|a bunch|very much|again|mate|buddy))?$/,
    ),
    build: () => ({ type: 'thanks' }),
    examples: ['thanks!', 'thank you', 'ok', 'got it', 'thank you so much', 'great, thanks', "you're the best, thanks"],
  },
];

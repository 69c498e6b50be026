import type { Config } from '../env';
import { createBuiltinAgent } from './builtin';
import { createOpenAIAgent, DEFAULT_MODEL } from './openai';
import type { Agent } from './types';

export type { Agent } from './types';

/** The OpenAI-compatible agent when a key is configured, else the built-in one; both use the same tools. */
export function createAgent(config: Config): Agent {
  if (!config.OPENAI_API_KEY) return createBuiltinAgent();
  return createOpenAIAgent({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL ?? DEFAULT_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS ?? 30_000,
  });
}

import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { validationError, type Issue } from './errors';

const ROOT: Record<string, string> = {
  json: 'Request body must be a JSON object',
  query: 'Invalid query string',
  param: 'Invalid path',
  tool: 'Arguments must be a JSON object',
};

/** Turns zod issues into the envelope's `issues`, naming each field. */
export function toIssues(error: z.ZodError, target = 'json'): Issue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const rootType = path === '' && i.code === 'invalid_type';
    // "?limit=5&limit=6" reaches the schema as an array.
    const repeated = target === 'query' && i.code === 'invalid_type' && /not a list$/.test(i.message);
    return { path, message: rootType ? (ROOT[target] ?? i.message) : repeated ? 'Give it once' : i.message };
  });
}

/**
 * zValidator with one hook: failures become the 400 error envelope via
 * onError instead of zValidator's own raw response.
 */
export const validate = <T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(toIssues(result.error as unknown as z.ZodError, target));
  });

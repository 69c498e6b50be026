// Types for config.mjs, so the TypeScript tests can import it.
export const CONFIG_KEYS: string[];
export function parseDotenv(text: string): Record<string, string>;
export function ensureDevVars(path?: string): boolean;
export function resolveConfig(overrides?: Record<string, string>, path?: string): Record<string, string>;
export function writeEnvFile(path: string, config: Record<string, string | undefined>): void;

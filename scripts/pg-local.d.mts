// Types for pg-local.mjs, so the TypeScript test setup can import it.
import type { Pool } from '@neondatabase/serverless';

export const DEFAULT_DATABASE_URL: string;
export const PG_MIGRATIONS: string;
export function startWsProxy(options?: {
  port?: number;
  maxConnections?: number;
}): Promise<{ address: string; port: number; close: () => Promise<void> }>;
export function configureNeon(proxyAddress?: string): void;
export function withPool<T>(url: string, fn: (pool: Pool) => Promise<T>): Promise<T>;
export function migratePg(url: string): Promise<void>;
export function reachable(url: string): Promise<boolean>;
export function isLocal(url: string): boolean;

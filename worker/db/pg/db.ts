import type { NeonDatabase } from 'drizzle-orm/neon-serverless';
import type * as schema from './schema';

export type Db = NeonDatabase<typeof schema>;

/** A transaction on the database (what db.transaction hands its callback). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

import { defineConfig } from 'drizzle-kit';

// Postgres (Neon) migrations, applied by `npm run db:migrate:pg` and by
// `npm run start:pg` through drizzle-orm's migrator (journal in meta/).
export default defineConfig({
  dialect: 'postgresql',
  schema: './worker/db/pg/schema.ts',
  out: './drizzle/pg',
});

import { defineConfig } from 'drizzle-kit';

// Flat NNNN_name.sql files: the layout wrangler's D1 migrations and
// readD1Migrations both read.
export default defineConfig({
  dialect: 'sqlite',
  schema: './worker/db/sqlite/schema.ts',
  out: './drizzle/sqlite',
});

import { createRouter } from '../app';
import { unavailable } from '../lib/errors';

export const healthRoutes = createRouter().get('/', async (c) => {
  const { database } = c.var;
  try {
    await database.ping();
  } catch (err) {
    console.error('health check: database unreachable:', err);
    throw unavailable('Database unreachable');
  }
  return c.json({ ok: true as const, database: database.dialect });
});

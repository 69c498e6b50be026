import { secureHeaders } from 'hono/secure-headers';
import { createApp } from './app';
import { cors } from './middleware/cors';
import { jsonBody } from './middleware/json-body';
import { services } from './middleware/services';
import { authRoutes } from './routes/auth';
import { healthRoutes } from './routes/health';
import { tasksRoutes } from './routes/tasks';

const app = createApp()
  .use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }))
  .use('/api/*', cors())
  .use('/api/*', jsonBody())
  .use('/api/*', services())
  .route('/api/health', healthRoutes)
  .route('/api/v1/auth', authRoutes)
  .route('/api/v1/tasks', tasksRoutes);

/** The API's type, for `hc<AppType>` in the UI: client and server cannot drift. */
export type AppType = typeof app;

export default app;

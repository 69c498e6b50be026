import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import { createApp, wrongMethod } from './app';
import type { Env } from './env';
import { cors } from './middleware/cors';
import { sameSiteOnly } from './middleware/dns-rebinding';
import { jsonBody } from './middleware/json-body';
import { services } from './middleware/services';
import { activityRoutes } from './routes/activity';
import { authRoutes } from './routes/auth';
import { chatRoutes } from './routes/chat';
import { connectionsRoutes } from './routes/connections';
import { conversationsRoutes } from './routes/conversations';
import { healthRoutes } from './routes/health';
import { liveRoutes } from './routes/live';
import { mcpRoutes } from './routes/mcp';
import { oauthRoutes, wellKnownRoutes } from './routes/oauth';
import { openApiRoutes } from './routes/openapi';
import { syncRoutes } from './routes/sync';
import { tasksRoutes } from './routes/tasks';
import { tokensRoutes } from './routes/tokens';
import { scheduled } from './scheduled';

const app = createApp();

const routes = app
  .use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }))
  .use('*', methodNotAllowed({ app, onMethodNotAllowed: wrongMethod }))
  .use('/api/*', cors())
  .use('/api/*', jsonBody())
  .use('/mcp', sameSiteOnly(), cors(), jsonBody())
  .use('/api/*', services())
  .use('/mcp', services())
  .use('/oauth/*', services())
  .route('/api/health', healthRoutes)
  .route('/api/v1/auth', authRoutes)
  .route('/api/v1/tasks', tasksRoutes)
  .route('/api/v1/activity', activityRoutes)
  .route('/api/v1/sync', syncRoutes)
  .route('/api/v1/live', liveRoutes)
  .route('/api/v1/chat', chatRoutes)
  .route('/api/v1/conversations', conversationsRoutes)
  .route('/api/v1/tokens', tokensRoutes)
  .route('/api/v1/connections', connectionsRoutes)
  .route('/mcp', mcpRoutes)
  .route('/.well-known', wellKnownRoutes)
  .route('/oauth', oauthRoutes)
  .route('/api/v1', openApiRoutes);

/** The API's type, for `hc<AppType>` in the UI: client and server cannot drift. */
export type AppType = typeof routes;

export { app };
export { LiveHub } from './live/hub';

export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>;

// The writes `npm run bench` compares between today's app and the baseline:
// a create, and an update that really changes a task (a new title each time,
// over 50 tasks in turn so parallel connections do not fight over one row).
// Today's app has a dashboard's live socket open for the writer while it is
// measured, so each write pays for its event and for a push that reaches someone.

const TASKS = 50;

/** A new user with `TASKS` tasks to update: `{token, ids}`. */
export async function prepareWriter(base, api) {
  const { body } = await api(base, 'POST', '/api/v1/auth/signup', null, {
    email: `updater-${Date.now()}@bench.test`,
    password: 'bench password',
  });
  const ids = [];
  for (let i = 0; i < TASKS; i += 10) {
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, j) =>
        api(base, 'POST', '/api/v1/tasks', body.token, { title: `Update me ${i + j}`, priority: 'low' }),
      ),
    );
    ids.push(...made.map((m) => m.body.id));
  }
  return { token: body.token, ids };
}

const HEADERS = (token) => ({
  Authorization: `Bearer ${token}`,
  'Content-Type': 'application/json',
  'X-Source': 'dashboard',
});

/** autocannon options for a create as the dashboard sends it. */
export const createOptions = (base, token) => ({
  url: `${base}/api/v1/tasks`,
  method: 'POST',
  headers: HEADERS(token),
  body: JSON.stringify({ title: 'Bench task', priority: 'high' }),
});

/** autocannon options for an update: PATCH a new title onto the writer's tasks in turn. */
export function updateOptions(base, writer) {
  let n = 0;
  return {
    url: `${base}/api/v1/tasks`,
    requests: [
      {
        method: 'PATCH',
        headers: HEADERS(writer.token),
        setupRequest: (req) => {
          const k = n++;
          return {
            ...req,
            path: `/api/v1/tasks/${writer.ids[k % writer.ids.length]}`,
            body: JSON.stringify({ title: `Bench update ${k}` }),
          };
        },
      },
    ],
  };
}

/**
 * Opens the live socket a dashboard tab would (ticket, then WebSocket) and
 * counts the versions pushed to it. `close()` returns that count.
 */
export async function openLiveSocket(base, api, token) {
  const { body } = await api(base, 'POST', '/api/v1/live/ticket', token);
  const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/api/v1/live?ticket=${encodeURIComponent(body.ticket)}`);
  let pushes = 0;
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error('the live socket did not open')), { once: true });
  });
  ws.addEventListener('message', () => pushes++);
  return {
    close() {
      ws.close();
      return pushes;
    },
  };
}

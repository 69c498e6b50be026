import { createRouter } from '../app';
import { preconditionFailed } from '../lib/errors';
import { validate } from '../lib/validate';
import { requireAuth } from '../middleware/auth';
import {
  ActivityQuerySchema,
  defaultOrder,
  TaskCreateSchema,
  TaskListQuerySchema,
  TaskPatchSchema,
} from '../tasks/schema';
import { taskTag } from '../tasks/service';
import { parseIfMatch, matchesIfNoneMatch } from './conditional';

const LIST_HEADERS = { 'Cache-Control': 'private, no-cache', Vary: 'Authorization' };

export const tasksRoutes = createRouter()
  .use(requireAuth())
  .get('/', validate('query', TaskListQuerySchema), async (c) => {
    const { tasks, userId } = c.var;
    const input = c.req.valid('query');
    const query = { ...input, order: input.order ?? defaultOrder(input.sort) };
    const ifNoneMatch = c.req.header('If-None-Match');
    if (ifNoneMatch) {
      // The idle poll: one small read, no list loaded or serialised.
      const tag = await tasks.listTag(userId, query);
      if (matchesIfNoneMatch(ifNoneMatch, tag)) return c.body(null, 304, { ETag: tag, ...LIST_HEADERS });
    }
    const { tag, tasks: list } = await tasks.list(userId, query);
    return c.json(list, 200, { ETag: tag, ...LIST_HEADERS });
  })
  .post('/', validate('json', TaskCreateSchema), async (c) => {
    const task = await c.var.tasks.create(c.var.userId, c.req.valid('json'));
    return c.json(task, 201, { ETag: taskTag(task), Location: `/api/v1/tasks/${task.id}` });
  })
  .get('/:id', async (c) => {
    const task = await c.var.tasks.get(c.var.userId, c.req.param('id'));
    return c.json(task, 200, { ETag: taskTag(task), 'Cache-Control': 'private, no-cache' });
  })
  // PUT means the same as PATCH (the API promises both): one handler for both.
  .on(['PATCH', 'PUT'], '/:id', validate('json', TaskPatchSchema), async (c) => {
    const task = await c.var.tasks.update(
      c.var.userId,
      c.req.param('id'),
      c.req.valid('json'),
      ifMatch(c.req.header('If-Match')),
    );
    return c.json(task, 200, { ETag: taskTag(task) });
  })
  .patch('/:id/toggle', async (c) => {
    const task = await c.var.tasks.toggle(c.var.userId, c.req.param('id'), ifMatch(c.req.header('If-Match')));
    return c.json(task, 200, { ETag: taskTag(task) });
  })
  .delete('/:id', async (c) => {
    await c.var.tasks.remove(c.var.userId, c.req.param('id'), ifMatch(c.req.header('If-Match')));
    return c.body(null, 204);
  })
  .post('/:id/restore', async (c) => {
    const task = await c.var.tasks.restore(c.var.userId, c.req.param('id'), ifMatch(c.req.header('If-Match')));
    return c.json(task, 200, { ETag: taskTag(task) });
  })
  .get('/:id/activity', validate('query', ActivityQuerySchema), async (c) => {
    const events = await c.var.tasks.taskActivity(c.var.userId, c.req.param('id'), c.req.valid('query'));
    return c.json(events, 200, { 'Cache-Control': 'private, no-cache' });
  });

/** If-Match as the updated_at it names; a tag that can never match answers 412 at once. */
function ifMatch(header: string | undefined): string | undefined {
  const parsed = parseIfMatch(header);
  if (parsed === 'never') throw preconditionFailed();
  return parsed;
}

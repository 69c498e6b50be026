import { z } from 'zod';
import { ErrorEnvelope } from './answers';
import { OPERATIONS, type Operation, TAGS } from './operations';

type Json = Record<string, unknown>;

/** A zod schema as an OpenAPI 3.1 schema (JSON Schema 2020-12, the document's dialect, so no `$schema`). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/** What each error status means here; every one answers with the error envelope. */
const ERRORS: Record<number, string> = {
  400: 'Malformed: a field is missing or invalid (validation_error names each), or the request cannot be read',
  401: 'No token, or one that is invalid or expired',
  403: 'A Host or Origin this server does not serve',
  404: 'No such thing, or it belongs to another user',
  409: 'Conflicts with what exists',
  412: 'If-Match names an older version: nothing was written',
  413: 'The body is over 64 KiB',
  415: 'The body is not application/json',
  426: 'Not a WebSocket upgrade',
  429: 'Rate limited: Retry-After says when to try again',
  500: 'Something went wrong on our side',
  502: 'The model server failed',
  503: 'The database cannot be reached',
  504: 'The model server did not answer in time',
};

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds until a request may succeed', schema: { type: 'integer' } },
};

const errorRef = (status: number) => ({ $ref: `#/components/responses/E${status}` });

function parameters(op: Operation): Json[] {
  const path = [...op.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = op.query ? jsonSchema(op.query, 'input') : {};
  const required = new Set((query.required as string[] | undefined) ?? []);
  const fields = Object.entries((query.properties as Record<string, Json> | undefined) ?? {}).map(([name, schema]) => {
    const { description, ...rest } = schema;
    return { name, in: 'query', required: required.has(name), description, schema: rest };
  });
  const ifNoneMatch = op.answer.notModified
    ? [
        {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'The ETag of the list as last fetched: 304 with no body while it still holds',
          schema: { type: 'string' },
        },
      ]
    : [];
  const ifMatch = op.ifMatch
    ? [
        {
          name: 'If-Match',
          in: 'header',
          required: false,
          description: "The task's ETag as last seen: the write happens only if the task has not changed since",
          schema: { type: 'string' },
        },
      ]
    : [];
  return [...path, ...fields, ...ifMatch, ...ifNoneMatch];
}

/** Server-sent events: action and delta as the turn goes, then done (the JSON answer) or error (the envelope). */
const EVENTS = {
  schema: {
    type: 'string',
    description: 'event: action / delta as the turn runs, then one done (the JSON answer) or error (the envelope)',
  },
};

function answer(op: Operation): Json {
  const { status, description, schema, etag, notModified, stream } = op.answer;
  const headers = etag ? { ETag: { description: "The task's (or list's) version", schema: { type: 'string' } } } : {};
  const json = schema ? { 'application/json': { schema: jsonSchema(schema, 'output') } } : undefined;
  const content = json
    ? { ...json, ...(stream ? { 'text/event-stream': EVENTS } : {}) }
    : op.path.endsWith('/docs')
      ? { 'text/html': { schema: { type: 'string' } } }
      : undefined;
  const unchanged = notModified
    ? { 304: { description: 'Unchanged since the ETag sent as If-None-Match', headers } }
    : {};
  return {
    [status]: { description, ...(etag ? { headers } : {}), ...(content ? { content } : {}) },
    ...unchanged,
  };
}

function operation(op: Operation): Json {
  const statuses = [...new Set([...op.errors, ...(op.auth === false ? [] : [401]), 500])].sort();
  return {
    operationId: `${op.method}${op.path.replace(/[-/:.]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: op.auth === false ? [] : [{ bearerAuth: [] }],
    parameters: parameters(op),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } } }
      : {}),
    responses: { ...answer(op), ...Object.fromEntries(statuses.map((s) => [s, errorRef(s)])) },
  };
}

/** Hono's `/tasks/:id` as OpenAPI writes it, `/tasks/{id}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function paths(): Json {
  const byPath: Record<string, Json> = {};
  for (const op of OPERATIONS) {
    const path = openApiPath(op.path);
    byPath[path] = { ...byPath[path], [op.method]: operation(op) };
  }
  return byPath;
}

/** The OpenAPI 3.1 document for the REST API, built from the schemas the routes validate and answer with. */
export function openApiDocument(): Json {
  const envelope = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Unified tasks',
      version: '1.0.0',
      description:
        'One task list per user for a dashboard, a chat agent and MCP clients. JSON under /api/v1, Bearer ' +
        'tokens, and one error envelope for every failure.',
    },
    servers: [{ url: '/' }],
    tags: TAGS.map((name) => ({ name })),
    paths: paths(),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token from POST /api/v1/auth/signup or /login, or a personal access token (utk_pat_…)',
        },
      },
      schemas: { Error: jsonSchema(ErrorEnvelope, 'output') },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([status, description]) => [
          `E${status}`,
          { description, ...(status === '429' ? { headers: RETRY_AFTER } : {}), content: envelope },
        ]),
      ),
    },
  };
}

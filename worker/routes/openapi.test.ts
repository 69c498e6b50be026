import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { app } from '../index';
import { openApiPath } from '../openapi/document';
import { call, client, signup } from '../test/helpers';

type Json = Record<string, unknown>;

/** The parts of OpenAPI 3.1 this document uses, strictly: a typo'd or misplaced key fails. */
const Schema = z.record(z.string(), z.unknown());
const Ref = z.strictObject({ $ref: z.string() });
const Media = z.record(z.string().regex(/^[a-z]+\/[a-z+.-]+$/), z.strictObject({ schema: Schema }));
const Response = z.strictObject({
  description: z.string().min(1),
  headers: z.record(z.string(), z.strictObject({ description: z.string(), schema: Schema })).optional(),
  content: Media.optional(),
});
const Parameter = z.strictObject({
  name: z.string().min(1),
  in: z.enum(['path', 'query', 'header']),
  required: z.boolean(),
  description: z.string().optional(),
  schema: Schema,
});
const Operation = z.strictObject({
  operationId: z.string().regex(/^[A-Za-z0-9]+$/),
  tags: z.array(z.string()).length(1),
  summary: z.string().min(1),
  description: z.string().optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))),
  parameters: z.array(Parameter),
  requestBody: z.strictObject({ required: z.boolean(), content: Media }).optional(),
  responses: z.record(z.string().regex(/^[1-5]\d\d$/), z.union([Ref, Response])),
});
const Method = z.enum(['get', 'post', 'put', 'patch', 'delete']);
const Document = z.strictObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.strictObject({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.array(z.strictObject({ url: z.string() })),
  tags: z.array(z.strictObject({ name: z.string() })),
  paths: z.record(z.string().startsWith('/'), z.partialRecord(Method, Operation)),
  components: z.strictObject({
    securitySchemes: z.record(
      z.string(),
      z.strictObject({ type: z.literal('http'), scheme: z.literal('bearer'), description: z.string() }),
    ),
    schemas: z.record(z.string(), Schema),
    responses: z.record(z.string(), Response),
  }),
});

async function fetchDocument() {
  const res = await call('/api/v1/openapi.json');
  expect(res.status).toBe(200);
  const raw = (await res.json()) as Json;
  return { raw, doc: Document.parse(raw) };
}

/** Every `$ref` anywhere in `value`. */
const refs = (value: unknown): string[] =>
  typeof value !== 'object' || value === null
    ? []
    : Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refs(v)));

/** What a JSON pointer `#/a/b` names in `root`. */
const resolve = (root: Json, ref: string): unknown =>
  ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], root);

/** A schema from the document, with its components beside it so `#/components/…` refs resolve as in the document. */
const withComponents = (schema: Json, doc: Json) =>
  ({ ...schema, components: doc.components }) as Parameters<AjvJsonSchemaValidator['getValidator']>[0];

/** Every (method, path) the app serves, as OpenAPI writes it: `GET /api/v1/tasks/{id}`. */
const mounted = () =>
  new Set(
    app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${openApiPath(r.path.replace(/(.)\/$/, '$1'))}`),
  );

describe('the OpenAPI document at /api/v1/openapi.json', () => {
  it('is OpenAPI 3.1: every operation well-formed, every $ref resolves, every path parameter declared', async () => {
    const { raw, doc } = await fetchDocument();
    for (const ref of refs(raw)) expect(resolve(raw, ref), ref).toBeDefined();
    const ids = new Set<string>();
    const schemes = Object.keys(doc.components.securitySchemes);
    for (const [path, item] of Object.entries(doc.paths)) {
      const template = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        const where = `${method} ${path}`;
        expect(ids.has(op!.operationId), where).toBe(false);
        ids.add(op!.operationId);
        const inPath = op!.parameters.filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort(), where).toEqual([...template].sort());
        expect(inPath.every((p) => p.required)).toBe(true);
        for (const s of op!.security) expect(schemes, where).toEqual(expect.arrayContaining(Object.keys(s)));
        expect(
          Object.keys(op!.responses).some((s) => /^[12]/.test(s)),
          `${where}: a success answer`,
        ).toBe(true);
        // Every failure answers with the error envelope.
        for (const [status, r] of Object.entries(op!.responses)) {
          if (/^[45]/.test(status))
            expect(r, `${where} ${status}`).toEqual({ $ref: `#/components/responses/E${status}` });
        }
        expect(op!.tags[0], where).toBeOneOf(doc.tags.map((t) => t.name));
      }
    }
  });

  it('holds only valid JSON Schemas: each compiles', async () => {
    const { raw } = await fetchDocument();
    const ajv = new AjvJsonSchemaValidator();
    const schemas: Json[] = [];
    const collect = (value: unknown) => {
      if (typeof value !== 'object' || value === null) return;
      for (const [k, v] of Object.entries(value)) k === 'schema' ? schemas.push(v as Json) : collect(v);
    };
    collect(raw.paths);
    expect(schemas.length).toBeGreaterThan(50);
    for (const s of schemas) expect(() => ajv.getValidator(withComponents(s, raw))).not.toThrow();
  });

  it('describes every route the app mounts, and nothing it does not', async () => {
    const { doc } = await fetchDocument();
    const described = new Set(
      Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    const routes = mounted();
    expect(routes.size).toBeGreaterThan(20);
    expect(
      [...routes].filter((r) => !described.has(r)),
      'mounted but not described',
    ).toEqual([]);
    expect(
      [...described].filter((r) => !routes.has(r)),
      'described but not mounted',
    ).toEqual([]);
  });

  it('says which routes need a token: each of them answers 401 without one', async () => {
    const { doc } = await fetchDocument();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const url = path.replace(/\{\w+\}/g, '3f2b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b');
        const secured = op!.security.length > 0;
        if (!secured) continue;
        expect('401' in op!.responses, `${method} ${path}`).toBe(true);
        const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' };
        const res = await call(url, {
          method: method.toUpperCase(),
          headers,
          body: method === 'get' ? undefined : '{}',
        });
        expect(res.status, `${method} ${path}`).toBe(401);
      }
    }
  });

  it('matches what the routes answer: bodies and errors validate against the documented schemas', async () => {
    const { raw, doc } = await fetchDocument();
    const ajv = new AjvJsonSchemaValidator();
    /** Checks `body` against what the document says `method path` answers with `status`. */
    const expectDocumented = (method: string, path: string, status: number, body: unknown) => {
      const where = `${method} ${path} ${status}`;
      const operation = doc.paths[path]?.[method as z.infer<typeof Method>];
      const declared = operation?.responses[status];
      expect(declared, where).toBeDefined();
      const response = (declared && '$ref' in declared ? resolve(raw, declared.$ref) : declared) as z.infer<
        typeof Response
      >;
      const schema = response.content?.['application/json']?.schema;
      expect(schema, where).toBeDefined();
      const result = ajv.getValidator(withComponents(schema!, raw))(body);
      expect(result.errorMessage, where).toBeUndefined();
      expect(result.valid, where).toBe(true);
    };
    const { token, user } = await signup('openapi');
    expectDocumented('post', '/api/v1/auth/signup', 201, { token, user });
    const me = client(token);
    const send = async (method: string, path: string, status: number, doing: Promise<Response>) => {
      const res = await doing;
      expect(res.status, `${method} ${path}`).toBe(status);
      const body = res.status === 204 ? undefined : await res.json();
      if (body !== undefined) expectDocumented(method, path, status, body);
      return body as Json;
    };
    const task = await send(
      'post',
      '/api/v1/tasks',
      201,
      me.post('/api/v1/tasks', { title: 'Documented', due_date: '2026-12-24' }),
    );
    const one = `/api/v1/tasks/${task.id}`;
    const list = await me.get('/api/v1/tasks');
    expectDocumented('get', '/api/v1/tasks', 200, await list.json());
    const unchanged = await me.get('/api/v1/tasks', { 'If-None-Match': list.headers.get('ETag')! });
    expect(unchanged.status).toBe(304);
    expect(doc.paths['/api/v1/tasks']?.get?.responses[304]).toBeDefined();
    await send('get', '/api/v1/tasks/{id}', 200, me.get(one));
    await send('patch', '/api/v1/tasks/{id}', 200, me.patch(one, { priority: 'high' }));
    await send('patch', '/api/v1/tasks/{id}/toggle', 200, me.patch(`${one}/toggle`));
    await send('get', '/api/v1/tasks/{id}/activity', 200, me.get(`${one}/activity`));
    await send('delete', '/api/v1/tasks/{id}', 204, me.delete(one));
    const events = (await send('get', '/api/v1/activity', 200, me.get('/api/v1/activity'))) as unknown as Json[];
    await send('post', '/api/v1/activity/{id}/undo', 200, me.post(`/api/v1/activity/${events[0]!.id}/undo`));
    await send('get', '/api/v1/sync', 200, me.get('/api/v1/sync?since=1'));
    await send('get', '/api/v1/auth/me', 200, me.get('/api/v1/auth/me'));
    await send('post', '/api/v1/live/ticket', 200, me.post('/api/v1/live/ticket'));
    const chat = await send('post', '/api/v1/chat', 200, me.post('/api/v1/chat', { message: 'add buy milk' }));
    await send('get', '/api/v1/conversations', 200, me.get('/api/v1/conversations'));
    const messages = `/api/v1/conversations/${chat.conversation_id}/messages`;
    await send('get', '/api/v1/conversations/{id}/messages', 200, me.get(messages));
    await send('get', '/api/health', 200, call('/api/health'));
    // Errors: the envelope, with issues for a validation error.
    const invalid = await send('post', '/api/v1/tasks', 400, me.post('/api/v1/tasks', { title: '' }));
    expect(invalid).toMatchObject({ error: { code: 'validation_error', issues: [{ path: 'title' }] } });
    await send('get', '/api/v1/tasks/{id}', 404, me.get('/api/v1/tasks/3f2b6a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'));
    await send('get', '/api/v1/tasks', 401, call('/api/v1/tasks'));
    await send('patch', '/api/v1/tasks/{id}', 412, me.patch(one, { title: 'x' }, { 'If-Match': '"stale"' }));
  });
});

describe('the reference page at /api/v1/docs', () => {
  it('is an HTML page that reads the document, under a CSP allowing only its own script', async () => {
    const res = await call('/api/v1/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('/api/v1/openapi.json');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    const nonce = /script-src 'nonce-([0-9a-f]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // A new nonce every time.
    const again = (await call('/api/v1/docs')).headers.get('Content-Security-Policy');
    expect(again).not.toBe(csp);
  });
});
